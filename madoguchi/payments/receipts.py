"""領収書 — the receipt PDF for a captured payment, online or at the counter."""

from __future__ import annotations

from django.utils import timezone

from madoguchi.core.pdf import sections_pdf
from madoguchi.core.wareki import format_wareki
from madoguchi.organization.selectors import home_municipality
from madoguchi.payments.models import Payment


def receipt_pdf(payment: Payment) -> bytes:
    captured = timezone.localtime(payment.captured_at)
    municipality = home_municipality()
    rows = [
        ("領収金額", f"{payment.amount:,}円"),
        ("内容", payment.description),
        ("参照番号（受付番号）", payment.reference),
        ("領収日時", f"{format_wareki(captured.date())} {captured:%H:%M}"),
        ("支払方法", f"{Payment.Channel(payment.channel).label}・{Payment.Method(payment.method).label}"),
        ("領収番号", str(payment.pk)),
    ]
    if payment.refunded_amount:
        rows.append(("還付済みの額", f"{payment.refunded_amount:,}円"))
    return sections_pdf(
        title="領収書",
        subtitle_lines=[f"{municipality.name if municipality else ''}", "上記の金額を領収しました。"],
        sections=[("領収の内容", rows)],
    )
