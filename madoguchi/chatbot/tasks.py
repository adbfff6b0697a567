"""Background work of the chatbot: delivering staff replies to residents, semantic vectors."""

from __future__ import annotations

from celery import shared_task

from madoguchi.chatbot import services


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def deliver_inquiry_reply(self, inquiry_id: int) -> None:
    """Push or e-mail a staff reply; LINE errors are retried a few times."""
    try:
        services.deliver_inquiry_reply_now(inquiry_id)
    except Exception as error:  # a LINE outage: try again later
        raise self.retry(exc=error) from error


@shared_task
def embed_faqs() -> int:
    """Embed the FAQ phrasings that have no vector yet (see ``services.embed_faqs``)."""
    return services.embed_faqs()
