"""電子決裁 — drafts (起案), their approval routes (回議・決裁ルート) and every action on them.

A draft is circulated along ordered stages. A stage is one person (who holds a post) or a parallel
consultation (合議) of several, which needs everyone (all-must) or anyone (any-may). The last stage
of a route decides (決裁); a route of only circulation stages (供覧) informs and decides nothing.

``Action`` rows are the history: they are only ever inserted. Once a draft is closed (decided,
rejected or fully circulated) its row, its stages, their members and its attachments are frozen by
database triggers (migration 0002), so no path — a view, a shell, a bug — can change what was
decided. Post-reviews (後閲) after a decision are new ``Action`` rows, never edits.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterClass(models.Model):
    """決裁区分 — one line of the authority matrix (専決規程): which post decides a class of matter.

    ``consult_department_codes`` lists the divisions whose head is consulted (合議) on every draft
    of the class, e.g. 財政課 on anything that spends money.
    """

    code = models.SlugField(_("区分コード"), max_length=40, unique=True)
    name = models.CharField(_("決裁区分"), max_length=100)
    name_en = models.CharField(_("決裁区分（英語）"), max_length=150, blank=True)
    decider = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+", verbose_name=_("決裁権者")
    )
    consult_department_codes = models.JSONField(_("合議先の組織コード"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("決裁区分")
        verbose_name_plural = _("専決規程")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Absence(models.Model):
    """不在登録 — a staff member away for some days, and who stands in (代決者) meanwhile."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("不在開始日"))
    ends_on = models.DateField(_("不在終了日"))
    stand_in = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("代決者")
    )
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("不在登録")
        verbose_name_plural = _("不在登録")
        indexes = [models.Index(fields=["user", "starts_on"]), models.Index(fields=["stand_in", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_range"
            ),
        ]


class Disclosure(models.TextChoices):
    """公開区分 under the city's 情報公開条例."""

    PUBLIC = "public", _("公開")
    PARTIAL = "partial", _("部分公開")
    CLOSED = "closed", _("非公開")


class Draft(models.Model):
    """起案 — a document put forward for decision (or for information: 供覧)."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", _("起案中")
        IN_ROUTE = "in_route", _("回議中")
        SENT_BACK = "sent_back", _("差戻し")
        DECIDED = "decided", _("決裁済")
        REJECTED = "rejected", _("却下")
        CIRCULATED = "circulated", _("供覧済")

    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"), blank=True)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("担当課")
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("起案者")
    )
    matter = models.ForeignKey(
        MatterClass,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("決裁区分"),
    )
    file_class = models.ForeignKey(
        "records.FileClass",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("文書分類"),
    )
    retention = models.PositiveSmallIntegerField(_("保存期間"), null=True, blank=True)
    disclosure = models.CharField(
        _("公開区分"), max_length=10, choices=Disclosure.choices, default=Disclosure.PUBLIC
    )
    disclosure_ground = models.CharField(_("非公開等の根拠"), max_length=300, blank=True)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.DRAFTING)
    is_electronic = models.BooleanField(_("電子決裁"), default=True)
    # What the decision is about, when it is not a free-standing matter: a case (案件) by its
    # receipt number, or a records disposal batch. The subject's app is told of the outcome.
    subject_type = models.CharField(_("対象の種類"), max_length=40, blank=True)
    subject_ref = models.CharField(_("対象"), max_length=64, blank=True)
    # What the subject becomes if the draft is decided, e.g. the case status 完了 or 却下.
    subject_outcome = models.CharField(_("決裁後の処理"), max_length=24, blank=True)
    created_at = models.DateTimeField(_("起案日時"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("回議開始日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("完結日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("起案")
        verbose_name_plural = _("起案")
        indexes = [
            models.Index(fields=["drafter", "status"]),
            # "My drafts" on the inbox: one drafter's, newest first.
            models.Index(fields=["drafter", "-created_at"]),
            models.Index(fields=["department", "status", "closed_at"]),
            models.Index(fields=["subject_type", "subject_ref"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFTING, self.Status.SENT_BACK)


CLOSED_STATUSES = frozenset({Draft.Status.DECIDED, Draft.Status.REJECTED, Draft.Status.CIRCULATED})


def _attachment_path(instance: DraftAttachment, filename: str) -> str:
    return f"approvals/{instance.created_at:%Y/%m}/{instance.id.hex}"


class DraftAttachment(models.Model):
    """起案の添付文書."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("ファイル"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("ファイル名"), max_length=200)
    content_type = models.CharField(_("種類"), max_length=100)
    size = models.PositiveIntegerField(_("サイズ"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("日時"))

    class Meta:
        ordering = ["created_at"]


class Stage(models.Model):
    """回議の段階 — one step of the route."""

    class Kind(models.TextChoices):
        APPROVE = "approve", _("承認")
        CONSULT = "consult", _("合議")
        DECIDE = "decide", _("決裁")
        CIRCULATE = "circulate", _("供覧")

    class Mode(models.TextChoices):
        ALL = "all", _("全員の承認が必要")
        ANY = "any", _("いずれか一人の承認で足りる")

    class Status(models.TextChoices):
        PENDING = "pending", _("未着")
        ACTIVE = "active", _("審査中")
        DONE = "done", _("済")

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="stages")
    order = models.PositiveSmallIntegerField(_("順序"))
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    mode = models.CharField(_("合議の方式"), max_length=3, choices=Mode.choices, default=Mode.ALL)
    status = models.CharField(_("状態"), max_length=8, choices=Status.choices, default=Status.PENDING)
    activated_at = models.DateTimeField(_("到着日時"), null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["draft", "order"], name="stage_order_unique")]


