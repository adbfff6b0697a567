"""決済代行業者 — the payment provider behind one small interface.

The interface is the GOV.UK Pay shape: create a payment (integer yen, description, reference,
return URL) and get the provider's hosted page to send the resident to; look a payment up; refund
part or all of it. ``http.GatewayClient`` speaks that wire format over HTTP to any gateway that
offers it — the built-in sandbox (``/sandbox-pay/api``) in the demo and tests, the city's
contracted provider in production (``PAYMENTS_GATEWAY_URL``). A provider with another wire format
plugs in as another class with the same three methods (``PAYMENTS_GATEWAY_ADAPTER``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The provider could not be reached or failed (timeout, 5xx): safe to retry with the same key."""


class ProviderRejected(Exception):
    """The provider refused the request (4xx): retrying the same request will not help."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description


@dataclass(frozen=True)
class ProviderPayment:
    """What the provider says about one payment."""

    payment_id: str
    status: str
    amount: int
    next_url: str = ""
    method: str = ""
    failure_code: str = ""
    refunded_amount: int = 0
    instructions: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderRefund:
    refund_id: str
    amount: int
    status: str


class PaymentGateway(Protocol):
    def create_payment(
        self,
        *,
        amount: int,
        description: str,
        reference: str,
        return_url: str,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> ProviderPayment: ...

    def get_payment(self, payment_id: str) -> ProviderPayment: ...

    def refund(
        self, payment_id: str, *, amount: int, amount_available: int, idempotency_key: str
    ) -> ProviderRefund: ...


@cache
def _gateway_class() -> type:
    path = settings.PAYMENTS_GATEWAY_ADAPTER
    return import_string(path)


def gateway() -> PaymentGateway:
    """The configured provider (a fresh client: settings may differ between tests)."""
    return _gateway_class()()
