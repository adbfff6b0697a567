from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    """手続 — the procedure catalogue and life-event guides."""

    name = "madoguchi.procedures"
    label = "procedures"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from madoguchi.procedures.models import Procedure
        from madoguchi.procedures.receivers import procedure_changed

        post_save.connect(procedure_changed, sender=Procedure, dispatch_uid="procedures.saved")
        post_delete.connect(procedure_changed, sender=Procedure, dispatch_uid="procedures.deleted")
