from smtplib import SMTPException

from celery import shared_task

from madoguchi.notifications.services import deliver_now, sweep_outbox


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, retry_backoff_max=3600, max_retries=12)
def deliver(notification_id: int) -> bool:
    """Deliver one notification; an unreachable mail server is retried with back-off for a day."""
    return deliver_now(notification_id)


@shared_task
def sweep_outbox_task() -> int:
    """Every minute: re-enqueue notifications whose message was lost (e.g. Redis was down)."""
    return sweep_outbox()
