from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """住民記録 — the reference resident registry (households and resident records)."""

    name = "madoguchi.registry"
    label = "registry"
