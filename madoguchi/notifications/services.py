"""Sending notifications: recorded in the caller's transaction, delivered after commit."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from madoguchi.notifications.models import Notification


def notify(*, key: str, to: str, subject: str, body: str) -> Notification | None:
    """Queue one e-mail under ``key``; a key already used is not queued again. No address: None."""
    if not to:
        return None
    notification, created = Notification.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body}
    )
    if created:
        from madoguchi.notifications.tasks import deliver

        deliver.delay_on_commit(notification.pk)
    return notification


def deliver_now(notification_id: int) -> bool:
    """Send if not sent yet. Returns whether this call sent it. SMTP errors propagate (to retry)."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.sent_at is not None:
            return False
        notification.attempts += 1
        notification.save(update_fields=["attempts"])
    send_mail(notification.subject, notification.body, settings.DEFAULT_FROM_EMAIL, [notification.to])
    Notification.objects.filter(pk=notification_id).update(sent_at=timezone.now())
    return True
