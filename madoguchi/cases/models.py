"""申請・案件 — what a resident fills in (draft), sends (submission), and how staff handle it (case).

A submission is the case: staff work on the same record the resident sent, so there is one
source of truth for its status. Every change of status is kept (``StatusChange``), every version
of the answers is kept (``Revision``), and nothing is ever deleted here.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bundle(models.Model):
    """ライフイベントの一括申請 — the procedures of one life event, submitted together."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    life_event_code = models.SlugField(_("ライフイベント"), max_length=40)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("一括申請")
        verbose_name_plural = _("一括申請")


class Draft(models.Model):
    """申請の下書き — answers saved step by step, resumable until submitted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts")
    procedure_code = models.SlugField(_("手続コード"), max_length=60)
    form_version = models.ForeignKey("formbuilder.FormVersion", on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("回答"), default=dict)
    completed_steps = models.JSONField(_("入力済みの段階"), default=list)
    resident_code = models.CharField(_("住民票コード"), max_length=11, blank=True)
    prefilled = models.JSONField(_("自動入力した値"), default=dict)
    prefill_consent_at = models.DateTimeField(_("自動入力への同意日時"), null=True, blank=True)
    prefill_declined = models.BooleanField(_("自動入力を使わない"), default=False)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bundle = models.ForeignKey(Bundle, on_delete=models.PROTECT, null=True, blank=True, related_name="drafts")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submitted_at = models.DateTimeField(_("申請日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("下書き")
        verbose_name_plural = _("下書き")
        indexes = [models.Index(fields=["applicant", "procedure_code", "submitted_at"])]


class Submission(models.Model):
    """申請 — a sent application, and the case staff handle."""

    class Status(models.TextChoices):
        # Sent, but its fee must be paid online first (手数料の事前納付); not yet in the inbox.
        AWAITING_PAYMENT = "awaiting_payment", _("支払待ち")
        RECEIVED = "received", _("受付")
        UNDER_REVIEW = "under_review", _("審査中")
        CORRECTION_REQUESTED = "correction_requested", _("補正依頼")
        COMPLETED = "completed", _("完了")
        REJECTED = "rejected", _("却下")

    receipt_number = models.CharField(_("受付番号"), max_length=20, unique=True)
    # One draft becomes at most one submission: the database itself refuses a duplicate, so a
    # double click or a retried request can never create two.
    draft = models.OneToOneField(Draft, on_delete=models.PROTECT, related_name="submission")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions"
    )
    resident_code = models.CharField(_("住民票コード"), max_length=11, blank=True)
    procedure_code = models.SlugField(_("手続コード"), max_length=60)
    procedure_title = models.CharField(_("手続名"), max_length=200)
    department = models.ForeignKey("organization.Department", on_delete=models.PROTECT, related_name="+")
    form_version = models.ForeignKey("formbuilder.FormVersion", on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("回答"))
    fee = models.PositiveIntegerField(_("手数料"), default=0)
    status = models.CharField(_("状態"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    # Why the case's payment needs a look before it may be completed (e.g. a different amount).
    payment_flag = models.CharField(_("納付の確認事項"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("申請日時"))
    due_on = models.DateField(_("処理期限"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bundle = models.ForeignKey(
        Bundle, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    # Set when the retention period ended and the personal content was removed (see retention.py).
    anonymised_at = models.DateTimeField(_("匿名化日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("申請")
        verbose_name_plural = _("申請")
        indexes = [
            # The inbox: one department, newest first, with or without a status filter.
            models.Index(fields=["department", "status", "-submitted_at"]),
            models.Index(fields=["department", "-submitted_at"]),
            models.Index(fields=["applicant", "-submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.receipt_number


class StatusChange(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(_("変更前"), max_length=24, blank=True)
    to_status = models.CharField(_("変更後"), max_length=24, choices=Submission.Status.choices)
    reason = models.TextField(_("理由"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Revision(models.Model):
    """補正の履歴 — every version of the answers, the first being what was submitted."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("版"))
    answers = models.JSONField(_("回答"))
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="revision_number_unique")
        ]


class Message(models.Model):
    """申請者と職員のやりとり."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_staff = models.BooleanField(_("職員から"))
    body = models.TextField(_("本文"), max_length=4000)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Note(models.Model):
    """職員メモ — internal, never shown to the applicant."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("本文"), max_length=4000)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


def _attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never carries the resident's file name (personal data, unsafe characters).
    return f"attachments/{instance.created_at:%Y/%m}/{instance.id.hex}"


class Attachment(models.Model):
    """添付書類."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="attachments")
    field_key = models.CharField(_("項目"), max_length=120)
    file = models.FileField(_("ファイル"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("ファイル名"), max_length=200)
    content_type = models.CharField(_("種類"), max_length=100)
    size = models.PositiveIntegerField(_("サイズ"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("日時"))

    class Meta:
        ordering = ["created_at"]


class PrefillConsent(models.Model):
    """自動入力への同意 — what the resident agreed the city may read, for which procedure."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="consents")
    resident_code = models.CharField(_("住民票コード"), max_length=11)
    procedure_code = models.SlugField(_("手続コード"), max_length=60)
    attributes = models.JSONField(_("読み取る項目"))
    given_at = models.DateTimeField(_("同意日時"), auto_now_add=True)
