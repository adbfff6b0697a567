"""Resident-facing payment views: the return from the provider, the webhook, the 領収書."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from madoguchi.audit.services import record_event
from madoguchi.payments import receipts, selectors, services
from madoguchi.payments.adapters import ProviderError, ProviderPayment, ProviderRejected
from madoguchi.payments.models import WebhookEvent
from madoguchi.payments.webhooks import SIGNATURE_HEADER, SignatureRejected, verify

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def return_from_provider(request: HttpRequest, payment_id) -> HttpResponse:
    """支払後の戻り — ask the provider (never trust this URL), then go where the payment started.

    Anyone may arrive here (the provider redirects the browser; the session may have expired on
    the way), so nothing about the payment is shown: the app that started it decides what to show
    at its ``return_url``, with its own access checks.
    """
    payment = selectors.payment_by_id(payment_id)
    if payment is None:
        raise Http404
    try:
        services.refresh_payment(payment=payment)
    except (ProviderError, ProviderRejected):
        # The state stays as it was; the page at return_url says "not confirmed yet", and the
        # webhook or the mop-up job settles it.
        logger.warning("provider not reachable on return", extra={"payment": str(payment.pk)})
    return HttpResponseRedirect(payment.return_url or "/")


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    """決済通知 — a signed event from the provider; 2xx once it is recorded (or known)."""
    body = request.body
    try:
        verify(body, request.headers.get(SIGNATURE_HEADER, ""), secret=settings.PAYMENTS_WEBHOOK_SECRET)
        event = json.loads(body)
        data = event["data"]
        news = ProviderPayment(
            payment_id=data["payment_id"],
            status=data["state"]["status"],
            amount=data["amount"],
            method=data.get("payment_method") or "",
            failure_code=data["state"].get("code") or "",
            refunded_amount=data.get("refund_summary", {}).get("amount_refunded", 0),
            instructions=data.get("payment_instructions") or {},
        )
        event_id, event_type = str(event["id"]), str(event["type"])
    except SignatureRejected as rejected:
        return _reject(request, rejected.reason)
    except (ValueError, KeyError, TypeError):
        return _reject(request, "malformed_body")
    if WebhookEvent.objects.filter(event_id=event_id).exists():
        return JsonResponse({"status": "duplicate"})
    outcome, _payment = services.receive_event(
        event_id=event_id, event_type=event_type, news=news, payload=event
    )
    return JsonResponse({"status": outcome})


def _reject(request: HttpRequest, reason: str) -> HttpResponse:
    logger.warning("webhook rejected", extra={"reason": reason, "length": len(request.body)})
    record_event(action="payments.webhook_rejected", purpose="決済通知の検証", details={"reason": reason})
    return JsonResponse({"error": reason}, status=400)


@login_required
@require_GET
def receipt_pdf(request: HttpRequest, payment_id) -> HttpResponse:
    """領収書 — for the payer (or staff of the department paid, to reprint it), once captured."""
    payment = selectors.payment_of(request.user, payment_id, purpose="領収書の発行")
    if payment is None or payment.captured_at is None:
        raise Http404
    response = HttpResponse(receipts.receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{payment.reference}.pdf"'
    return response