class StageMember(models.Model):
    """One person on a stage, named with the post they hold for it (所属・職)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("未着")
        WAITING = "waiting", _("未処理")
        APPROVED = "approved", _("承認")
        DECIDED = "decided", _("決裁")
        DELEGATED = "delegated", _("代決")
        SKIPPED = "skipped", _("不在のため後閲")
        NOT_NEEDED = "not_needed", _("不要（他の合議者が承認）")
        CIRCULATED = "circulated", _("供覧済")

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey("organization.Department", on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey("organization.Position", on_delete=models.PROTECT, related_name="+")
    # WAITING only while the stage is active, so "my pending approvals" is one indexed lookup.
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acted_at = models.DateTimeField(_("処理日時"), null=True, blank=True)
    # When the place started waiting (its stage became active): the inbox's order, read off the index.
    waiting_since = models.DateTimeField(_("到着日時"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["user", "status"]),
            models.Index(fields=["user", "status", "waiting_since"], name="approvals_member_inbox"),
        ]

    @property
    def needs_post_review(self) -> bool:
        """後閲 is owed by a reviewer skipped while absent and by a decider someone decided for."""
        return self.status in (self.Status.SKIPPED, self.Status.DELEGATED)


class Action(models.Model):
    """回議の記録 — one action, attributed and timestamped; only ever inserted."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("回議開始")
        APPROVE = "approve", _("承認")
        DECIDE = "decide", _("決裁")
        DELEGATED_DECISION = "delegated", _("代決")
        SEND_BACK = "send_back", _("差戻し")
        WITHDRAW = "withdraw", _("引戻し")
        REJECT = "reject", _("却下")
        SKIP = "skip", _("不在のため後閲に回付")
        POST_REVIEW = "post_review", _("後閲")
        CIRCULATE = "circulate", _("供覧")

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="actions")
    member = models.ForeignKey(StageMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(_("処理"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("意見"), blank=True, max_length=2000)
    to_stage = models.PositiveSmallIntegerField(_("差戻し先の段階"), null=True, blank=True)
    at = models.DateTimeField(_("日時"))

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["draft", "at"])]
