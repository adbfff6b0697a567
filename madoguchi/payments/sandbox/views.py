"""検証用決済代行 — the sandbox gateway's API, hosted payment pages and fault console.

The API (``/sandbox-pay/api/v1/…``) is the wire format of ``adapters/http.py``; the hosted pages
are what the resident sees at a real provider; the console switches faults and completes slow
payments (a Pay-easy or convenience-store payment "paid" at the bank). All of it is absent in
production, where a real provider takes real money.
"""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from reportlab.graphics import renderSVG
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from madoguchi.payments import states
from madoguchi.payments.models import SandboxFaults, SandboxPayment, SandboxWebhook
from madoguchi.payments.sandbox import gateway
from madoguchi.payments.sandbox.gateway import GatewayRefusal
from madoguchi.payments.states import State


def sandbox_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 in production: a pretend gateway must never take a real resident's "payment"."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.IS_PRODUCTION:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


# --- API ------------------------------------------------------------------------------------------


def _api(view: Callable[..., JsonResponse]) -> Callable[..., HttpResponse]:
    """Bearer authentication, the slow fault, and refusals as ``{code, description}``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        supplied = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(supplied.encode(), settings.PAYMENTS_API_KEY.encode()):
            return JsonResponse({"code": "P0920", "description": "invalid API key"}, status=401)
        faults = SandboxFaults.current()
        if faults.slow_seconds:
            time.sleep(faults.slow_seconds)
        try:
            return view(request, *args, **kwargs)
        except GatewayRefusal as refusal:
            return JsonResponse(
                {"code": refusal.code, "description": refusal.description}, status=refusal.status
            )

    return sandbox_only(csrf_exempt(wrapped))


def _json_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise GatewayRefusal(400, "P0102", "body is not JSON") from None


@_api
@require_POST
def api_create(request: HttpRequest) -> JsonResponse:
    body = _json_body(request)
    payment, created = gateway.create(
        body, request.headers.get("Idempotency-Key", ""), f"{request.scheme}://{request.get_host()}"
    )
    if SandboxFaults.current().fail_create:
        # The worst kind of failure: the payment exists, but the caller only sees a 500.
        return JsonResponse({"code": "P0999", "description": "internal error"}, status=500)
    return JsonResponse(gateway.resource(payment), status=201 if created else 200)


@_api
@require_GET
def api_payment(request: HttpRequest, payment_id: str) -> JsonResponse:
    return JsonResponse(gateway.resource(gateway.get(payment_id)))


@_api
@require_POST
def api_refund(request: HttpRequest, payment_id: str) -> JsonResponse:
    made = gateway.refund(payment_id, _json_body(request), request.headers.get("Idempotency-Key", ""))
    return JsonResponse({"refund_id": made.id, "amount": made.amount, "status": "success"}, status=202)


# --- Hosted payment pages -------------------------------------------------------------------------


class CardForm(forms.Form):
    number = forms.CharField(label=_("カード番号"), max_length=23)
    expiry = forms.RegexField(
        label=_("有効期限（MM/YY）"),
        regex=r"^(0[1-9]|1[0-2])/\d{2}$",
        error_messages={"invalid": _("有効期限は MM/YY の形で入力してください。")},
    )
    cvc = forms.RegexField(
        label=_("セキュリティコード"),
        regex=r"^\d{3,4}$",
        error_messages={"invalid": _("セキュリティコードは数字3桁か4桁です。")},
    )

    def clean_number(self) -> str:
        number = "".join(self.cleaned_data["number"].split()).replace("-", "")
        if number not in {gateway.CARD_SUCCESS, gateway.CARD_DECLINED, gateway.CARD_3DS}:
            raise forms.ValidationError(_("検証用のテストカード番号を入力してください。"))
        return number


def _open_payment(payment_id: str) -> SandboxPayment:
    try:
        return gateway.get(payment_id)
    except GatewayRefusal:
        raise Http404 from None


def _back(payment: SandboxPayment) -> HttpResponseRedirect:
    return HttpResponseRedirect(payment.return_url)


@sandbox_only
@never_cache
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, payment_id: str) -> HttpResponse:
    """The hosted payment page: choose card, QR, Pay-easy or convenience store; or cancel."""
    payment = _open_payment(payment_id)
    if payment.state not in states.OPEN or payment.instructions:
        return render(request, "payments/sandbox/finished.html", {"payment": payment})
    form = CardForm(request.POST if request.POST.get("method") == "card" else None)
    if request.method == "POST":
        method = request.POST.get("method")
        if method == "cancel":
            gateway.move(payment, State.CANCELLED, failure_code="cancelled_by_user")
            return _back(payment)
        if method in {"payeasy", "konbini"}:
            gateway.issue_slip(payment, method)
            return redirect("payments:sandbox_pay", payment_id=payment.id)
        if method == "qr":
            SandboxPayment.objects.filter(pk=payment.pk).update(method="qr")
            return redirect("payments:sandbox_qr", payment_id=payment.id)
        if method == "card" and form.is_valid():
            number = form.cleaned_data["number"]
            if number == gateway.CARD_3DS:
                SandboxPayment.objects.filter(pk=payment.pk).update(method="card")
                return redirect("payments:sandbox_3ds", payment_id=payment.id)
            if number == gateway.CARD_DECLINED:
                gateway.move(payment, State.FAILED, method="card", failure_code="card_declined")
            else:
                gateway.move(payment, State.CAPTURED, method="card")
            return _back(payment)
    return render(request, "payments/sandbox/pay.html", {"payment": payment, "form": form})


@sandbox_only
@never_cache
@require_http_methods(["GET", "POST"])
def three_d_secure(request: HttpRequest, payment_id: str) -> HttpResponse:
    """本人認証（3-Dセキュア）— the card issuer's challenge, passed or failed."""
    payment = _open_payment(payment_id)
    if payment.state not in states.OPEN:
        return _back(payment)
    if request.method == "POST":
        if request.POST.get("result") == "pass":
            gateway.move(payment, State.CAPTURED, method="card")
        else:
            gateway.move(payment, State.FAILED, method="card", failure_code="3ds_failed")
        return _back(payment)
    return render(request, "payments/sandbox/three_d_secure.html", {"payment": payment})


