from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """通知 — e-mail to residents and staff, sent after commit, kept in an outbox in the demo."""

    name = "madoguchi.notifications"
    label = "notifications"
