"""支払の参照 — reads other apps and the staff pages use (payments hold no personal data)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from madoguchi.payments import states
from madoguchi.payments.models import Payment, Refund


def payment_by_id(payment_id) -> Payment | None:
    try:
        return Payment.objects.select_related("payer", "recorded_by").get(pk=payment_id)
    except (Payment.DoesNotExist, ValueError, TypeError):
        return None


def payment_by_reference(reference: str) -> Payment | None:
    """The most recent payment with this reference (e.g. a receipt number)."""
    return Payment.objects.filter(reference=reference).order_by("-created_at").first()


def payments_for_purpose(purpose: str) -> QuerySet[Payment]:
    """Every payment made for ``purpose`` (``"case:<receipt>"`` …), newest first."""
    return Payment.objects.filter(purpose=purpose).order_by("-created_at")


def captured_payment_for_purpose(purpose: str) -> Payment | None:
    """The payment that paid for ``purpose`` (captured, possibly refunded since), if any."""
    return payments_for_purpose(purpose).filter(state__in=states.PAID).first()


def is_paid(purpose: str) -> bool:
    """Whether ``purpose`` has a captured payment not refunded in full."""
    return (
        payments_for_purpose(purpose)
        .filter(state__in=[states.State.CAPTURED, states.State.PARTIALLY_REFUNDED])
        .exists()
    )


def open_payments_older_than(moment: dt.datetime) -> QuerySet[Payment]:
    """Online payments still waiting for the provider's word, for the mop-up job."""
    return Payment.objects.filter(
        channel=Payment.Channel.ONLINE, state__in=states.OPEN, created_at__lt=moment
    ).exclude(provider_payment_id="")


def refunds_of(payment: Payment) -> QuerySet[Refund]:
    return payment.refunds.select_related("actor").order_by("created_at")


def recent_payments(limit: int = 100) -> QuerySet[Payment]:
    return Payment.objects.select_related("payer", "recorded_by").order_by("-created_at")[:limit]
