"""Send the audit trail through its own connection where the database has one.

On PostgreSQL ``settings.DATABASES`` has an ``audit`` alias: the same database, a second
connection. Audit events are then written in their own short transaction (see services.py).
Both aliases name one database, so only ``default`` runs migrations.
"""

from django.conf import settings

AUDIT_ALIAS = "audit"


class AuditRouter:
    def _alias(self, model) -> str | None:
        if model._meta.app_label == "audit" and AUDIT_ALIAS in settings.DATABASES:
            return AUDIT_ALIAS
        return None

    def db_for_read(self, model, **hints) -> str | None:
        return self._alias(model)

    def db_for_write(self, model, **hints) -> str | None:
        return self._alias(model)

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db != AUDIT_ALIAS
