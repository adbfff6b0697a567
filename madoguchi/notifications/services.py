"""Sending notifications: recorded in the caller's transaction, delivered after commit."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connections, router, transaction
from django.utils import timezone

from madoguchi.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(*, key: str, to: str, subject: str, body: str) -> Notification | None:
    """Queue one e-mail under ``key``; a key already used is not queued again. No address: None."""
    if not to:
        return None
    notification = Notification(key=key, to=to, subject=subject, body=body, created_at=timezone.now())
    if not _insert_unless_queued(notification):
        return Notification.objects.get(key=key)
    pk = notification.pk
    # robust: a broker that is down must not turn a committed request into an error; the row
    # stays unsent and ``sweep_outbox`` enqueues it again.
    transaction.on_commit(lambda: _enqueue(pk), robust=True)
    return notification


# Standard SQL identifiers, so PostgreSQL and SQLite read the same statement.
_INSERT_UNLESS_QUEUED = (
    'INSERT INTO "notifications_notification" ("key", "to", "subject", "body", "created_at", "attempts") '
    'VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT ("key") DO NOTHING RETURNING "id"'
)


def _insert_unless_queued(notification: Notification) -> bool:
    """Insert the row unless its key is taken; whether it was inserted (then its pk is set).

    One statement (``INSERT … ON CONFLICT DO NOTHING RETURNING``, PostgreSQL and SQLite alike)
    instead of get_or_create's read, savepoint, insert and release: a submission request pays
    for each round trip, and the key is almost always new.
    """
    connection = connections[router.db_for_write(Notification)]
    params = [
        notification.key,
        notification.to,
        notification.subject,
        notification.body,
        connection.ops.adapt_datetimefield_value(notification.created_at),
        notification.attempts,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_UNLESS_QUEUED, params)
        row = cursor.fetchone()
    if row is None:
        return False
    notification.pk = row[0]
    notification._state.adding = False
    return True


def _enqueue(notification_id: int) -> None:
    from madoguchi.notifications.tasks import deliver

    try:
        deliver.delay(notification_id)
    except Exception as error:  # the broker is unreachable: kombu/redis raise several kinds
        logger.warning(
            "notification %s not enqueued (%s); the outbox sweeper will retry",
            notification_id,
            type(error).__name__,
        )


def pending(*, older_than: dt.timedelta, max_attempts: int = 12) -> list[int]:
    """Unsent notifications created more than ``older_than`` ago (their message may be lost)."""
    cutoff = timezone.now() - older_than
    return list(
        Notification.objects.filter(sent_at__isnull=True, created_at__lte=cutoff, attempts__lt=max_attempts)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def sweep_outbox(*, older_than: dt.timedelta = dt.timedelta(minutes=2), in_process: bool = False) -> int:
    """送信箱の再送: enqueue (or, ``in_process``, send now) every unsent notification; returns how many.

    Delivery is idempotent (``deliver_now`` checks ``sent_at`` under a row lock), so a message
    that was only slow, not lost, is still sent once.
    """
    ids = pending(older_than=older_than)
    for notification_id in ids:
        if in_process:
            deliver_now(notification_id)
        else:
            _enqueue(notification_id)
    return len(ids)


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
