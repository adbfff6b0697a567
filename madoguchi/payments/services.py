"""支払の操作 — start, refresh, refund and record payments; the only writer of ``Payment``.

Every change of a payment's state goes through ``_move``, which asks ``states.can_move``: the
resident's return, a webhook, the mop-up job and staff all propose states the same way, so late,
repeated or out-of-order news changes nothing twice. Creates and refunds carry an idempotency key
(冪等キー): a retry with the same key and the same parameters returns the first result, the same
key with other parameters is refused, and the key is passed to the provider so that a retry after
a timeout or a 500 never charges or refunds twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.audit.services import record_event
from madoguchi.payments import states
from madoguchi.payments.adapters import ProviderError, ProviderPayment, ProviderRejected, gateway
from madoguchi.payments.models import Payment, Refund, WebhookEvent
from madoguchi.payments.signals import payment_captured
from madoguchi.payments.states import State

logger = logging.getLogger(__name__)

COUNTER_METHODS = (Payment.Method.CASH, Payment.Method.CARD, Payment.Method.QR)


class PaymentError(Exception):
    """A request the payments app refuses; the message is for the person who made it."""


class IdempotencyConflict(PaymentError):
    """The idempotency key was used before with different parameters."""


class ProviderUnavailable(PaymentError):
    """The provider failed or did not answer; retrying with the same key is safe."""


def _fingerprint(**params: Any) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()


def _check_amount(amount: int) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise PaymentError(_("金額は1円以上の整数で指定してください。"))


def _check_local_path(url: str) -> None:
    # The resident is redirected there after paying: a foreign site would be an open redirect.
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        raise PaymentError(_("戻り先はこのサイトのパス（/ で始まる）にしてください。"))


def _provider_return_url(payment: Payment) -> str:
    """Where the provider sends the resident back: this site's return view for the payment."""
    return settings.MADOGUCHI_BASE_URL + reverse("payments:return", args=[payment.pk])


def _audit(payment: Payment, *, action: str, actor, purpose: str, details: dict | None = None) -> None:
    record_event(
        action=action,
        actor=actor,
        object_type="payments.payment",
        object_id=str(payment.pk),
        purpose=purpose,
        details={"reference": payment.reference, "amount": payment.amount, **(details or {})},
    )


def _claim_key(model: type, key: str, fingerprint: str, create: dict[str, Any]):
    """The row for ``key``: the existing one (same parameters) or a new one; a conflict raises."""
    if not key or len(key) > 100:
        raise PaymentError(_("冪等キーは1〜100文字で指定してください。"))
    row = model.objects.filter(idempotency_key=key).first()
    if row is None:
        try:
            with transaction.atomic():
                return model.objects.create(idempotency_key=key, fingerprint=fingerprint, **create), True
        except IntegrityError:
            row = model.objects.get(idempotency_key=key)  # a concurrent request made it first
    if row.fingerprint != fingerprint:
        raise IdempotencyConflict(
            _("この冪等キーは別の内容の依頼に使われています。新しいキーで依頼してください。")
        )
    return row, False


# --- Online payments --------------------------------------------------------------------------------


def start_payment(
    *,
    payer,
    amount: int,
    description: str,
    reference: str,
    purpose: str,
    return_url: str,
    idempotency_key: str,
    department=None,
) -> Payment:
    """納付の開始 — create the payment at the provider; send the resident to ``payment.next_url``.

    ``purpose`` says what the payment is for (``purposes.purpose(kind, reference)``, see
    ``payments.purposes``) and comes back with ``payment_captured``. ``return_url`` is a path on
    this site where the resident lands after paying; ``/payments/<id>/return/`` asks the provider
    first, so that page sees the settled state. Raises ``ProviderUnavailable`` (retry with the
    same key: nothing is charged twice) or ``PaymentError``. ``department`` is the one the fee is
    paid to: its staff (and staff whose role covers every department) see the payment.
    """
    _check_amount(amount)
    if not description.strip() or not reference.strip() or not purpose.strip():
        raise PaymentError(_("支払の内容・参照番号・用途を指定してください。"))
    _check_local_path(return_url)
    fingerprint = _fingerprint(
        payer=getattr(payer, "pk", None),
        amount=amount,
        description=description,
        reference=reference,
        purpose=purpose,
        return_url=return_url,
    )
    payment, created = _claim_key(
        Payment,
        idempotency_key,
        fingerprint,
        {
            "payer": payer,
            "channel": Payment.Channel.ONLINE,
            "amount": amount,
            "description": description[:255],
            "reference": reference[:64],
            "purpose": purpose[:100],
            "return_url": return_url,
            "department": department,
        },
    )
    if created:
        _audit(
            payment, action="payments.start", actor=payer, purpose="手数料の納付", details={"for": purpose}
        )
    if payment.provider_payment_id:
        return payment
    try:
        answer = gateway().create_payment(
            amount=amount,
            description=description,
            reference=reference,
            return_url=_provider_return_url(payment),
            metadata={"purpose": purpose, "payment": str(payment.pk)},
            idempotency_key=idempotency_key,
        )
    except ProviderError as error:
        logger.warning(
            "payment provider failed on create", extra={"payment": str(payment.pk), "error": str(error)}
        )
        raise ProviderUnavailable(
            _(
                "決済サービスが応答しませんでした。少し待ってからもう一度お試しください（二重に請求されることはありません）。"
            )
        ) from error
    except ProviderRejected as error:
        logger.warning(
            "payment provider refused create", extra={"payment": str(payment.pk), "code": error.code}
        )
        raise PaymentError(
            _("決済サービスがこの支払を受け付けませんでした（%(code)s）。") % {"code": error.code}
        ) from error
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        payment.provider_payment_id = answer.payment_id
        payment.next_url = answer.next_url
        payment.save(update_fields=["provider_payment_id", "next_url", "updated_at"])
        return _apply(payment, answer, source="create")


