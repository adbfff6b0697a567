"""Pay for a certificate through the sandbox provider, and receive it exactly once."""

from __future__ import annotations

import re

import pytest

from madoguchi.certificates.models import Certificate, CertificateRequest
from madoguchi.certificates.services import on_payment_captured
from madoguchi.identity.oidc import JPKI_ACR
from madoguchi.identity.selectors import SESSION_ACR
from madoguchi.payments import selectors as payment_selectors
from madoguchi.payments.models import SandboxFaults
from madoguchi.payments.signals import payment_captured

pytestmark = pytest.mark.django_db

DECLINED = "4000000000000002"


@pytest.fixture
def card_client(client, resident):
    client.force_login(resident)
    session = client.session
    session[SESSION_ACR] = JPKI_ACR
    session.save()
    return client


def _request(client, copies: str = "1") -> CertificateRequest:
    response = client.post(
        "/my/certificates/request/", {"kind": "juminhyo", "copies": copies, "purpose": "提出"}
    )
    assert response.status_code == 302
    return CertificateRequest.objects.get(pk=response["Location"].split("/")[-2])


def _pay(client, request: CertificateRequest, card: str = "4242424242424242") -> str:
    """Press "pay", fill in the hosted card page, come back: the page the resident lands on."""
    response = client.post(f"/my/certificates/{request.pk}/pay/")
    assert response.status_code == 302, response.content.decode()[:500]
    hosted = re.sub(r"^https?://[^/]+", "", response["Location"])
    response = client.post(hosted, {"method": "card", "number": card, "expiry": "12/30", "cvc": "123"})
    while response.status_code == 302:
        response = client.get(re.sub(r"^https?://[^/]+", "", response["Location"]))
    return response.content.decode()


def test_pay_by_card_then_download(card_client, django_capture_on_commit_callbacks):
    request = _request(card_client, copies="2")
    with django_capture_on_commit_callbacks(execute=True):
        _pay(card_client, request)
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.ISSUED
    assert request.certificates.count() == 2
    assert "証明書のダウンロード" in card_client.get(f"/my/certificates/{request.pk}/").content.decode()
    payment = payment_selectors.captured_payment_for_purpose(f"certificate:{request.pk}")
    assert payment.amount == 600 and request.payment_reference == str(payment.pk)
    download = card_client.get(f"/my/certificates/file/{request.certificates.first().pk}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_declined_card_issues_nothing_and_the_resident_can_pay_again(
    card_client, django_capture_on_commit_callbacks
):
    request = _request(card_client)
    with django_capture_on_commit_callbacks(execute=True):
        page = _pay(card_client, request, card=DECLINED)
    assert "お支払いが完了しませんでした" in page
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        _pay(card_client, request)
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.ISSUED
    assert request.certificates.count() == 1
    assert payment_selectors.payments_for_purpose(f"certificate:{request.pk}").count() == 2


def test_the_capture_announced_twice_issues_once(card_client, django_capture_on_commit_callbacks):
    request = _request(card_client)
    with django_capture_on_commit_callbacks(execute=True):
        _pay(card_client, request)
    payment = payment_selectors.captured_payment_for_purpose(f"certificate:{request.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        payment_captured.send(sender=type(payment), payment=payment, purpose=payment.purpose)
        payment_captured.send(sender=type(payment), payment=payment, purpose=payment.purpose)
    assert Certificate.objects.filter(request=request).count() == 1


def test_a_lost_capture_notice_is_caught_up_when_the_resident_looks(
    card_client, django_capture_on_commit_callbacks
):
    request = _request(card_client)
    payment_captured.disconnect(dispatch_uid="certificates.on_payment_captured")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _pay(card_client, request)
        request.refresh_from_db()
        assert request.status == CertificateRequest.Status.ISSUED
    finally:
        payment_captured.connect(on_payment_captured, dispatch_uid="certificates.on_payment_captured")


def test_the_provider_failing_on_create_shows_a_clear_message_and_a_retry_charges_once(
    card_client, django_capture_on_commit_callbacks
):
    request = _request(card_client)
    faults = SandboxFaults.current()
    faults.fail_create = True
    faults.save()
    response = card_client.post(f"/my/certificates/{request.pk}/pay/")
    assert response.status_code == 400
    assert "決済サービスが応答しませんでした" in response.content.decode()
    faults.fail_create = False
    faults.save()
    with django_capture_on_commit_callbacks(execute=True):
        _pay(card_client, request)
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.ISSUED
    assert payment_selectors.payments_for_purpose(f"certificate:{request.pk}").count() == 1
