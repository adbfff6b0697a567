from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    """電子決裁 — drafts (起案) and their approval routes."""

    name = "madoguchi.approvals"
    label = "approvals"

    def ready(self) -> None:
        from madoguchi.approvals import services, subjects

        services.register_subject(subjects.CASE_SUBJECT, subjects.case_decided)
