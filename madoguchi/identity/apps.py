from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """本人確認 — resident sign-in with the My Number Card through OpenID Connect."""

    name = "madoguchi.identity"
    label = "identity"
