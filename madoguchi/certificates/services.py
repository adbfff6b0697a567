"""Writes for certificates: request, record payment, issue (exactly once), revoke, specimen.

Issuing renders and signs every copy first and only then, in one transaction with the request's
row locked, stores the files and rows and marks the request issued. So a failure half-way (the
signing service down, the storage full) leaves nothing behind and the request still paid, and a
second delivery of the same payment finds the request issued and returns what was issued.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.audit.services import record_event
from madoguchi.cases import selectors as case_selectors
from madoguchi.cases import services as case_services
from madoguchi.certificates import content, render, selectors, signing
from madoguchi.certificates.models import (
    KIND_BY_PROCEDURE,
    PROCEDURE_CODES,
    Certificate,
    CertificateKind,
    CertificateRequest,
    SealRegistration,
    TaxAssessment,
    TaxPayment,
    format_code,
)
from madoguchi.certificates.tasks import issue_requested_certificates
from madoguchi.core.errors import ServiceError
from madoguchi.payments import purposes
from madoguchi.payments import selectors as payment_selectors
from madoguchi.payments import services as payment_services
from madoguchi.procedures import selectors as procedure_selectors

logger = logging.getLogger(__name__)

MAX_COPIES = 10
SIGNATURE_LOCATION = "茨城県龍ケ崎市"


class CertificateError(ServiceError):
    """A request that cannot be carried out; ``messages`` are shown to the person as they are."""


def new_verification_code() -> str:
    """16 characters of Crockford base32: 80 random bits, not guessable, easy to type."""
    return "".join(secrets.choice(selectors.CODE_ALPHABET) for _ in range(16))


def verify_url(code: str) -> str:
    """The address printed and put in the QR code: the public page for this code."""
    path = reverse("certificates:verify_code", kwargs={"code": format_code(code)})
    return f"{signing.public_base_url()}{path}"


def _audit(action: str, *, actor: Any, object_type: str, object_id: str, details: dict | None = None) -> None:
    record_event(action=action, actor=actor, object_type=object_type, object_id=object_id, details=details)


# --- Requests ----------------------------------------------------------------------------------------


def fee_for(kind: str, copies: int) -> int:
    """The fee in yen for ``copies`` of ``kind``, by the catalogue procedure's fee rule."""
    procedure = procedure_selectors.procedure_by_code(PROCEDURE_CODES[CertificateKind(kind)])
    if procedure is None:
        raise CertificateError(_("この証明書は現在オンラインで請求できません。"))
    return procedure_selectors.fee_for(procedure, {"copies": copies})


@transaction.atomic
def create_request(
    *, applicant, resident_code: str, kind: str, copies: int, purpose: str
) -> CertificateRequest:
    """交付請求 — checked against the records now, so nobody pays for a certificate we cannot issue."""
    purpose = purpose.strip()
    errors = []
    if kind not in CertificateKind.values:
        errors.append(_("証明書の種類を選んでください。"))
    if not 1 <= copies <= MAX_COPIES:
        errors.append(_("通数は1から%(max)d通までで指定してください。") % {"max": MAX_COPIES})
    if not purpose:
        errors.append(_("使用目的を入力してください。"))
    elif len(purpose) > 100:
        errors.append(_("使用目的は100文字以内で入力してください。"))
    if not resident_code:
        errors.append(_("住民記録と結びついたアカウントでログインしてください。"))
    if errors:
        raise CertificateError(*errors)
    fee = fee_for(kind, copies)
    try:
        content.gather(kind, resident_code, actor=applicant)
    except content.NothingToCertify as error:
        raise CertificateError(error.message) from error
    request = CertificateRequest.objects.create(
        applicant=applicant, resident_code=resident_code, kind=kind, copies=copies, purpose=purpose, fee=fee
    )
    _audit(
        "certificates.request",
        actor=applicant,
        object_type="certificates.request",
        object_id=str(request.pk),
        details={"kind": kind, "copies": copies, "fee": fee},
    )
    return request