def _qr_svg(text: str) -> str:
    widget = QrCodeWidget(text)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(200, 200, transform=[200 / (right - left), 0, 0, 200 / (top - bottom), 0, 0])
    drawing.add(widget)
    svg = renderSVG.drawToString(drawing)
    return svg[svg.index("<svg") :]


@sandbox_only
@never_cache
@require_GET
def qr(request: HttpRequest, payment_id: str) -> HttpResponse:
    """QRコード決済 — scan with the (pretend) wallet app; the payment completes by webhook."""
    payment = _open_payment(payment_id)
    phone_url = request.build_absolute_uri(reverse("payments:sandbox_wallet", args=[payment.id]))
    return render(
        request,
        "payments/sandbox/qr.html",
        {"payment": payment, "qr_svg": _qr_svg(phone_url), "phone_url": phone_url},
    )


@sandbox_only
@never_cache
@require_http_methods(["GET", "POST"])
def wallet(request: HttpRequest, payment_id: str) -> HttpResponse:
    """The wallet app on the resident's phone (PayPay-style): approve the QR payment."""
    payment = _open_payment(payment_id)
    if request.method == "POST" and payment.state in states.OPEN:
        gateway.move(payment, State.CAPTURED, method="qr")
        payment.refresh_from_db()
    return render(request, "payments/sandbox/wallet.html", {"payment": payment})


# --- Console --------------------------------------------------------------------------------------


class FaultsForm(forms.ModelForm):
    class Meta:
        model = SandboxFaults
        fields = ["slow_seconds", "fail_create", "duplicate_deliveries", "lose_webhooks"]
        labels = {
            "slow_seconds": _("応答を遅らせる秒数"),
            "fail_create": _("支払の作成で 500 を返す（作成はされる）"),
            "duplicate_deliveries": _("通知を送る回数（重複配信）"),
            "lose_webhooks": _("通知を失う（送らない）"),
        }


@sandbox_only
@never_cache
@require_http_methods(["GET", "POST"])
def console(request: HttpRequest) -> HttpResponse:
    """The gateway's console: faults, recent payments, "paid at the bank", resend a webhook."""
    faults = SandboxFaults.current()
    form = FaultsForm(instance=faults)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "faults":
            form = FaultsForm(request.POST, instance=faults)
            if form.is_valid():
                form.save()
                return redirect("payments:sandbox_console")
        elif action in {"paid", "expire"}:
            payment = _open_payment(request.POST.get("payment", ""))
            if action == "paid":
                gateway.move(payment, State.CAPTURED)
            else:
                gateway.move(payment, State.EXPIRED, failure_code="expired")
            return redirect("payments:sandbox_console")
        elif action == "resend":
            from madoguchi.payments.tasks import deliver_sandbox_webhook

            webhook = SandboxWebhook.objects.filter(pk=request.POST.get("webhook") or 0).first()
            if webhook is not None:
                SandboxWebhook.objects.filter(pk=webhook.pk).update(delivered_at=None, lost=False)
                deliver_sandbox_webhook.delay_on_commit(webhook.pk)
            return redirect("payments:sandbox_console")
    payments = SandboxPayment.objects.order_by("-created_at")[:30]
    webhooks = SandboxWebhook.objects.select_related("payment").order_by("-created_at")[:30]
    return render(
        request,
        "payments/sandbox/console.html",
        {"form": form, "payments": payments, "webhooks": webhooks, "open_states": states.OPEN},
    )
