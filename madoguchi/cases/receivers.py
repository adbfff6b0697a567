"""Reactions to other apps' signals: a case's fee captured by the payments app."""

from __future__ import annotations

from madoguchi.cases import services
from madoguchi.payments import purposes


def case_fee_captured(sender, payment, purpose: str, **kwargs) -> None:
    """``payments.signals.payment_captured`` for an application's fee: receive the case."""
    kind, receipt_number = purposes.parse(purpose)
    if kind == purposes.CASE:
        charged = payment.provider_amount if payment.provider_amount is not None else payment.amount
        services.receive_payment(receipt_number=receipt_number, amount=charged)
