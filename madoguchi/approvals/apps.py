from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    """電子決裁 — drafts (起案) and their approval routes."""

    name = "madoguchi.approvals"
    label = "approvals"
