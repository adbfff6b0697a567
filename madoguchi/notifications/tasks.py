from smtplib import SMTPException

from celery import shared_task

from madoguchi.notifications.services import deliver_now


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, retry_backoff_max=3600, max_retries=12)
def deliver(notification_id: int) -> bool:
    """Deliver one notification; an unreachable mail server is retried with back-off for a day."""
    return deliver_now(notification_id)
