"""Contract tests: the real HTTP client against the sandbox gateway, in-process and over a socket."""

from __future__ import annotations

import time

import pytest

from madoguchi.payments.adapters import ProviderError, ProviderRejected
from madoguchi.payments.adapters.http import GatewayClient
from madoguchi.payments.models import SandboxPayment

pytestmark = pytest.mark.django_db

BODY = {
    "amount": 450,
    "description": "印鑑登録証明書",
    "reference": "R1",
    "return_url": "/payments/x/return/",
    "metadata": {},
}


def _create(client: GatewayClient, key: str = "c1", **overrides):
    return client.create_payment(**{**BODY, **overrides}, idempotency_key=key)


def test_create_get_and_refund_speak_the_documented_format():
    client = GatewayClient()
    created = _create(client)
    assert (created.status, created.amount) == ("created", 450)
    assert created.next_url.endswith(f"/sandbox-pay/pay/{created.payment_id}/")
    assert client.get_payment(created.payment_id) == created
    with pytest.raises(ProviderRejected) as refused:
        client.refund(created.payment_id, amount=100, amount_available=0, idempotency_key="r1")
    assert refused.value.code == "P0603"  # nothing captured, nothing to refund


def test_idempotency_key_replays_and_conflicts():
    client = GatewayClient()
    first = _create(client, key="same")
    assert _create(client, key="same").payment_id == first.payment_id
    with pytest.raises(ProviderRejected) as conflict:
        _create(client, key="same", amount=451)
    assert conflict.value.code == "P0198"


@pytest.mark.parametrize(
    "overrides", [{"amount": 0}, {"amount": "450"}, {"description": ""}, {"return_url": ""}]
)
def test_invalid_requests_are_422(overrides):
    with pytest.raises(ProviderRejected) as refused:
        _create(GatewayClient(), **overrides)
    assert refused.value.code == "P0102"


def test_a_wrong_api_key_is_refused():
    with pytest.raises(ProviderRejected) as refused:
        _create(GatewayClient(api_key="wrong"))
    assert refused.value.code == "P0920"


def test_an_unknown_payment_is_404():
    with pytest.raises(ProviderRejected) as refused:
        GatewayClient().get_payment("pay_nope")
    assert refused.value.code == "P0200"


@pytest.mark.django_db(transaction=True)
def test_the_client_works_over_a_real_socket(live_server):
    client = GatewayClient(base_url=f"{live_server.url}/sandbox-pay/api")
    created = _create(client, key="socket")
    assert client.get_payment(created.payment_id).status == "created"


def test_an_unreachable_provider_is_a_provider_error():
    with pytest.raises(ProviderError):
        _create(GatewayClient(base_url="http://127.0.0.1:9/api"))


@pytest.mark.django_db(transaction=True)
def test_a_slow_provider_times_out_and_the_retry_creates_nothing_more(live_server, monkeypatch, faults):
    from madoguchi.payments.adapters import http

    faults.slow_seconds = 1
    faults.save()
    monkeypatch.setattr(http, "TIMEOUT", 0.3)
    client = GatewayClient(base_url=f"{live_server.url}/sandbox-pay/api")
    with pytest.raises(ProviderError):
        _create(client, key="slow")
    faults.slow_seconds = 0
    faults.save()
    time.sleep(1.5)  # the gateway finishes the first request after the client gave up
    retried = _create(client, key="slow")
    assert list(SandboxPayment.objects.values_list("pk", flat=True)) == [retried.payment_id]
