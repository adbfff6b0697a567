"""Requesting, paying, issuing exactly once, revoking."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from madoguchi.audit.models import AuditEvent
from madoguchi.cases.tests.conftest import CHILD_CODE, HEAD_CODE
from madoguchi.certificates import selectors, services, signing
from madoguchi.certificates.models import Certificate, CertificateRequest

pytestmark = pytest.mark.django_db


def _request(resident, *, kind: str = "juminhyo", copies: int = 2) -> CertificateRequest:
    return services.create_request(
        applicant=resident, resident_code=HEAD_CODE, kind=kind, copies=copies, purpose="金融機関への提出"
    )


def _blank() -> bytes:
    """A blank one-page PDF."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as file:
        return "".join(page.extract_text() for page in PdfReader(file).pages)


def test_a_request_costs_the_catalogue_fee_per_copy(resident):
    request = _request(resident, copies=3)
    assert request.fee == 900
    assert request.status == CertificateRequest.Status.AWAITING_PAYMENT
    assert AuditEvent.objects.filter(action="certificates.request", object_id=str(request.pk)).exists()


def test_a_request_for_a_record_that_does_not_exist_is_refused_before_payment(resident):
    with pytest.raises(services.CertificateError) as error:
        services.create_request(
            applicant=resident, resident_code=CHILD_CODE, kind="inkan", copies=1, purpose="契約"
        )
    assert "印鑑登録がありません" in error.value.messages[0]
    assert not CertificateRequest.objects.exists()


@pytest.mark.parametrize(
    ("copies", "purpose", "message"),
    [(0, "提出", "通数は1から10通"), (11, "提出", "通数は1から10通"), (1, "  ", "使用目的を入力")],
)
def test_bad_input_is_refused_with_a_clear_message(resident, copies, purpose, message):
    with pytest.raises(services.CertificateError) as error:
        services.create_request(
            applicant=resident, resident_code=HEAD_CODE, kind="juminhyo", copies=copies, purpose=purpose
        )
    assert any(message in text for text in error.value.messages)
    assert not CertificateRequest.objects.exists()


def test_payment_issues_one_signed_certificate_per_copy(resident, django_capture_on_commit_callbacks):
    request = _request(resident)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_payment(request_id=request.pk, payment_reference="pay-1", amount=600)
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.ISSUED
    certificates = list(request.certificates.order_by("copy_number"))
    assert [c.copy_number for c in certificates] == [1, 2]
    assert len({c.verification_code for c in certificates}) == 2
    text = _pdf_text(certificates[0])
    assert "住民票の写し" in text and "龍ケ崎 太郎" in text and certificates[0].formatted_code in text
    with certificates[0].pdf.open("rb") as file:
        data = file.read()
    assert data.startswith(b"%PDF") and b"/ETSI.CAdES.detached" in data and b"/DSS" in data


def test_the_payment_notice_delivered_twice_issues_once(resident, django_capture_on_commit_callbacks):
    request = _request(resident)
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.record_payment(request_id=request.pk, payment_reference="pay-1", amount=600)
    assert Certificate.objects.filter(request=request).count() == 2
    assert services.issue_for_request(request_id=request.pk) == list(
        request.certificates.order_by("copy_number")
    )
    assert Certificate.objects.count() == 2


def test_an_amount_that_is_not_the_fee_issues_nothing(resident, django_capture_on_commit_callbacks):
    request = _request(resident)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_payment(request_id=request.pk, payment_reference="pay-1", amount=300)
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.AMOUNT_MISMATCH
    assert not Certificate.objects.exists()


def test_a_failure_half_way_leaves_nothing_and_the_mop_up_issues_all(resident, monkeypatch, settings):
    request = _request(resident, copies=3)
    CertificateRequest.objects.filter(pk=request.pk).update(status=CertificateRequest.Status.PAID)
    real_sign = signing.sign_pdf
    calls = []

    def sign_then_fail(pdf: bytes, **kwargs) -> bytes:
        calls.append(1)
        if len(calls) == 2:
            raise ConnectionError("TSA unreachable")
        return real_sign(pdf, **kwargs)

    monkeypatch.setattr(signing, "sign_pdf", sign_then_fail)
    with pytest.raises(ConnectionError):
        services.issue_for_request(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.PAID
    assert not Certificate.objects.exists()

    # Storage failing after the first file: the file already written is removed again.
    monkeypatch.setattr(signing, "sign_pdf", real_sign)
    saved = []
    real_save = Certificate.save

    def save_then_fail(self, *args, **kwargs):
        saved.append(self)
        if len(saved) == 2:
            raise OSError("disk full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Certificate, "save", save_then_fail)
    with pytest.raises(OSError):
        services.issue_for_request(request_id=request.pk)
    assert not Certificate.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))

    monkeypatch.setattr(Certificate, "save", real_save)
    assert services.issue_pending() == 1
    request.refresh_from_db()
    assert request.status == CertificateRequest.Status.ISSUED
    assert Certificate.objects.filter(request=request).count() == 3
    assert services.issue_pending() == 0


@pytest.mark.parametrize(
    ("kind", "expected"), [("inkan", "200001"), ("kazei", "5,000,000円"), ("nozei", "市県民税")]
)
def test_each_kind_prints_its_own_records(resident, kind, expected):
    certificate = services.issue_certificate(kind=kind, resident_code=HEAD_CODE, actor=resident)
    assert expected in _pdf_text(certificate)
    assert AuditEvent.objects.filter(action="registry.read", object_id=HEAD_CODE).exists()


def test_a_specimen_of_each_kind_shows_only_that_kind(db):
    residence = services.issue_specimen(kind="juminhyo")
    seal = services.issue_specimen(kind="inkan")
    assert "印影" not in _pdf_text(residence) and "見本 太郎" in _pdf_text(residence)
    assert "印影" in _pdf_text(seal) and "印鑑登録証明書" in _pdf_text(seal)
    assert residence.is_specimen and residence.resident_code == ""


def test_revoking_needs_a_reason_and_happens_once(resident):
    certificate = services.issue_certificate(kind="juminhyo", resident_code=HEAD_CODE, actor=resident)
    with pytest.raises(services.CertificateError):
        services.revoke_certificate(certificate=certificate, actor=resident, reason=" ")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    services.revoke_certificate(certificate=certificate, actor=resident, reason="記載誤り")
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revocation_reason == "記載誤り"
    event = AuditEvent.objects.get(action="certificates.revoke")
    assert event.object_id == certificate.verification_code and event.details == {"reason": "記載誤り"}
    with pytest.raises(services.CertificateError):
        services.revoke_certificate(certificate=certificate, actor=resident, reason="再度")


def test_a_code_is_found_however_it_is_typed_or_scanned(resident):
    certificate = services.issue_certificate(kind="juminhyo", resident_code=HEAD_CODE, actor=resident)
    code = certificate.verification_code
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in code.lower())
    for typed in (code, certificate.formatted_code, f" {full_width} ", services.verify_url(code)):
        assert selectors.certificate_by_code(typed) == certificate
    assert selectors.certificate_by_code(code[:-1]) is None
    assert selectors.certificate_by_code("") is None
