from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """アカウント — staff and residents, two kinds of user with separate sign-in."""

    name = "madoguchi.accounts"
    label = "accounts"

    def ready(self) -> None:
        from madoguchi.accounts import signals  # noqa: F401  (connects the sign-in audit receivers)