def begin_payment(*, request: CertificateRequest) -> str:
    """納付 — start (or resume) paying for a request; returns the provider's payment page.

    The idempotency key counts the attempts that ended unpaid: pressing "pay" twice, or again
    after the provider failed to answer, resumes the same payment (nothing is charged twice);
    after a declined card a new attempt starts.
    """
    if request.status != CertificateRequest.Status.AWAITING_PAYMENT:
        raise CertificateError(_("この請求はお支払い済みです。"))
    purpose = selectors.payment_purpose(request)
    ended = (
        payment_selectors.payments_for_purpose(purpose)
        .filter(state__in=selectors.ENDED_PAYMENT_STATES)
        .count()
    )
    label = CertificateKind(request.kind).label
    try:
        payment = payment_services.start_payment(
            payer=request.applicant,
            amount=request.fee,
            description=f"{label} {request.copies}通",
            reference=str(request.pk),
            purpose=purpose,
            return_url=reverse("certificates:my_request", kwargs={"request_id": request.pk}),
            idempotency_key=f"{purpose}:{ended + 1}",
            department=selectors.issuing_department(request.kind),
        )
    except payment_services.PaymentError as error:
        raise CertificateError(*error.args) from error
    return payment.next_url


def settle_from_payments(*, request: CertificateRequest) -> CertificateRequest:
    """Catch up with a capture whose notice has not arrived (a receiver failed): ask payments."""
    if request.status != CertificateRequest.Status.AWAITING_PAYMENT:
        return request
    payment = payment_selectors.captured_payment_for_purpose(selectors.payment_purpose(request))
    if payment is None:
        return request
    return record_payment(
        request_id=request.pk, payment_reference=str(payment.pk), amount=_paid_amount(payment)
    )


def _paid_amount(payment) -> int:
    """What the provider says was paid when it differs from what was asked, else the amount asked."""
    return payment.provider_amount if payment.provider_amount is not None else payment.amount


def on_payment_captured(sender, *, payment, purpose: str, **kwargs) -> None:
    """Receiver of ``payments.signals.payment_captured``: a certificate's fee was paid."""
    kind, request_id = purposes.parse(purpose)
    if kind == purposes.CASE:
        request_for_case(receipt_number=request_id, payment=payment)
        return
    if kind != purposes.CERTIFICATE:
        return
    try:
        request_id = uuid.UUID(request_id)
    except ValueError:
        logger.error("payment %s names a malformed certificate request %r", payment.pk, request_id)
        return
    record_payment(request_id=request_id, payment_reference=str(payment.pk), amount=_paid_amount(payment))


def request_for_case(*, receipt_number: str, payment) -> CertificateRequest | None:
    """A paid application for a certificate procedure in the catalogue becomes a request, issued once.

    住民票の写しの交付請求 and the other certificate procedures are applied for like any other:
    the form prefilled from the registry, review, and the fee paid before the case is received
    (cases, payments). When that fee is captured the certificate itself is made here, and the
    case completes when it is issued (``issue_for_request``). Any other case is not ours.
    """
    submission = case_selectors.submission_for_system(receipt_number)
    kind = KIND_BY_PROCEDURE.get(submission.procedure_code) if submission is not None else None
    if kind is None:
        return None
    existing = CertificateRequest.objects.filter(case_receipt_number=receipt_number).first()
    if existing is None:
        copies = submission.answers.get("copies", 1)
        copies = copies if isinstance(copies, int) and 1 <= copies <= MAX_COPIES else 1
        try:
            with transaction.atomic():
                existing = CertificateRequest.objects.create(
                    applicant=submission.applicant,
                    resident_code=submission.resident_code,
                    kind=kind,
                    copies=copies,
                    purpose=_("申請（受付番号 %(receipt)s）による交付") % {"receipt": receipt_number},
                    fee=fee_for(kind, copies),
                    case_receipt_number=receipt_number,
                )
        except IntegrityError:  # the same payment announced twice at once: the other one made it
            existing = CertificateRequest.objects.get(case_receipt_number=receipt_number)
    return record_payment(
        request_id=existing.pk, payment_reference=str(payment.pk), amount=_paid_amount(payment)
    )


def record_payment(*, request_id, payment_reference: str, amount: int) -> CertificateRequest | None:
    """The payment for a request was captured: mark it paid and issue after commit (once).

    A repeated notice for the same request changes nothing. An amount that is not the fee marks
    the request for staff to look at (確認中) and issues nothing.
    """
    with transaction.atomic():
        request = CertificateRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None:
            logger.warning("payment %s names unknown certificate request %s", payment_reference, request_id)
            return None
        if request.status != CertificateRequest.Status.AWAITING_PAYMENT:
            return request
        request.payment_reference = payment_reference
        request.paid_at = timezone.now()
        if amount != request.fee:
            request.status = CertificateRequest.Status.AMOUNT_MISMATCH
        else:
            request.status = CertificateRequest.Status.PAID
            issue_requested_certificates.delay_on_commit(str(request.pk))
        request.save(update_fields=["payment_reference", "paid_at", "status"])
        _audit(
            "certificates.paid",
            actor=None,
            object_type="certificates.request",
            object_id=str(request.pk),
            details={"payment": payment_reference, "amount": amount, "fee": request.fee},
        )
    return request


