"""Reactions to other apps' signals: a case's fee captured by the payments app."""

from __future__ import annotations

from madoguchi.cases import services


def case_fee_captured(sender, payment, purpose: str, **kwargs) -> None:
    """``payments.signals.payment_captured`` for ``"case:<receipt number>"``: receive the case."""
    if purpose.startswith("case:"):
        charged = payment.provider_amount if payment.provider_amount is not None else payment.amount
        services.receive_payment(receipt_number=purpose.removeprefix("case:"), amount=charged)
