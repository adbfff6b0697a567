from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    """組織 — the municipality, its department tree, posts, and who held which post when."""

    name = "madoguchi.organization"
    label = "organization"
