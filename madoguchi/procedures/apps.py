from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    """手続 — the procedure catalogue and life-event guides."""

    name = "madoguchi.procedures"
    label = "procedures"