def refresh_payment(*, payment: Payment) -> Payment:
    """Ask the provider for the payment's state and apply it (the return URL is never trusted)."""
    if payment.channel != Payment.Channel.ONLINE or not payment.provider_payment_id:
        return payment
    answer = gateway().get_payment(payment.provider_payment_id)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        return _apply(locked, answer, source="refresh")


def receive_event(
    *, event_id: str, event_type: str, news: ProviderPayment, payload: dict
) -> tuple[str, Payment | None]:
    """Record a verified webhook event once and apply its news; a repeat changes nothing.

    The event id is stored in the same transaction as the change, so a duplicate delivered at
    the same instant either waits and finds the id, or fails the unique constraint and is told
    "duplicate"; out-of-order news is refused by the state machine and recorded as stale.
    """
    try:
        with transaction.atomic():
            payment = Payment.objects.select_for_update().filter(provider_payment_id=news.payment_id).first()
            if payment is None:
                outcome = WebhookEvent.Outcome.UNKNOWN_PAYMENT
            else:
                before = (payment.state, payment.method, payment.instructions)
                _apply(payment, news, source=f"webhook:{event_type}")
                changed = before != (payment.state, payment.method, payment.instructions)
                outcome = WebhookEvent.Outcome.APPLIED if changed else WebhookEvent.Outcome.STALE
            WebhookEvent.objects.create(
                event_id=event_id, event_type=event_type, payment=payment, outcome=outcome, payload=payload
            )
    except IntegrityError:
        return "duplicate", None
    return outcome, payment


def _apply(payment: Payment, answer: ProviderPayment, *, source: str) -> Payment:
    """Bring a locked payment up to what the provider says, moving only forward."""
    changed: list[str] = []
    for field, value in (
        ("method", answer.method),
        ("instructions", answer.instructions),
        ("failure_code", answer.failure_code),
    ):
        if value and getattr(payment, field) != value:
            setattr(payment, field, value)
            changed.append(field)
    if answer.amount != payment.amount and payment.provider_amount != answer.amount:
        payment.provider_amount = answer.amount
        changed.append("provider_amount")
        logger.error("provider amount differs", extra={"payment": str(payment.pk), "provider": answer.amount})
    # Refund states are ours to set (see ``refund``); the provider's echo of them is not news.
    if answer.status not in {State.REFUNDED, State.PARTIALLY_REFUNDED}:
        changed += _move(payment, answer.status, source=source)
    if changed:
        payment.save(update_fields=[*set(changed), "updated_at"])
    return payment


def _move(payment: Payment, to_state: str, *, source: str) -> list[str]:
    if to_state == payment.state or not states.can_move(payment.state, to_state):
        return []
    previous = payment.state
    payment.state = to_state
    fields = ["state"]
    if to_state == State.CAPTURED:
        payment.captured_at = timezone.now()
        payment.captured_announced_at = payment.captured_at
        fields += ["captured_at", "captured_announced_at"]
        _announce_after_commit(payment)
    _audit(
        payment,
        action="payments.state",
        actor=None,
        purpose="納付状況の更新",
        details={"from": previous, "to": to_state, "source": source},
    )
    return fields


