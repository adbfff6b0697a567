"""The sandbox gateway's behaviour (検証用決済代行): its books, its states, its webhooks.

It behaves like a real provider so that the adapter, the webhook endpoint and the mop-up job are
exercised for real: payments expire, card payments are captured on the hosted page, QR, Pay-easy
and convenience-store payments complete later, and every change is announced by a signed webhook
that a task delivers with retries. Faults are switched on ``SandboxFaults`` (the console).

Test cards (any future expiry, any 3-digit security code):

* ``4242 4242 4242 4242`` — captured;
* ``4000 0000 0000 0002`` — declined (``card_declined``);
* ``4000 0000 0000 3220`` — 3-D Secure challenge, then captured or failed (``3ds_failed``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from madoguchi.payments import states
from madoguchi.payments.models import SandboxFaults, SandboxPayment, SandboxRefund, SandboxWebhook
from madoguchi.payments.states import State

CARD_SUCCESS = "4242424242424242"
CARD_DECLINED = "4000000000000002"
CARD_3DS = "4000000000003220"
#: How long the hosted page may be left open before the payment expires.
HOSTED_PAGE_LIFETIME = dt.timedelta(minutes=90)
#: How long a Pay-easy number or a convenience-store slip stays payable.
SLIP_LIFETIME = dt.timedelta(days=3)
MAX_AMOUNT = 10_000_000
WEBHOOK_PATH_NAME = "payments:webhook"


class GatewayRefusal(Exception):
    """A request the gateway answers with 4xx ``{code, description}``."""

    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description


def _new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def fingerprint(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def resource(payment: SandboxPayment) -> dict[str, Any]:
    """The payment resource of the wire format (see ``adapters/http.py``)."""
    finished = payment.state in states.FINAL or payment.state in states.PAID
    data: dict[str, Any] = {
        "payment_id": payment.id,
        "amount": payment.amount,
        "description": payment.description,
        "reference": payment.reference,
        "return_url": payment.return_url,
        "payment_method": payment.method or None,
        "state": {"status": payment.state, "finished": finished, "code": payment.failure_code or None},
        "refund_summary": {
            "amount_refunded": payment.refunded_amount,
            "amount_available": payment.amount - payment.refunded_amount
            if payment.state in states.PAID
            else 0,
        },
        "payment_instructions": payment.instructions or None,
        "created_date": payment.created_at.isoformat(),
        "captured_date": payment.captured_at.isoformat() if payment.captured_at else None,
        "_links": {},
    }
    if payment.state in states.OPEN:
        data["_links"]["next_url"] = {
            "href": settings.MADOGUCHI_BASE_URL + reverse("payments:sandbox_pay", args=[payment.id]),
            "method": "GET",
        }
    return data


def _check_create(body: Any) -> None:
    if not isinstance(body, dict):
        raise GatewayRefusal(400, "P0102", "body must be a JSON object")
    amount = body.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= MAX_AMOUNT:
        raise GatewayRefusal(422, "P0102", f"amount must be an integer between 1 and {MAX_AMOUNT}")
    for name, limit in (("description", 255), ("reference", 64), ("return_url", 500)):
        value = body.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise GatewayRefusal(
                422, "P0102", f"{name} must be a non-empty string of at most {limit} characters"
            )


@transaction.atomic
def create(body: Any, idempotency_key: str, webhook_origin: str) -> tuple[SandboxPayment, bool]:
    """Create a payment, or return the one made with this key (same body) — 409 otherwise."""
    _check_create(body)
    if not idempotency_key:
        raise GatewayRefusal(400, "P0199", "Idempotency-Key header is required")
    digest = fingerprint(body)
    existing = SandboxPayment.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.fingerprint != digest:
            raise GatewayRefusal(409, "P0198", "Idempotency-Key was used with a different request")
        return _expire_if_due(existing), False
    payment = SandboxPayment.objects.create(
        id=_new_id("pay"),
        amount=body["amount"],
        description=body["description"],
        reference=body["reference"],
        return_url=body["return_url"],
        webhook_url=webhook_origin + reverse(WEBHOOK_PATH_NAME),
        idempotency_key=idempotency_key,
        fingerprint=digest,
        expires_at=timezone.now() + HOSTED_PAGE_LIFETIME,
    )
    _emit(payment, "payment.created")
    return payment, True


def get(payment_id: str) -> SandboxPayment:
    payment = SandboxPayment.objects.filter(pk=payment_id).first()
    if payment is None:
        raise GatewayRefusal(404, "P0200", "payment not found")
    return _expire_if_due(payment)


def _expire_if_due(payment: SandboxPayment) -> SandboxPayment:
    if payment.state in states.OPEN and timezone.now() >= payment.expires_at:
        move(payment, State.EXPIRED, failure_code="expired")
    return payment


@transaction.atomic
def move(payment: SandboxPayment, to_state: str, *, method: str = "", failure_code: str = "") -> bool:
    """Change the gateway's state and announce it by webhook; refuse what a gateway would not."""
    payment = SandboxPayment.objects.select_for_update().get(pk=payment.pk)
    if not states.can_move(payment.state, to_state):
        return False
    payment.state = to_state
    payment.method = method or payment.method
    payment.failure_code = failure_code
    if to_state == State.CAPTURED:
        payment.captured_at = timezone.now()
    payment.save()
    _emit(payment, f"payment.{to_state}")
    return True


