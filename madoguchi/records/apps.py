from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """公文書管理 — receipt registration, the file plan, retention and disposal."""

    name = "madoguchi.records"
    label = "records"

    def ready(self) -> None:
        from madoguchi.approvals.services import register_subject
        from madoguchi.records import services

        register_subject(services.DISPOSAL_SUBJECT, services.disposal_closed)
