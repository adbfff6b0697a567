"""Reads for certificates. Tax and seal data are personal data: each read writes an audit event."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.models import QuerySet

from madoguchi.audit.services import record_event
from madoguchi.certificates.models import (
    Certificate,
    CertificateRequest,
    SealRegistration,
    TaxAssessment,
    TaxPayment,
)
from madoguchi.payments import selectors as payment_selectors

# Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_code(text: str) -> str:
    """A typed or scanned verification code in canonical form (full-width, dashes, spaces, case).

    A whole verification URL (what the QR code holds) is accepted too: its last path segment.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if "/" in text:
        text = next((part for part in reversed(text.split("/")) if part), "")
    text = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    return text


def certificate_by_code(text: str) -> Certificate | None:
    """The certificate a verifier typed or scanned the code of (no personal data is read)."""
    code = normalize_code(text)
    if len(code) != 16 or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return Certificate.objects.filter(verification_code=code).first()


def requests_of(user) -> QuerySet[CertificateRequest]:
    return CertificateRequest.objects.filter(applicant=user).prefetch_related("certificates")


def request_of(user, request_id) -> CertificateRequest | None:
    return requests_of(user).filter(pk=request_id).first()


def certificate_of(user, certificate_id) -> Certificate | None:
    """A certificate the user requested (for download), or None."""
    return Certificate.objects.filter(pk=certificate_id, request__applicant=user).first()


# Payment states after which paying again needs a new attempt (the old one is spent).
ENDED_PAYMENT_STATES = ("failed", "cancelled", "expired")


def payment_purpose(request: CertificateRequest) -> str:
    """What the payment is for, as payments hands it back with ``payment_captured``."""
    return f"certificate:{request.pk}"


def last_payment_failed(request: CertificateRequest) -> bool:
    """Whether the latest attempt to pay for an unpaid request ended unpaid (declined, cancelled)."""
    if request.status != CertificateRequest.Status.AWAITING_PAYMENT:
        return False
    latest = payment_selectors.payments_for_purpose(payment_purpose(request)).first()
    return latest is not None and latest.state in ENDED_PAYMENT_STATES


def paid_requests_not_issued() -> QuerySet[CertificateRequest]:
    """Requests paid for but not yet issued (a task failed or never ran): the mop-up's work list."""
    return CertificateRequest.objects.filter(status=CertificateRequest.Status.PAID).order_by("paid_at")


def recent_certificates(*, limit: int = 50) -> QuerySet[Certificate]:
    return Certificate.objects.select_related("request", "revoked_by")[:limit]


def _audit(action: str, resident_code: str, *, actor: Any, purpose: str, found: bool) -> None:
    record_event(
        action=action,
        actor=actor,
        object_type="registry.resident",
        object_id=resident_code,
        purpose=purpose,
        details={"found": found},
    )


def latest_tax_assessment(resident_code: str, *, actor: Any, purpose: str) -> TaxAssessment | None:
    """The resident's most recent 課税情報 (the year a 課税証明書 certifies)."""
    assessment = TaxAssessment.objects.filter(resident_code=resident_code).order_by("-fiscal_year").first()
    _audit("certificates.read_tax", resident_code, actor=actor, purpose=purpose, found=assessment is not None)
    return assessment


def tax_payments(resident_code: str, *, actor: Any, purpose: str) -> list[TaxPayment]:
    """The resident's 納税状況 for their latest fiscal year with any tax (empty: no tax)."""
    rows = TaxPayment.objects.filter(resident_code=resident_code)
    latest = rows.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    payments = list(rows.filter(fiscal_year=latest).order_by("tax_item")) if latest else []
    _audit(
        "certificates.read_tax_payments", resident_code, actor=actor, purpose=purpose, found=bool(payments)
    )
    return payments


def seal_registration(resident_code: str, *, actor: Any, purpose: str) -> SealRegistration | None:
    registration = SealRegistration.objects.filter(resident_code=resident_code).first()
    _audit(
        "certificates.read_seal", resident_code, actor=actor, purpose=purpose, found=registration is not None
    )
    return registration
