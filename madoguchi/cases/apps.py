from django.apps import AppConfig


class CasesConfig(AppConfig):
    """申請・案件 — drafts, submissions, their case handling by staff, and messages."""

    name = "madoguchi.cases"
    label = "cases"
