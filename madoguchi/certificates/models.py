"""証明書 — requests for certificates, the signed certificates issued, and the demo's source data.

A resident's request (交付請求) is paid for, then issued exactly once: one ``Certificate`` per
copy (通), each with its own verification code (検証コード) and signed PDF. The public page
confirms a certificate by its code; staff may revoke one (失効) with a reason.

``TaxAssessment``, ``TaxPayment`` and ``SealRegistration`` stand in for the city's tax system
(税務システム) and seal register (印鑑登録原票) in the demo; they are read only through
``certificates.selectors``, which writes an audit event, like the resident registry.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    """The certificates a resident can request online, with the catalogue procedure for each."""

    RESIDENCE = "juminhyo", _("住民票の写し")
    SEAL = "inkan", _("印鑑登録証明書")
    TAXATION = "kazei", _("課税（所得）証明書")
    TAX_PAYMENT = "nozei", _("納税証明書")


# Each kind's procedure in the catalogue: its fee rule is the fee (市手数料条例).
PROCEDURE_CODES = {
    CertificateKind.RESIDENCE: "juminhyo-utsushi",
    CertificateKind.SEAL: "inkan-shomei",
    CertificateKind.TAXATION: "kazei-shomei",
    CertificateKind.TAX_PAYMENT: "nozei-shomei",
}
KIND_BY_PROCEDURE = {code: kind for kind, code in PROCEDURE_CODES.items()}


class CertificateRequest(models.Model):
    """交付請求 — what a resident asked for and paid; issued once paid."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("お支払い待ち")
        PAID = "paid", _("発行処理中")
        ISSUED = "issued", _("発行済み")
        AMOUNT_MISMATCH = "amount_mismatch", _("確認中（金額の不一致）")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificate_requests"
    )
    resident_code = models.CharField(_("住民票コード"), max_length=11)
    kind = models.CharField(_("証明書の種類"), max_length=12, choices=CertificateKind.choices)
    copies = models.PositiveSmallIntegerField(_("通数"))
    purpose = models.CharField(_("使用目的"), max_length=100)
    fee = models.PositiveIntegerField(_("手数料（円）"))
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    payment_reference = models.CharField(_("支払番号"), max_length=64, blank=True)
    # Set when the request came from an application in the catalogue (cases): its 受付番号.
    case_receipt_number = models.CharField(_("申請の受付番号"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("請求日時"), auto_now_add=True)
    paid_at = models.DateTimeField(_("支払日時"), null=True, blank=True)
    issued_at = models.DateTimeField(_("発行日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("証明書の交付請求")
        verbose_name_plural = _("証明書の交付請求")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "paid_at"])]
        constraints = [
            # One certificate request per application, however often its payment is announced.
            models.UniqueConstraint(
                fields=["case_receipt_number"],
                condition=~models.Q(case_receipt_number=""),
                name="certificates_one_request_per_case",
            )
        ]


def format_code(code: str) -> str:
    """A verification code as printed: XXXX-XXXX-XXXX-XXXX."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _pdf_path(certificate: Certificate, filename: str) -> str:
    return f"certificates/{certificate.issued_at:%Y/%m}/{certificate.verification_code}.pdf"


class Certificate(models.Model):
    """交付した証明書 — one signed PDF, verifiable by its code until ``verifiable_until``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(
        CertificateRequest, on_delete=models.PROTECT, related_name="certificates", null=True, blank=True
    )
    copy_number = models.PositiveSmallIntegerField(_("通番"), default=1)
    kind = models.CharField(_("証明書の種類"), max_length=12, choices=CertificateKind.choices)
    is_specimen = models.BooleanField(_("見本"), default=False)
    resident_code = models.CharField(_("住民票コード"), max_length=11, blank=True)
    verification_code = models.CharField(_("検証コード"), max_length=16, unique=True)
    pdf = models.FileField(_("PDF"), upload_to=_pdf_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    issued_at = models.DateTimeField(_("発行日時"))
    verifiable_until = models.DateTimeField(_("検証期限"))
    revoked_at = models.DateTimeField(_("失効日時"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.CharField(_("失効の理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("証明書")
        verbose_name_plural = _("証明書")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "copy_number"], name="one_certificate_per_copy")
        ]

    @property
    def formatted_code(self) -> str:
        return format_code(self.verification_code)


class TaxAssessment(models.Model):
    """課税情報 (demo) — one resident's income and 市県民税 for one fiscal year (年度)."""

    resident_code = models.CharField(_("住民票コード"), max_length=11)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    income_year = models.PositiveSmallIntegerField(_("所得の年"))
    salary_income = models.PositiveIntegerField(_("給与収入"))
    total_income = models.PositiveIntegerField(_("総所得金額"))
    deductions = models.PositiveIntegerField(_("所得控除額"))
    taxable_income = models.PositiveIntegerField(_("課税標準額"))
    municipal_tax = models.PositiveIntegerField(_("市民税"))
    prefectural_tax = models.PositiveIntegerField(_("県民税"))
    dependents = models.PositiveSmallIntegerField(_("扶養人数"), default=0)

    class Meta:
        verbose_name = _("課税情報")
        verbose_name_plural = _("課税情報")
        constraints = [
            models.UniqueConstraint(fields=["resident_code", "fiscal_year"], name="one_assessment_per_year")
        ]


class TaxPayment(models.Model):
    """納税状況 (demo) — one tax item's assessed and paid amounts for one fiscal year."""

    resident_code = models.CharField(_("住民票コード"), max_length=11)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    tax_item = models.CharField(_("税目"), max_length=30)
    assessed = models.PositiveIntegerField(_("税額"))
    paid = models.PositiveIntegerField(_("納付済額"))

    class Meta:
        verbose_name = _("納税状況")
        verbose_name_plural = _("納税状況")
        constraints = [
            models.UniqueConstraint(
                fields=["resident_code", "fiscal_year", "tax_item"], name="one_payment_row_per_item"
            )
        ]


class SealRegistration(models.Model):
    """印鑑登録 (demo) — a resident's registered seal: number, date and the engraved characters."""

    resident_code = models.CharField(_("住民票コード"), max_length=11, unique=True)
    registration_number = models.CharField(_("登録番号"), max_length=12, unique=True)
    registered_on = models.DateField(_("登録日"))
    engraving = models.CharField(_("印影の文字"), max_length=10)

    class Meta:
        verbose_name = _("印鑑登録")
        verbose_name_plural = _("印鑑登録")
