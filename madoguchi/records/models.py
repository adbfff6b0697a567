"""公文書管理 — the file plan, files with their retention, receipt registration and disposal.

Retention follows the usual rule of Japanese public records management (公文書等の管理に関する
法律 and the city's 文書管理規程): it starts on the 1 April after the fiscal year (年度, April–March)
in which a file was completed, and at its end the file is either disposed of (廃棄) or transferred
to the archives as a historical public record (移管, 歴史公文書). Neither happens without a decision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Retention(models.IntegerChoices):
    """保存期間 in years; 常用 (kept while in use, never expires by time) is 0."""

    ONE = 1, _("1年")
    THREE = 3, _("3年")
    FIVE = 5, _("5年")
    TEN = 10, _("10年")
    THIRTY = 30, _("30年")
    PERMANENT = 0, _("常用")


class ExpiryAction(models.TextChoices):
    """保存期間満了時の措置."""

    DISPOSE = "dispose", _("廃棄")
    TRANSFER = "transfer", _("移管")


class FileClass(models.Model):
    """ファイル基準表の分類 — one node of the file plan (大分類 → 中分類 → 小分類).

    A leaf carries the retention period and the action at expiry that files filed under it take.
    """

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.SlugField(_("分類コード"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retention = models.PositiveSmallIntegerField(
        _("保存期間"), choices=Retention.choices, default=Retention.FIVE
    )
    expiry_action = models.CharField(
        _("満了時の措置"), max_length=10, choices=ExpiryAction.choices, default=ExpiryAction.DISPOSE
    )
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("ファイル基準表の分類")
        verbose_name_plural = _("ファイル基準表の分類")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class RecordFile(models.Model):
    """簿冊・ファイル — documents kept together under one file-plan class, with one retention."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("保存中")
        PENDING = "pending", _("廃棄・移管の決裁中")
        DISPOSED = "disposed", _("廃棄済")
        TRANSFERRED = "transferred", _("移管済")

    file_class = models.ForeignKey(FileClass, on_delete=models.PROTECT, related_name="files")
    department = models.ForeignKey("organization.Department", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("ファイル名"), max_length=200)
    created_fiscal_year = models.PositiveSmallIntegerField(_("作成年度"))
    completed_fiscal_year = models.PositiveSmallIntegerField(_("完結年度"), null=True, blank=True)
    retention = models.PositiveSmallIntegerField(_("保存期間"), choices=Retention.choices)
    expiry_action = models.CharField(_("満了時の措置"), max_length=10, choices=ExpiryAction.choices)
    extended_years = models.PositiveSmallIntegerField(_("延長年数"), default=0)
    expires_on = models.DateField(_("保存期間満了日"), null=True, blank=True)
    legal_hold = models.BooleanField(_("廃棄の停止（訴訟・請求対応）"), default=False)
    hold_reason = models.CharField(_("停止の理由"), max_length=300, blank=True)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("ファイル")
        verbose_name_plural = _("ファイル")
        indexes = [
            models.Index(fields=["status", "expires_on"]),
            models.Index(fields=["department", "status"]),
        ]

    def __str__(self) -> str:
        return self.title


class RetentionChange(models.Model):
    """保存期間の延長・廃棄の停止 and its release, each with the reason and who decided it."""

    class Kind(models.TextChoices):
        EXTEND = "extend", _("保存期間の延長")
        HOLD = "hold", _("廃棄の停止")
        RELEASE = "release", _("停止の解除")

    file = models.ForeignKey(RecordFile, on_delete=models.PROTECT, related_name="retention_changes")
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    years = models.PositiveSmallIntegerField(_("年数"), default=0)
    reason = models.CharField(_("理由"), max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class DocumentCounter(models.Model):
    """文書番号の採番 — the last number given, per department and fiscal year (gapless)."""

    department = models.ForeignKey("organization.Department", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    last_number = models.PositiveIntegerField(_("最終番号"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "fiscal_year"], name="document_counter_unique")
        ]


class Receipt(models.Model):
    """収受 — an incoming document registered with its 文書番号 (e.g. 龍総情第123号)."""

    department = models.ForeignKey("organization.Department", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("番号"))
    document_number = models.CharField(_("文書番号"), max_length=40)
    received_on = models.DateField(_("収受日"))
    sender = models.CharField(_("差出人"), max_length=200)
    title = models.CharField(_("件名"), max_length=200)
    file = models.ForeignKey(
        RecordFile, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    drafts = models.ManyToManyField(
        "approvals.Draft", blank=True, related_name="+", verbose_name=_("関連する起案")
    )
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("収受")
        verbose_name_plural = _("収受")
        ordering = ["-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "fiscal_year", "number"], name="receipt_number_unique"
            )
        ]


class DisposalBatch(models.Model):
    """廃棄・移管の決裁 — the expired files a department proposes to dispose of or transfer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("決裁中")
        APPROVED = "approved", _("決裁済（実施済）")
        REJECTED = "rejected", _("却下")

    department = models.ForeignKey("organization.Department", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    files = models.ManyToManyField(RecordFile, related_name="disposal_batches")
    draft = models.ForeignKey("approvals.Draft", on_delete=models.PROTECT, null=True, related_name="+")
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)


class DisposalEntry(models.Model):
    """廃棄簿 — one line per file disposed of or transferred, kept after the file itself is gone."""

    batch = models.ForeignKey(DisposalBatch, on_delete=models.PROTECT, related_name="entries")
    file = models.ForeignKey(RecordFile, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("ファイル名"), max_length=200)
    file_class = models.CharField(_("分類"), max_length=100)
    department = models.CharField(_("担当課"), max_length=50)
    retention = models.CharField(_("保存期間"), max_length=10)
    completed_fiscal_year = models.PositiveSmallIntegerField(_("完結年度"), null=True)
    action = models.CharField(_("措置"), max_length=10, choices=ExpiryAction.choices)
    executed_at = models.DateTimeField(_("実施日時"))
    decision = models.CharField(_("決裁"), max_length=40)

    class Meta:
        verbose_name = _("廃棄簿")
        verbose_name_plural = _("廃棄簿")
        ordering = ["-executed_at", "pk"]