@transaction.atomic
def issue_slip(payment: SandboxPayment, method: str) -> None:
    """Pay-easy (ペイジー) or convenience-store (コンビニ) payment: numbers now, money later."""
    payment = SandboxPayment.objects.select_for_update().get(pk=payment.pk)
    if payment.state not in states.OPEN:
        return
    expires = timezone.now() + SLIP_LIFETIME
    if method == "payeasy":
        instructions = {
            "method": "payeasy",
            "biller_number": "58091",
            "customer_number": f"{secrets.randbelow(10**16):016d}",
            "confirmation_number": f"{secrets.randbelow(10**6):06d}",
            "expires_at": expires.isoformat(),
        }
    else:
        instructions = {
            "method": "konbini",
            "payment_number": f"{secrets.randbelow(10**11):011d}",
            "expires_at": expires.isoformat(),
        }
    payment.method = method
    payment.instructions = instructions
    payment.expires_at = expires
    payment.save()
    _emit(payment, "payment.instructions_issued")


@transaction.atomic
def refund(payment_id: str, body: Any, idempotency_key: str) -> SandboxRefund:
    if not isinstance(body, dict) or not isinstance(body.get("amount"), int) or body["amount"] <= 0:
        raise GatewayRefusal(422, "P0602", "amount must be a positive integer")
    if not idempotency_key:
        raise GatewayRefusal(400, "P0199", "Idempotency-Key header is required")
    digest = fingerprint({"payment": payment_id, **body})
    existing = SandboxRefund.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.fingerprint != digest:
            raise GatewayRefusal(409, "P0198", "Idempotency-Key was used with a different request")
        return existing
    payment = SandboxPayment.objects.select_for_update().filter(pk=payment_id).first()
    if payment is None:
        raise GatewayRefusal(404, "P0200", "payment not found")
    available = payment.amount - payment.refunded_amount if payment.state in states.PAID else 0
    if body.get("refund_amount_available") != available:
        raise GatewayRefusal(412, "P0604", "refund_amount_available does not match")
    if body["amount"] > available:
        raise GatewayRefusal(400, "P0603", "refund amount exceeds the amount available")
    made = SandboxRefund.objects.create(
        id=_new_id("rfd"),
        payment=payment,
        amount=body["amount"],
        idempotency_key=idempotency_key,
        fingerprint=digest,
    )
    payment.refunded_amount += body["amount"]
    payment.state = states.after_refund(captured=payment.amount, refunded=payment.refunded_amount)
    payment.save()
    _emit(payment, "refund.succeeded")
    return made


def _emit(payment: SandboxPayment, event_type: str) -> None:
    """Record the event and have a task deliver it after commit (unless the fault loses it)."""
    from madoguchi.payments.tasks import deliver_sandbox_webhook

    event_id = _new_id("evt")
    body = {
        "id": event_id,
        "type": event_type,
        "created": int(timezone.now().timestamp()),
        "data": resource(payment),
    }
    faults = SandboxFaults.current()
    webhook = SandboxWebhook.objects.create(
        event_id=event_id,
        payment=payment,
        url=payment.webhook_url,
        body=json.dumps(body),
        lost=faults.lose_webhooks,
    )
    if not faults.lose_webhooks:
        deliver_sandbox_webhook.delay_on_commit(webhook.pk)
