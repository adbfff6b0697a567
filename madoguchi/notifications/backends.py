"""The demo's SMTP stand-in: Django's mail API, delivered into the outbox table."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from madoguchi.notifications.models import OutboxMessage

        for message in email_messages:
            OutboxMessage.objects.create(to=", ".join(message.to), subject=message.subject, body=message.body)
        return len(email_messages)
