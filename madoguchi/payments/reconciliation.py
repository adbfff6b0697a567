"""日次照合 — the day's payments and refunds for 会計課, with every mismatch named.

Each payment captured, created or refunded on the day (Asia/Tokyo) is one row; each refund is one
row; and each disagreement with the provider — a different amount, a different state, a different
refunded total, or a payment the provider cannot find — is a row of its own, so the accounts
section can act on it without comparing two lists by eye.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from madoguchi.accounts.roles import Reach
from madoguchi.payments import states
from madoguchi.payments.adapters import ProviderError, ProviderRejected, gateway
from madoguchi.payments.models import Payment, Refund

HEADER = [
    "種別",
    "日時",
    "参照番号",
    "内容",
    "用途",
    "経路",
    "支払方法",
    "金額",
    "状態",
    "決済ID",
    "納付ID",
    "備考",
]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def _local(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _payment_row(kind: str, payment: Payment, amount: int, note: str = "") -> list[str]:
    return [
        kind,
        _local(payment.captured_at or payment.created_at),
        payment.reference,
        payment.description,
        payment.purpose,
        payment.get_channel_display(),
        payment.get_method_display(),
        str(amount),
        payment.get_state_display(),
        payment.provider_payment_id,
        str(payment.pk),
        note,
    ]


def _mismatches(payment: Payment) -> list[str]:
    found = []
    if payment.provider_amount is not None:
        found.append(f"決済代行業者の金額 {payment.provider_amount}円 が納付額と異なる")
    if payment.channel != Payment.Channel.ONLINE or not payment.provider_payment_id:
        return found
    try:
        theirs = gateway().get_payment(payment.provider_payment_id)
    except ProviderRejected:
        return [*found, "決済代行業者にこの決済がない"]
    except ProviderError:
        return [*found, "決済代行業者に照会できなかった"]
    ours_paid = payment.state in states.PAID
    if (theirs.status in states.PAID) != ours_paid or (not ours_paid and theirs.status != payment.state):
        found.append(f"状態が異なる（当方 {payment.state}、決済代行業者 {theirs.status}）")
    if theirs.refunded_amount != payment.refunded_amount:
        found.append(
            f"還付額が異なる（当方 {payment.refunded_amount}円、決済代行業者 {theirs.refunded_amount}円）"
        )
    return found


def rows(day: dt.date, reach: Reach) -> Iterator[list[str]]:
    """The day's rows for the departments within ``reach`` (会計課 reaches every department)."""
    start, end = _day_bounds(day)
    payments = reach.filter(
        Payment.objects.filter(
            Q(created_at__gte=start, created_at__lt=end) | Q(captured_at__gte=start, captured_at__lt=end)
        )
    ).order_by("created_at")
    for payment in payments.iterator():
        yield _payment_row("納付", payment, payment.amount)
        for problem in _mismatches(payment):
            yield _payment_row("不一致", payment, payment.amount, problem)
    refunds = reach.filter(
        Refund.objects.filter(created_at__gte=start, created_at__lt=end).select_related("payment"),
        "payment__department_id",
    )
    for made in refunds.order_by("created_at"):
        row = _payment_row("還付", made.payment, made.amount, made.reason)
        row[1] = _local(made.created_at)
        yield row
