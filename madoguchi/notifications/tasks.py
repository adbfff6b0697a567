from smtplib import SMTPException

from celery import shared_task

from madoguchi.notifications.services import deliver_now, sweep_outbox


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=12,
    ignore_result=True,
)
def deliver(notification_id: int) -> bool:
    """Deliver one notification; an unreachable mail server is retried with back-off for a day.

    Nobody waits for the result (the row's ``sent_at`` is the record), so none is stored: with
    a result backend, every ``delay()`` would otherwise also subscribe to the result's channel —
    on the submission request's time.
    """
    return deliver_now(notification_id)


@shared_task
def sweep_outbox_task() -> int:
    """Every minute: re-enqueue notifications whose message was lost (e.g. Redis was down)."""
    return sweep_outbox()
