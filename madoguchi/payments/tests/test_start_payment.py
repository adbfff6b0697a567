"""start_payment, the return from the provider, and the payment_captured signal."""

from __future__ import annotations

import pytest

from madoguchi.payments import selectors, services
from madoguchi.payments.models import Payment, SandboxPayment
from madoguchi.payments.signals import payment_captured
from madoguchi.payments.tests.conftest import hosted_path, pay_by_card, start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def captured_signals():
    seen: list[tuple[str, str]] = []

    def receiver(sender, payment, purpose, **kwargs):
        seen.append((str(payment.pk), purpose))

    payment_captured.connect(receiver)
    yield seen
    payment_captured.disconnect(receiver)


def test_start_payment_creates_it_at_the_provider_and_returns_the_hosted_page(resident):
    payment = start(resident)
    assert payment.state == "created"
    assert payment.provider_payment_id.startswith("pay_")
    assert hosted_path(payment) == f"/sandbox-pay/pay/{payment.provider_payment_id}/"
    at_provider = SandboxPayment.objects.get(pk=payment.provider_payment_id)
    assert (at_provider.amount, at_provider.return_url) == (300, f"/payments/{payment.pk}/return/")


def test_same_key_returns_the_first_payment_and_creates_nothing_more(resident):
    first = start(resident, key="k1")
    again = start(resident, key="k1")
    assert again.pk == first.pk
    assert Payment.objects.count() == 1
    assert SandboxPayment.objects.count() == 1


def test_same_key_with_other_parameters_is_refused(resident):
    start(resident, key="k1")
    with pytest.raises(services.IdempotencyConflict):
        start(resident, key="k1", amount=600)
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": 0}, "1円以上"),
        ({"amount": "300"}, "1円以上"),
        ({"return_url": "https://evil.example/"}, "戻り先"),
        ({"return_url": "//evil.example/"}, "戻り先"),
        ({"purpose": " "}, "用途"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(resident, overrides, message):
    with pytest.raises(services.PaymentError, match=message):
        start(resident, **overrides)
    assert not Payment.objects.exists()


def test_card_payment_returns_through_the_return_view_captured_and_announced_once(
    client, resident, captured_signals
):
    payment = start(resident)
    response = pay_by_card(client, payment)
    assert response.status_code == 302 and response["Location"] == f"/payments/{payment.pk}/return/"
    back = client.get(response["Location"])
    assert back.status_code == 302 and back["Location"] == "/my/"
    payment.refresh_from_db()
    assert payment.state == "captured" and payment.method == "card"
    # The webhook and the return both reported the capture; the signal went out once.
    assert captured_signals == [(str(payment.pk), "case:R20260401-0000001")]
    assert selectors.is_paid("case:R20260401-0000001")
    assert selectors.payment_by_reference("R20260401-0000001") == payment


def test_declined_card_fails_the_payment(client, resident, captured_signals):
    payment = start(resident)
    client.get(pay_by_card(client, payment, "4000000000000002")["Location"])
    payment.refresh_from_db()
    assert (payment.state, payment.failure_code) == ("failed", "card_declined")
    assert captured_signals == []


def test_three_d_secure_challenge_then_capture(client, resident):
    payment = start(resident)
    challenge = pay_by_card(client, payment, "4000 0000 0000 3220")
    assert challenge["Location"].endswith("/3ds/")
    client.post(challenge["Location"], {"result": "pass"})
    payment.refresh_from_db()
    assert payment.state == "captured"


def test_three_d_secure_refused_fails(client, resident):
    payment = start(resident)
    challenge = pay_by_card(client, payment, "4000000000003220")
    client.post(challenge["Location"], {"result": "fail"})
    payment.refresh_from_db()
    assert (payment.state, payment.failure_code) == ("failed", "3ds_failed")


def test_the_return_url_alone_changes_nothing(client, resident):
    payment = start(resident)
    client.get(f"/payments/{payment.pk}/return/?status=success")
    payment.refresh_from_db()
    assert payment.state == "created"


def test_the_sandbox_is_absent_in_production(client, resident, settings):
    payment = start(resident)
    settings.IS_PRODUCTION = True
    assert client.get(hosted_path(payment)).status_code == 404
    assert client.get("/sandbox-pay/console/").status_code == 404


def test_the_return_still_redirects_when_the_provider_is_down(client, resident, settings):
    payment = start(resident)
    settings.PAYMENTS_GATEWAY_URL = "http://127.0.0.1:9/api"
    response = client.get(f"/payments/{payment.pk}/return/")
    assert response.status_code == 302 and response["Location"] == "/my/"
    payment.refresh_from_db()
    assert payment.state == "created"
