"""The catalogue's 住民票の写しの交付請求, applied for like any procedure, ends with a signed certificate."""

from __future__ import annotations

import re

import pytest

from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import FORM, fill_in
from madoguchi.certificates.models import Certificate, CertificateRequest
from madoguchi.formbuilder import services as form_services
from madoguchi.procedures.models import Procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def juminhyo_form(city):
    form_services.create_form(code="juminhyo-test", title="住民票の写しの交付請求", definition=FORM)
    procedure = Procedure.objects.get(code="juminhyo-utsushi")
    procedure.form_code = "juminhyo-test"
    procedure.sign_in_level = "account"
    procedure.fee_rule = {**procedure.fee_rule, "payment": "before_submission"}
    procedure.save()
    return procedure


def _apply_and_pay(client, resident, capture) -> Submission:
    client.force_login(resident)
    with capture(execute=True):
        client.post(fill_in(client, "juminhyo-utsushi", copies="2"))
    submission = Submission.objects.get()
    page = client.get(f"/my/{submission.receipt_number}/pay/").content.decode()
    key = re.search(r'name="key" value="([0-9a-f]+)"', page).group(1)
    with capture(execute=True):
        hosted = client.post(f"/my/{submission.receipt_number}/pay/", {"key": key})["Location"]
    hosted = re.sub(r"^https?://[^/]+", "", hosted)
    with capture(execute=True):
        client.post(hosted, {"method": "card", "number": "4242424242424242", "expiry": "12/30", "cvc": "123"})
    return submission


def test_paying_the_application_issues_the_certificate_and_completes_the_case(
    client, resident, juminhyo_form, django_capture_on_commit_callbacks
):
    submission = _apply_and_pay(client, resident, django_capture_on_commit_callbacks)
    request = CertificateRequest.objects.get(case_receipt_number=submission.receipt_number)
    assert request.status == CertificateRequest.Status.ISSUED and request.copies == 2
    assert Certificate.objects.filter(request=request).count() == 2
    submission.refresh_from_db()
    assert submission.status == Submission.Status.COMPLETED
    assert "証明書を電子交付しました" in submission.status_changes.last().reason


def test_the_payment_announced_again_issues_nothing_more(
    client, resident, juminhyo_form, django_capture_on_commit_callbacks
):
    from madoguchi.certificates import services
    from madoguchi.payments.models import Payment

    submission = _apply_and_pay(client, resident, django_capture_on_commit_callbacks)
    payment = Payment.objects.get(state="captured")
    with django_capture_on_commit_callbacks(execute=True):
        services.on_payment_captured(None, payment=payment, purpose=f"case:{submission.receipt_number}")
    assert CertificateRequest.objects.count() == 1 and Certificate.objects.count() == 2


def test_a_case_of_another_procedure_is_not_a_certificate(client, resident, juminhyo_form):
    from madoguchi.certificates import services

    assert services.request_for_case(receipt_number="0000-0000-0000", payment=None) is None
