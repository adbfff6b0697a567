"""支払の参照 — reads other apps and the staff pages use.

A payment names its payer and what they paid for, so staff reach only the payments of the
departments they work in (``staff_reach``): the department filter is in each staff query, and
the payer's own reads filter by the payer.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from madoguchi.accounts.models import Role
from madoguchi.accounts.roles import Reach, reach
from madoguchi.audit.services import record_event
from madoguchi.payments import purposes, states
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


# Who handles fees: the counter takes them, the responsible department's officers and head
# see and refund them (a 会計課 member is given one of these roles for every department).
STAFF_ROLES = (Role.COUNTER_STAFF, Role.CASE_OFFICER, Role.DEPARTMENT_HEAD)


def staff_reach(user) -> Reach:
    """The departments whose payments ``user`` may see today."""
    return reach(user, *STAFF_ROLES)


def payments_for_staff(user) -> QuerySet[Payment]:
    """Every payment of the departments the staff member works in (none for anyone else)."""
    return staff_reach(user).filter(Payment.objects.select_related("payer", "recorded_by", "department"))


def recent_payments(user, limit: int = 100) -> QuerySet[Payment]:
    return payments_for_staff(user).order_by("-created_at")[:limit]


def payment_for_staff(user, payment_id, *, purpose: str) -> Payment | None:
    """One payment, if it belongs to the staff member's departments.

    The look is audited: the page names the payer and what they paid for. A fee for an
    application is filed under that application, so it shows on the resident's access-log page.
    """
    try:
        payment = payments_for_staff(user).filter(pk=payment_id).first()
    except (ValueError, TypeError, ValidationError):
        return None
    if payment is not None:
        kind, reference = purposes.parse(payment.purpose)
        receipt_number = reference if kind == purposes.CASE else ""
        record_event(
            action="payments.view",
            actor=user,
            object_type="cases.submission" if receipt_number else "payments.payment",
            object_id=receipt_number or str(payment.pk),
            purpose=purpose,
            details={"payment": str(payment.pk), "reference": payment.reference},
        )
    return payment


def payment_of(user, payment_id, *, purpose: str) -> Payment | None:
    """The signed-in person's own payment — or, for staff, one of their departments' (audited)."""
    if user.is_staff_member:
        return payment_for_staff(user, payment_id, purpose=purpose)
    try:
        return Payment.objects.filter(payer=user, pk=payment_id).first()
    except (ValueError, TypeError, ValidationError):
        return None
