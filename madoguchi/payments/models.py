"""支払 — what the city asked a resident to pay, what the provider says happened, and refunds.

A ``Payment`` is this site's record of one attempt to collect one fee: online through the
payment provider (決済代行業者) or at the counter (窓口). Its ``state`` only changes through
``services`` and ``states.can_move``. The ``Sandbox*`` models below are the built-in sandbox
gateway's own books (``/sandbox-pay/``): a separate party that happens to share the database,
reached only over its HTTP API, exactly as a real provider would be.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.payments.states import State


class Payment(models.Model):
    """納付 — one attempt to collect one fee, online or at the counter."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("オンライン")
        COUNTER = "counter", _("窓口")

    class Method(models.TextChoices):
        UNKNOWN = "", _("未選択")
        CARD = "card", _("クレジットカード")
        QR = "qr", _("QRコード決済")
        PAYEASY = "payeasy", _("ペイジー")
        KONBINI = "konbini", _("コンビニ払い")
        CASH = "cash", _("現金")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("経路"), max_length=10, choices=Channel.choices)
    method = models.CharField(_("支払方法"), max_length=10, choices=Method.choices, blank=True)
    amount = models.PositiveIntegerField(_("金額"))
    description = models.CharField(_("内容"), max_length=255)
    reference = models.CharField(_("参照番号"), max_length=64, db_index=True)
    purpose = models.CharField(_("用途"), max_length=100, db_index=True)
    return_url = models.CharField(_("戻り先"), max_length=500, blank=True)
    state = models.CharField(_("状態"), max_length=20, choices=State.choices, default=State.CREATED)
    provider_payment_id = models.CharField(_("決済ID"), max_length=64, blank=True, db_index=True)
    next_url = models.URLField(_("支払ページ"), max_length=500, blank=True)
    instructions = models.JSONField(_("お支払い番号など"), default=dict, blank=True)
    failure_code = models.CharField(_("失敗の理由"), max_length=40, blank=True)
    refunded_amount = models.PositiveIntegerField(_("還付額"), default=0)
    # What the provider says it charged, when that differs from ``amount`` (a reconciliation mismatch).
    provider_amount = models.PositiveIntegerField(_("決済代行業者の金額"), null=True, blank=True)
    idempotency_key = models.CharField(_("冪等キー"), max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The department the fee is paid to (the procedure's 課): staff see the payments of the
    # departments they work in. Empty: only staff whose role covers every department see it.
    department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("担当課"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    captured_at = models.DateTimeField(_("支払日時"), null=True, blank=True)
    # Set in the same transaction as the capture: ``payment_captured`` is sent once per payment.
    captured_announced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("納付")
        verbose_name_plural = _("納付")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"]), models.Index(fields=["captured_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount}円"

    @property
    def refundable_amount(self) -> int:
        return self.amount - self.refunded_amount if self.state in {"captured", "partially_refunded"} else 0


class Refund(models.Model):
    """還付 — money given back from a captured payment, by staff, with a reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveIntegerField(_("還付額"))
    reason = models.TextField(_("理由"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    provider_refund_id = models.CharField(_("還付ID"), max_length=64, blank=True)
    idempotency_key = models.CharField(_("冪等キー"), max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("還付日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("還付")
        verbose_name_plural = _("還付")
        ordering = ["created_at"]


class WebhookEvent(models.Model):
    """受信した通知 — each provider event id once; a second delivery is recognised, not applied."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("反映")
        STALE = "stale", _("古い通知のため変更なし")
        UNKNOWN_PAYMENT = "unknown_payment", _("該当する納付なし")

    event_id = models.CharField(max_length=64, unique=True)
    event_type = models.CharField(max_length=40)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)


# --- The sandbox gateway's own books ----------------------------------------------------------------


class SandboxPayment(models.Model):
    """The sandbox provider's payment (検証用決済): what a real gateway keeps on its side."""

    id = models.CharField(primary_key=True, max_length=40)
    amount = models.PositiveIntegerField()
    description = models.CharField(max_length=255)
    reference = models.CharField(max_length=64)
    return_url = models.CharField(max_length=500)
    webhook_url = models.CharField(max_length=500)
    state = models.CharField(max_length=20, default=State.CREATED)
    method = models.CharField(max_length=10, blank=True)
    instructions = models.JSONField(default=dict, blank=True)
    failure_code = models.CharField(max_length=40, blank=True)
    refunded_amount = models.PositiveIntegerField(default=0)
    idempotency_key = models.CharField(max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    captured_at = models.DateTimeField(null=True, blank=True)


class SandboxRefund(models.Model):
    id = models.CharField(primary_key=True, max_length=40)
    payment = models.ForeignKey(SandboxPayment, on_delete=models.CASCADE, related_name="refunds")
    amount = models.PositiveIntegerField()
    idempotency_key = models.CharField(max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)


class SandboxWebhook(models.Model):
    """One event the sandbox owes the merchant, delivered by a task with retries."""

    event_id = models.CharField(max_length=40, unique=True)
    payment = models.ForeignKey(SandboxPayment, on_delete=models.CASCADE, related_name="webhooks")
    url = models.CharField(max_length=500)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(null=True)
    delivered_at = models.DateTimeField(null=True)
    lost = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)


class SandboxFaults(models.Model):
    """故障の注入 — switches the sandbox console flips to make the gateway misbehave (one row)."""

    slow_seconds = models.PositiveSmallIntegerField(default=0)
    fail_create = models.BooleanField(default=False)
    duplicate_deliveries = models.PositiveSmallIntegerField(default=1)
    lose_webhooks = models.BooleanField(default=False)

    @classmethod
    def current(cls) -> SandboxFaults:
        return cls.objects.get_or_create(pk=1)[0]
