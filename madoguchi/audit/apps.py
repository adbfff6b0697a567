from django.apps import AppConfig


class AuditConfig(AppConfig):
    """監査証跡 — the append-only, hash-chained record of who did or looked at what."""

    name = "madoguchi.audit"
    label = "audit"
