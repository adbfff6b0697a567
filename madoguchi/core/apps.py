from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting plumbing: page layout, health checks, request ids, date formats."""

    name = "madoguchi.core"
    label = "core"
