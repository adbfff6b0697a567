"""公文書管理 — the file plan, files with their retention, receipt registration and disposal.

Retention follows the usual rule of Japanese public records management (公文書等の管理に関する
法律 and the city's 文書管理規程): it starts on the 1 April after the fiscal year (年度, April–March)
in which a file was completed, and at its end the file is either disposed of (廃棄) or transferred
to the archives as a historical public record (移管, 歴史公文書). Neither happens without a decision.
"""

from __future__ import annotations

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
