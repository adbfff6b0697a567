"""The HTTP client for a GOV.UK Pay–shaped gateway API (the sandbox speaks the same format).

Wire format, JSON over HTTPS with ``Authorization: Bearer <PAYMENTS_API_KEY>``:

* ``POST /v1/payments`` with ``Idempotency-Key`` and ``{amount, description, reference,
  return_url, metadata}`` → 201 (200 when the key was seen before) and a payment resource;
* ``GET /v1/payments/<payment_id>`` → the payment resource;
* ``POST /v1/payments/<payment_id>/refunds`` with ``Idempotency-Key`` and ``{amount,
  refund_amount_available}`` → ``{refund_id, amount, status}``.

A payment resource: ``{payment_id, amount, description, reference, return_url, payment_method,
state: {status, finished, code}, refund_summary: {amount_refunded, amount_available},
payment_instructions, _links: {next_url: {href, method}}}``. Errors: ``{code, description}``
with 4xx (the request is wrong: ``ProviderRejected``) or 5xx (``ProviderError``: retry).
"""

from __future__ import annotations

import json
from typing import Any

import requests
from django.conf import settings

from madoguchi.identity.adapters.inprocess import InProcessWSGIAdapter
from madoguchi.payments.adapters import ProviderError, ProviderPayment, ProviderRefund, ProviderRejected

#: Seconds to wait for the provider; a slower answer is treated as a failure (retry with the key).
TIMEOUT = 10
# The built-in sandbox is reached inside this process (no socket), under this internal origin.
SANDBOX_ORIGIN = "http://localhost"


def _payment(resource: dict[str, Any]) -> ProviderPayment:
    try:
        return ProviderPayment(
            payment_id=resource["payment_id"],
            status=resource["state"]["status"],
            amount=resource["amount"],
            next_url=resource.get("_links", {}).get("next_url", {}).get("href", ""),
            method=resource.get("payment_method") or "",
            failure_code=resource["state"].get("code") or "",
            refunded_amount=resource.get("refund_summary", {}).get("amount_refunded", 0),
            instructions=resource.get("payment_instructions") or {},
        )
    except (KeyError, TypeError) as error:
        raise ProviderError(f"unreadable payment resource: {error!r}") from error


class GatewayClient:
    """Talks to ``PAYMENTS_GATEWAY_URL``, or to the built-in sandbox when that is empty."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None) -> None:
        configured = settings.PAYMENTS_GATEWAY_URL if base_url is None else base_url
        self.session = requests.Session()
        if configured:
            self.base_url = configured.rstrip("/")
        else:
            self.base_url = SANDBOX_ORIGIN + "/sandbox-pay/api"
            self.session.mount(SANDBOX_ORIGIN + "/", InProcessWSGIAdapter())
        self.api_key = settings.PAYMENTS_API_KEY if api_key is None else api_key

    def _call(self, method: str, path: str, *, body: dict | None = None, key: str = "") -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                data=json.dumps(body).encode() if body is not None else None,
                headers={**headers, "Content-Type": "application/json"} if body is not None else headers,
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            raise ProviderError(f"{method} {path}: {error!r}") from error
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code >= 500 or not isinstance(answer, dict):
            raise ProviderError(f"{method} {path}: HTTP {response.status_code}")
        if response.status_code >= 400:
            raise ProviderRejected(
                str(answer.get("code", response.status_code)), str(answer.get("description", ""))
            )
        return answer

    def create_payment(
        self,
        *,
        amount: int,
        description: str,
        reference: str,
        return_url: str,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> ProviderPayment:
        body = {
            "amount": amount,
            "description": description,
            "reference": reference,
            "return_url": return_url,
            "metadata": metadata,
        }
        return _payment(self._call("POST", "/v1/payments", body=body, key=idempotency_key))

    def get_payment(self, payment_id: str) -> ProviderPayment:
        return _payment(self._call("GET", f"/v1/payments/{payment_id}"))

    def refund(
        self, payment_id: str, *, amount: int, amount_available: int, idempotency_key: str
    ) -> ProviderRefund:
        answer = self._call(
            "POST",
            f"/v1/payments/{payment_id}/refunds",
            body={"amount": amount, "refund_amount_available": amount_available},
            key=idempotency_key,
        )
        try:
            return ProviderRefund(
                refund_id=answer["refund_id"], amount=answer["amount"], status=answer["status"]
            )
        except KeyError as error:
            raise ProviderError(f"unreadable refund resource: {error!r}") from error
