"""Reads for certificates. Tax and seal data are personal data: each read writes an audit event.

Staff reach the certificates of the kinds their departments issue (the department responsible
for the kind's procedure in the catalogue); the filter is in the query, like a case officer's
cases, and looking at one is audited.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.models import QuerySet

from madoguchi.accounts.models import Role
from madoguchi.accounts.roles import reach
from madoguchi.audit.services import record_event
from madoguchi.certificates.models import (
    KIND_BY_PROCEDURE,
    PROCEDURE_CODES,
    Certificate,
    CertificateKind,
    CertificateRequest,
    SealRegistration,
    TaxAssessment,
    TaxPayment,
)
from madoguchi.payments import purposes
from madoguchi.payments import selectors as payment_selectors
from madoguchi.procedures import selectors as procedure_selectors

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
    return purposes.purpose(purposes.CERTIFICATE, request.pk)


def last_payment_failed(request: CertificateRequest) -> bool:
    """Whether the latest attempt to pay for an unpaid request ended unpaid (declined, cancelled)."""
    if request.status != CertificateRequest.Status.AWAITING_PAYMENT:
        return False
    latest = payment_selectors.payments_for_purpose(payment_purpose(request)).first()
    return latest is not None and latest.state in ENDED_PAYMENT_STATES


def paid_requests_not_issued() -> QuerySet[CertificateRequest]:
    """Requests paid for but not yet issued (a task failed or never ran): the mop-up's work list."""
    return CertificateRequest.objects.filter(status=CertificateRequest.Status.PAID).order_by("paid_at")


# Who sees issued certificates (the counter hands them out), and who may revoke one (失効).
STAFF_ROLES = (Role.COUNTER_STAFF, Role.CASE_OFFICER, Role.DEPARTMENT_HEAD)
REVOKING_ROLES = (Role.CASE_OFFICER, Role.DEPARTMENT_HEAD)


def issuing_department(kind: str):
    """The department that issues ``kind`` (its catalogue procedure's), or None if unpublished."""
    procedure = procedure_selectors.procedure_by_code(PROCEDURE_CODES[CertificateKind(kind)])
    return procedure.department if procedure is not None else None


def _certificates_within(user, roles: tuple[str, ...]) -> QuerySet[Certificate]:
    within = reach(user, *roles)
    certificates = Certificate.objects.select_related("request", "revoked_by")
    if within.everywhere:
        return certificates
    codes = procedure_selectors.procedures_of_departments(within.departments).values_list("code", flat=True)
    kinds = [KIND_BY_PROCEDURE[code] for code in codes if code in KIND_BY_PROCEDURE]
    return certificates.filter(kind__in=kinds)


def recent_certificates(user, *, limit: int = 50) -> QuerySet[Certificate]:
    """The latest certificates of the kinds the staff member's departments issue."""
    return _certificates_within(user, STAFF_ROLES)[:limit]


def certificate_for_staff(user, code: str, *, purpose: str) -> Certificate | None:
    """One certificate by its verification code, if the staff member's departments issue its kind.

    The look is audited: the page shows whose certificate it is.
    """
    normalized = normalize_code(code)
    certificate = _certificates_within(user, STAFF_ROLES).filter(verification_code=normalized).first()
    if certificate is not None:
        record_event(
            action="certificates.view",
            actor=user,
            # Filed under the resident, so that it shows on their access-log page.
            object_type="registry.resident",
            object_id=certificate.resident_code,
            purpose=purpose,
            details={"certificate": str(certificate.pk), "kind": certificate.kind},
        )
    return certificate


def may_revoke(user, certificate: Certificate) -> bool:
    """Whether ``user`` may revoke ``certificate``: an officer or head of the issuing department."""
    return _certificates_within(user, REVOKING_ROLES).filter(pk=certificate.pk).exists()


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