def _announce_after_commit(payment: Payment) -> None:
    """Send ``payment_captured`` once the capture is committed (never for a rolled-back one)."""
    payment_id = payment.pk

    def announce() -> None:
        fresh = Payment.objects.get(pk=payment_id)
        for receiver, outcome in payment_captured.send_robust(
            sender=Payment, payment=fresh, purpose=fresh.purpose
        ):
            if isinstance(outcome, Exception):
                logger.error(
                    "payment_captured receiver failed",
                    exc_info=outcome,
                    extra={"payment": str(payment_id), "receiver": repr(receiver)},
                )

    transaction.on_commit(announce)


# --- Refunds ----------------------------------------------------------------------------------------


def refund(*, payment: Payment, amount: int, reason: str, actor, idempotency_key: str) -> Refund:
    """還付 — give back part or all of a captured payment, with a reason, on the audit trail."""
    _check_amount(amount)
    if not reason.strip():
        raise PaymentError(_("還付の理由を入力してください。"))
    fingerprint = _fingerprint(payment=str(payment.pk), amount=amount, reason=reason.strip())
    existing = Refund.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.fingerprint != fingerprint:
            raise IdempotencyConflict(
                _("この冪等キーは別の内容の依頼に使われています。新しいキーで依頼してください。")
            )
        return existing
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.state not in {State.CAPTURED, State.PARTIALLY_REFUNDED}:
            raise PaymentError(_("支払済みでない納付は還付できません。"))
        available = payment.amount - payment.refunded_amount
        if amount > available:
            raise PaymentError(
                _("還付額 %(amount)s円 は還付できる額 %(available)s円 を超えています。")
                % {"amount": f"{amount:,}", "available": f"{available:,}"}
            )
        provider_refund_id = ""
        if payment.channel == Payment.Channel.ONLINE:
            try:
                answer = gateway().refund(
                    payment.provider_payment_id,
                    amount=amount,
                    amount_available=available,
                    idempotency_key=idempotency_key,
                )
            except ProviderError as error:
                raise ProviderUnavailable(
                    _(
                        "決済サービスが応答しませんでした。もう一度お試しください（二重に還付されることはありません）。"
                    )
                ) from error
            except ProviderRejected as error:
                raise PaymentError(
                    _("決済サービスが還付を受け付けませんでした: %(reason)s") % {"reason": error.description}
                ) from error
            provider_refund_id = answer.refund_id
        made, _created = _claim_key(
            Refund,
            idempotency_key,
            fingerprint,
            {
                "payment": payment,
                "amount": amount,
                "reason": reason.strip(),
                "actor": actor,
                "provider_refund_id": provider_refund_id,
            },
        )
        payment.refunded_amount += amount
        target = states.after_refund(captured=payment.amount, refunded=payment.refunded_amount)
        _move(payment, target, source="refund")
        payment.save(update_fields=["refunded_amount", "state", "updated_at"])
        _audit(
            payment,
            action="payments.refund",
            actor=actor,
            purpose="手数料の還付",
            details={"refund": str(made.pk), "refund_amount": amount, "reason": reason.strip()},
        )
    return made


# --- Counter payments -------------------------------------------------------------------------------


def record_counter_payment(
    *,
    payer,
    amount: int,
    method: str,
    description: str,
    reference: str,
    purpose: str,
    actor,
    idempotency_key: str,
    department=None,
) -> Payment:
    """窓口での納付 — staff record cash, card or QR taken at the counter; captured at once.

    ``department`` as for :func:`start_payment`.
    """
    _check_amount(amount)
    if method not in COUNTER_METHODS:
        raise PaymentError(_("支払方法は現金・クレジットカード・QRコード決済から選んでください。"))
    if not description.strip() or not reference.strip() or not purpose.strip():
        raise PaymentError(_("支払の内容・参照番号・用途を指定してください。"))
    fingerprint = _fingerprint(
        payer=getattr(payer, "pk", None),
        amount=amount,
        method=method,
        description=description,
        reference=reference,
        purpose=purpose,
    )
    with transaction.atomic():
        payment, created = _claim_key(
            Payment,
            idempotency_key,
            fingerprint,
            {
                "payer": payer,
                "channel": Payment.Channel.COUNTER,
                "method": method,
                "amount": amount,
                "description": description[:255],
                "reference": reference[:64],
                "purpose": purpose[:100],
                "recorded_by": actor,
                "department": department,
            },
        )
        if created:
            payment = Payment.objects.select_for_update().get(pk=payment.pk)
            _audit(
                payment,
                action="payments.counter",
                actor=actor,
                purpose="窓口での納付の記録",
                details={"method": method},
            )
            fields = _move(payment, State.CAPTURED, source="counter")
            payment.save(update_fields=[*fields, "updated_at"])
    return payment
