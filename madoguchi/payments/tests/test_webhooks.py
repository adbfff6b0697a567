"""Webhooks: signature, timestamp window, duplicates, replays, out-of-order news, lost ones."""

from __future__ import annotations

import time

import pytest

from madoguchi.audit.models import AuditEvent
from madoguchi.payments import services
from madoguchi.payments.models import Payment, SandboxPayment, SandboxWebhook, WebhookEvent
from madoguchi.payments.sandbox import gateway
from madoguchi.payments.signals import payment_captured
from madoguchi.payments.tasks import settle_payments
from madoguchi.payments.tests.conftest import hosted_path, pay_by_card, signed_post, start
from madoguchi.payments.webhooks import SignatureRejected, sign, verify

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def announcements():
    seen: list[str] = []

    def receiver(sender, payment, purpose, **kwargs):
        seen.append(str(payment.pk))

    payment_captured.connect(receiver)
    yield seen
    payment_captured.disconnect(receiver)


def _event(payment: Payment, status: str, event_id: str = "evt_test_1") -> dict:
    at_provider = SandboxPayment.objects.get(pk=payment.provider_payment_id)
    data = gateway.resource(at_provider)
    data["state"]["status"] = status
    return {"id": event_id, "type": f"payment.{status}", "created": int(time.time()), "data": data}


def test_verify_accepts_a_fresh_signature_and_refuses_everything_else():
    body = b'{"id": "evt_1"}'
    now = 1_800_000_000
    header = sign(body, secret="s3cret", timestamp=now)
    verify(body, header, secret="s3cret", now=now + 10)
    for bad_body, bad_header, at, reason in [
        (body + b" ", header, now, "bad_signature"),
        (body, header, now + 301, "timestamp_outside_window"),
        (body, sign(body, secret="other", timestamp=now), now, "bad_signature"),
        (body, "v1=abc", now, "malformed_header"),
    ]:
        with pytest.raises(SignatureRejected) as rejected:
            verify(bad_body, bad_header, secret="s3cret", now=at)
        assert rejected.value.reason == reason


def test_a_forged_webhook_is_rejected_logged_and_changes_nothing(client, resident, caplog):
    payment = start(resident)
    response = signed_post(client, _event(payment, "captured"), secret="not-the-secret")
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.state == "created"
    assert not WebhookEvent.objects.filter(event_id="evt_test_1").exists()
    assert "webhook rejected" in caplog.text
    assert AuditEvent.objects.filter(action="payments.webhook_rejected").exists()


def test_a_replay_outside_the_window_is_rejected(client, resident):
    payment = start(resident)
    response = signed_post(client, _event(payment, "captured"), timestamp=int(time.time()) - 3600)
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.state == "created"


def test_a_replay_inside_the_window_changes_nothing_twice(client, resident, announcements):
    payment = start(resident)
    event = _event(payment, "captured")
    assert signed_post(client, event).json() == {"status": "applied"}
    assert signed_post(client, event).json() == {"status": "duplicate"}
    assert announcements == [str(payment.pk)]
    assert WebhookEvent.objects.filter(event_id="evt_test_1").count() == 1


def test_out_of_order_news_does_not_move_a_payment_back(client, resident):
    payment = start(resident)
    signed_post(client, _event(payment, "captured", "evt_2"))
    assert signed_post(client, _event(payment, "authorised", "evt_1")).json() == {"status": "stale"}
    payment.refresh_from_db()
    assert payment.state == "captured"


def test_webhook_delivered_three_times_captures_once(client, resident, faults, announcements):
    faults.duplicate_deliveries = 3
    faults.save()
    payment = start(resident)
    pay_by_card(client, payment)  # no return: only the webhooks tell us
    payment.refresh_from_db()
    assert payment.state == "captured"
    assert announcements == [str(payment.pk)]
    captured = SandboxWebhook.objects.get(
        payment_id=payment.provider_payment_id, body__contains='"payment.captured"'
    )
    assert captured.delivered_at is not None
    assert WebhookEvent.objects.filter(payment=payment, event_type="payment.captured").count() == 1


def test_webhook_lost_then_the_mop_up_job_settles_the_payment(client, resident, faults, announcements):
    faults.lose_webhooks = True
    faults.save()
    payment = start(resident)
    pay_by_card(client, payment)  # captured at the provider; the resident closes the tab
    payment.refresh_from_db()
    assert payment.state == "created"
    assert settle_payments(older_than_minutes=0) == {"asked": 1, "changed": 1, "failed": 0}
    payment.refresh_from_db()
    assert payment.state == "captured"
    assert announcements == [str(payment.pk)]
    assert settle_payments(older_than_minutes=0)["asked"] == 0


def test_the_mop_up_job_expires_an_abandoned_payment(resident):
    payment = start(resident)
    SandboxPayment.objects.filter(pk=payment.provider_payment_id).update(expires_at="2000-01-01T00:00Z")
    settle_payments(older_than_minutes=0)
    payment.refresh_from_db()
    assert payment.state == "expired"


def test_provider_500_on_create_gives_a_clear_message_and_a_retry_does_not_charge_twice(resident, faults):
    faults.fail_create = True
    faults.save()
    with pytest.raises(services.ProviderUnavailable, match="二重に請求されることはありません"):
        start(resident, key="retry-me")
    assert SandboxPayment.objects.count() == 1  # it was made, though the answer was a 500
    faults.fail_create = False
    faults.save()
    payment = start(resident, key="retry-me")
    assert SandboxPayment.objects.count() == 1
    assert payment.provider_payment_id == SandboxPayment.objects.get().pk
    assert Payment.objects.count() == 1


def test_qr_payment_completes_by_webhook_while_the_resident_waits(client, resident):
    payment = start(resident)
    qr_page = client.post(hosted_path(payment), {"method": "qr"})
    assert client.get(qr_page["Location"]).status_code == 200
    client.post(f"/sandbox-pay/wallet/{payment.provider_payment_id}/")  # the phone approves
    payment.refresh_from_db()
    assert (payment.state, payment.method) == ("captured", "qr")


def test_payeasy_gives_numbers_now_and_completes_when_paid_at_the_bank(client, resident):
    payment = start(resident)
    client.post(hosted_path(payment), {"method": "payeasy"})
    payment.refresh_from_db()
    assert payment.state == "created"
    assert payment.method == "payeasy" and len(payment.instructions["customer_number"]) == 16
    client.post("/sandbox-pay/console/", {"action": "paid", "payment": payment.provider_payment_id})
    payment.refresh_from_db()
    assert payment.state == "captured"


def test_the_console_switches_faults_and_resends_a_lost_webhook(client, resident):
    response = client.post(
        "/sandbox-pay/console/",
        {"action": "faults", "slow_seconds": "0", "duplicate_deliveries": "1", "lose_webhooks": "on"},
    )
    assert response.status_code == 302
    payment = start(resident)
    pay_by_card(client, payment)
    lost = SandboxWebhook.objects.get(
        payment_id=payment.provider_payment_id, body__contains='"payment.captured"'
    )
    assert lost.lost and lost.delivered_at is None
    client.post(
        "/sandbox-pay/console/", {"action": "faults", "slow_seconds": "0", "duplicate_deliveries": "1"}
    )
    client.post("/sandbox-pay/console/", {"action": "resend", "webhook": lost.pk})
    payment.refresh_from_db()
    assert payment.state == "captured"
