"""オープンデータ — the city's dataset catalogue.

A dataset (データセット) belongs to one department (the CKAN "organization"), may be in themes
(グループ) and carries tags, a licence, an update frequency and its spatial/temporal coverage. Its
files and links are resources (リソース). Tabular resources are loaded into the datastore: one
table per resource (see ``datastore.py``), so a million-row file is queried with SQL and indexes,
not parsed on every request.

A dataset is published through a workflow (下書き → 確認待ち → 公開); only published datasets are
visible to the public pages, the CKAN API and DCAT.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.opendata.licenses import DEFAULT_LICENSE_ID, LICENSE_CHOICES


class Frequency(models.TextChoices):
    """更新頻度 — names from the EU frequency vocabulary, which DCAT-AP uses."""

    DAILY = "DAILY", _("毎日")
    WEEKLY = "WEEKLY", _("毎週")
    MONTHLY = "MONTHLY", _("毎月")
    QUARTERLY = "QUARTERLY", _("四半期ごと")
    ANNUAL = "ANNUAL", _("毎年")
    IRREG = "IRREG", _("不定期")
    NEVER = "NEVER", _("更新なし")


class Group(models.Model):
    """グループ — a theme (防災, 子育て, 観光 …) that gathers datasets across departments."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(_("グループ名（URL）"), max_length=100, unique=True)
    title = models.CharField(_("タイトル"), max_length=200)
    title_en = models.CharField(_("タイトル（英語）"), max_length=200, blank=True)
    description = models.TextField(_("説明"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("グループ")
        verbose_name_plural = _("グループ")
        ordering = ["name"]


class Tag(models.Model):
    """タグ — a free keyword (dcat:keyword)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("タグ"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("タグ")
        verbose_name_plural = _("タグ")
        ordering = ["name"]


class Dataset(models.Model):
    """データセット — one published collection of data, with its resources."""

    class State(models.TextChoices):
        DRAFT = "draft", _("下書き")
        REVIEW = "review", _("確認待ち")
        PUBLISHED = "published", _("公開")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.SlugField(_("データセット名（URL）"), max_length=100, unique=True)
    title = models.CharField(_("タイトル"), max_length=200)
    title_en = models.CharField(_("タイトル（英語）"), max_length=200, blank=True)
    notes = models.TextField(_("説明"))
    organization = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("担当課")
    )
    groups = models.ManyToManyField(Group, blank=True, related_name="datasets", verbose_name=_("グループ"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="datasets", verbose_name=_("タグ"))
    license_id = models.CharField(
        _("ライセンス"), max_length=40, choices=LICENSE_CHOICES, default=DEFAULT_LICENSE_ID
    )
    frequency = models.CharField(
        _("更新頻度"), max_length=20, choices=Frequency.choices, default=Frequency.IRREG
    )
    spatial = models.CharField(_("対象地域"), max_length=200, blank=True)
    temporal_start = models.DateField(_("対象期間（開始）"), null=True, blank=True)
    temporal_end = models.DateField(_("対象期間（終了）"), null=True, blank=True)
    standard_code = models.SlugField(_("自治体標準オープンデータセット"), max_length=60, blank=True)
    contact_email = models.EmailField(_("問い合わせ先メールアドレス"), blank=True)
    state = models.CharField(_("公開状態"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    modified_at = models.DateTimeField(_("更新日時"), auto_now=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("データセット")
        verbose_name_plural = _("データセット")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["state", "modified_at"]),
            models.Index(fields=["state", "organization"]),
            models.Index(fields=["state", "license_id"]),
        ]


class Resource(models.Model):
    """リソース — a file uploaded to the portal or a link to data elsewhere."""

    class ImportStatus(models.TextChoices):
        NONE = "", _("取込なし")
        PENDING = "pending", _("取込待ち")
        RUNNING = "running", _("取込中")
        DONE = "done", _("取込済み")
        FAILED = "failed", _("取込失敗")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("名前"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    format = models.CharField(_("形式"), max_length=20, blank=True)
    url = models.URLField(_("外部URL"), max_length=500, blank=True)
    file = models.FileField(_("ファイル"), upload_to="opendata/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"), null=True, blank=True)
    position = models.PositiveIntegerField(_("表示順"), default=0)
    schema_code = models.SlugField(_("適用するスキーマ"), max_length=60, blank=True)
    source_encoding = models.CharField(_("元の文字コード"), max_length=40, blank=True)
    validation_report = models.JSONField(_("検証結果"), default=dict, blank=True)
    datastore_table = models.CharField(_("データストアの表"), max_length=63, blank=True)
    datastore_fields = models.JSONField(_("データストアの列"), default=list, blank=True)
    import_status = models.CharField(
        _("取込状況"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.NONE, blank=True
    )
    import_rows_done = models.PositiveBigIntegerField(_("取込済み行数"), default=0)
    import_rows_total = models.PositiveBigIntegerField(_("取込対象行数"), default=0)
    import_error = models.TextField(_("取込エラー"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    modified_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("リソース")
        verbose_name_plural = _("リソース")
        ordering = ["position", "created_at"]

    @property
    def datastore_active(self) -> bool:
        return self.import_status == self.ImportStatus.DONE and bool(self.datastore_table)

    @property
    def has_errors(self) -> bool:
        return bool(self.validation_report.get("errors"))
