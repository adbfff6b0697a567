"""Background work for payments: the mop-up job, and the sandbox gateway's webhook deliveries."""

from __future__ import annotations

import datetime as dt
import logging

import requests
from celery import shared_task
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

#: A payment left open this long is asked about by the mop-up job (the resident may have gone).
SETTLE_AFTER = dt.timedelta(minutes=30)
WEBHOOK_ATTEMPTS = 6


@shared_task
def settle_payments(older_than_minutes: int | None = None) -> dict[str, int]:
    """後始末 — ask the provider about every payment still open after a while.

    A lost webhook, a resident who closed the tab, a QR payment finished on a phone: each leaves
    a payment ``created`` here although the provider knows better. Asking settles it, through
    the same state machine as everything else. Run it every few minutes (``madoguchi
    settle_payments`` from cron, or Celery beat).
    """
    from madoguchi.payments import selectors, services
    from madoguchi.payments.adapters import ProviderError, ProviderRejected

    age = SETTLE_AFTER if older_than_minutes is None else dt.timedelta(minutes=older_than_minutes)
    counts = {"asked": 0, "changed": 0, "failed": 0}
    for payment in selectors.open_payments_older_than(timezone.now() - age).iterator():
        counts["asked"] += 1
        try:
            settled = services.refresh_payment(payment=payment)
        except (ProviderError, ProviderRejected) as error:
            counts["failed"] += 1
            logger.warning(
                "mop-up could not ask the provider", extra={"payment": str(payment.pk), "error": str(error)}
            )
            continue
        if settled.state != payment.state:
            counts["changed"] += 1
    logger.info("payments settled", extra=counts)
    return counts


@shared_task(bind=True, max_retries=WEBHOOK_ATTEMPTS - 1)
def deliver_sandbox_webhook(self, webhook_id: int) -> None:
    """The sandbox gateway posts one signed event to the merchant, retrying with back-off.

    The duplicate-delivery fault posts the same event several times, as real gateways do after a
    timeout; the receiver must recognise it.
    """
    from madoguchi.identity.adapters.inprocess import InProcessWSGIAdapter
    from madoguchi.payments.models import SandboxFaults, SandboxWebhook
    from madoguchi.payments.webhooks import SIGNATURE_HEADER, sign

    webhook = SandboxWebhook.objects.get(pk=webhook_id)
    if webhook.delivered_at is not None:
        return
    session = requests.Session()
    session.mount(webhook.url.split("/payments/")[0] + "/", InProcessWSGIAdapter())
    body = webhook.body.encode()
    status = 0
    for _copy in range(max(1, SandboxFaults.current().duplicate_deliveries)):
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, secret=settings.PAYMENTS_WEBHOOK_SECRET),
        }
        try:
            status = session.post(webhook.url, data=body, headers=headers, timeout=10).status_code
        except requests.RequestException:
            status = 0
    webhook.attempts += 1
    webhook.last_status = status or None
    if 200 <= status < 300:
        webhook.delivered_at = timezone.now()
    webhook.save(update_fields=["attempts", "last_status", "delivered_at"])
    if webhook.delivered_at is None and not self.request.is_eager:
        raise self.retry(countdown=min(3600, 10 * 2**webhook.attempts))