# --- Issuing -----------------------------------------------------------------------------------------


def _signed(
    kind: str, facts: content.Facts, *, now: dt.datetime, specimen: bool = False
) -> tuple[Certificate, bytes]:
    """A new certificate (not yet saved) and its signed PDF."""
    code = new_verification_code()
    verifiable_until = now + dt.timedelta(days=settings.MADOGUCHI_CERTIFICATE_VERIFY_DAYS)
    document = content.document(
        kind,
        facts,
        verification_code=code,
        verify_url=verify_url(code),
        issued_on=timezone.localdate(now),
        verifiable_until=timezone.localdate(verifiable_until),
        specimen=specimen,
    )
    pdf = signing.sign_pdf(
        render.render_pdf(document), reason=f"{content.TITLES[kind]}の交付", location=SIGNATURE_LOCATION
    )
    certificate = Certificate(
        kind=kind,
        is_specimen=specimen,
        verification_code=code,
        sha256=hashlib.sha256(pdf).hexdigest(),
        issued_at=now,
        verifiable_until=verifiable_until,
    )
    return certificate, pdf


def _store(signed: list[tuple[Certificate, bytes]]) -> list[Certificate]:
    """Save files and rows (inside the caller's transaction); files already written go on failure."""
    stored: list[Certificate] = []
    try:
        for certificate, pdf in signed:
            certificate.pdf.save(f"{certificate.verification_code}.pdf", ContentFile(pdf), save=False)
            stored.append(certificate)
            certificate.save()
    except BaseException:
        for certificate in stored:
            certificate.pdf.delete(save=False)
        raise
    return stored


@transaction.atomic
def issue_certificate(
    *,
    kind: str,
    resident_code: str,
    actor: Any,
    request: CertificateRequest | None = None,
    copy_number: int = 1,
) -> Certificate:
    """One signed certificate of ``kind`` for the resident, stored and audited."""
    facts = content.gather(kind, resident_code, actor=actor)
    certificate, pdf = _signed(kind, facts, now=timezone.now())
    certificate.request = request
    certificate.copy_number = copy_number
    certificate.resident_code = resident_code
    (stored,) = _store([(certificate, pdf)])
    _audit(
        "certificates.issue",
        actor=actor,
        object_type="certificates.certificate",
        object_id=stored.verification_code,
        details={"kind": kind, "resident_code": resident_code, "sha256": stored.sha256},
    )
    return stored


def issue_for_request(*, request_id) -> list[Certificate]:
    """Issue a paid request's copies, exactly once; an issued request returns what was issued."""
    with transaction.atomic():
        request = CertificateRequest.objects.select_for_update().get(pk=request_id)
        if request.status == CertificateRequest.Status.ISSUED:
            return list(request.certificates.order_by("copy_number"))
        if request.status != CertificateRequest.Status.PAID:
            raise CertificateError(_("お支払いが確認できていない請求です。"))
        facts = content.gather(request.kind, request.resident_code, actor=request.applicant)
        now = timezone.now()
        signed = []
        for copy_number in range(1, request.copies + 1):
            certificate, pdf = _signed(request.kind, facts, now=now)
            certificate.request = request
            certificate.copy_number = copy_number
            certificate.resident_code = request.resident_code
            signed.append((certificate, pdf))
        stored = _store(signed)
        request.status = CertificateRequest.Status.ISSUED
        request.issued_at = now
        request.save(update_fields=["status", "issued_at"])
        _audit(
            "certificates.issue",
            actor=request.applicant,
            object_type="certificates.request",
            object_id=str(request.pk),
            details={
                "codes": [certificate.verification_code for certificate in stored],
                "kind": request.kind,
            },
        )
        if request.case_receipt_number:
            _complete_case(request)
    return stored


def _complete_case(request: CertificateRequest) -> None:
    """The application behind the request is done: the certificate is what it asked for."""
    submission = case_selectors.submission_for_system(request.case_receipt_number)
    if submission is None or submission.status == submission.Status.COMPLETED:
        return
    case_services.change_status(
        submission=submission,
        to_status=submission.Status.COMPLETED,
        reason=_("証明書を電子交付しました。マイページの「証明書」からダウンロードできます。"),
        actor=None,
    )


