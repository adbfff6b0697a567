from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """公文書管理 — receipt registration, the file plan, retention and disposal."""

    name = "madoguchi.records"
    label = "records"