def issue_pending() -> int:
    """The mop-up: issue every paid request still waiting; returns how many were issued."""
    issued = 0
    for request in selectors.paid_requests_not_issued():
        try:
            issue_for_request(request_id=request.pk)
        except Exception:
            logger.exception(
                "issuing certificate request %s failed; it stays paid for the next run", request.pk
            )
        else:
            issued += 1
    return issued


@transaction.atomic
def issue_specimen(*, kind: str = CertificateKind.RESIDENCE, actor: Any = None) -> Certificate:
    """A signed 見本 with fictional data: checks the signing set-up without a resident."""
    now = timezone.now()
    certificate, pdf = _signed(
        kind, content.specimen_facts(kind, timezone.localdate(now)), now=now, specimen=True
    )
    (stored,) = _store([(certificate, pdf)])
    _audit(
        "certificates.issue_specimen",
        actor=actor,
        object_type="certificates.certificate",
        object_id=stored.verification_code,
        details={"kind": kind, "sha256": stored.sha256},
    )
    return stored


# --- Revocation --------------------------------------------------------------------------------------


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, actor: Any, reason: str) -> Certificate:
    """失効 — the public page says so from now on; the reason is kept and audited."""
    reason = reason.strip()
    if not reason:
        raise CertificateError(_("失効の理由を入力してください。"))
    if len(reason) > 200:
        raise CertificateError(_("失効の理由は200文字以内で入力してください。"))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise CertificateError(_("この証明書はすでに失効しています。"))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    _audit(
        "certificates.revoke",
        actor=actor,
        object_type="certificates.certificate",
        object_id=certificate.verification_code,
        details={"reason": reason},
    )
    return certificate


# --- Source records (the demo's stand-ins for the tax system and the seal register) ------------------


def sign_document(pdf: bytes, *, reason: str) -> bytes:
    """The city's PAdES signature on another app's document (a decided draft, for one)."""
    return signing.sign_pdf(pdf, reason=reason, location=SIGNATURE_LOCATION)


def prepare_signing() -> str:
    """Make sure a signing key is usable (the demo's PKI is made here on first run); its subject."""
    return signing.signing_setup().signer.signing_cert.subject.human_friendly


def _employment_deduction(salary: int) -> int:
    """給与所得控除 (simplified from the current table)."""
    if salary <= 1_625_000:
        return min(salary, 550_000)
    if salary <= 1_800_000:
        return salary * 40 // 100 - 100_000
    if salary <= 3_600_000:
        return salary * 30 // 100 + 80_000
    if salary <= 6_600_000:
        return salary * 20 // 100 + 440_000
    if salary <= 8_500_000:
        return salary * 10 // 100 + 1_100_000
    return 1_950_000


def record_tax_assessment(
    *, resident_code: str, fiscal_year: int, salary_income: int, dependents: int
) -> TaxAssessment:
    """課税 — a year's 市県民税 from a salary, by a simplified rule (6% + 4% and the per-capita levy)."""
    total_income = salary_income - _employment_deduction(salary_income)
    deductions = 430_000 + salary_income * 15 // 100 + 330_000 * dependents
    taxable = max(total_income - deductions, 0) // 1000 * 1000
    municipal = (taxable * 6 // 100 + 3_000) // 100 * 100 if taxable else 0
    prefectural = (taxable * 4 // 100 + 2_000) // 100 * 100 if taxable else 0
    assessment, _created = TaxAssessment.objects.update_or_create(
        resident_code=resident_code,
        fiscal_year=fiscal_year,
        defaults={
            "income_year": fiscal_year - 1,
            "salary_income": salary_income,
            "total_income": total_income,
            "deductions": deductions,
            "taxable_income": taxable,
            "municipal_tax": municipal,
            "prefectural_tax": prefectural,
            "dependents": dependents,
        },
    )
    return assessment


def record_tax_payment(
    *, resident_code: str, fiscal_year: int, tax_item: str, assessed: int, paid: int
) -> TaxPayment:
    payment, _created = TaxPayment.objects.update_or_create(
        resident_code=resident_code,
        fiscal_year=fiscal_year,
        tax_item=tax_item,
        defaults={"assessed": assessed, "paid": paid},
    )
    return payment


def register_seal(
    *, resident_code: str, registration_number: str, registered_on: dt.date, engraving: str
) -> SealRegistration:
    """印鑑登録 — a resident's registered seal (re-registering replaces the record)."""
    registration, _created = SealRegistration.objects.update_or_create(
        resident_code=resident_code,
        defaults={
            "registration_number": registration_number,
            "registered_on": registered_on,
            "engraving": engraving,
        },
    )
    return registration
