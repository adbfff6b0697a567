"""手続 — the catalogue of what a resident can ask the city for, and ライフイベント guides.

The catalogue is the single source the public pages, the JSON API, the chatbot and the cases app
read: what a procedure costs, who handles it, how long it takes and whether it can be done
online. Fee rules and life-event rules are JSON data checked by ``procedures.rules``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from madoguchi.organization.models import Department
from madoguchi.procedures import rules

APPLICANT_TYPES = {"self": _("本人"), "agent": _("代理人（委任状が必要）"), "corporation": _("法人")}


class LifeEvent(models.Model):
    """ライフイベント — a moment in life (引越し, 出生, 死亡 …) and the procedures it calls for."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    title = models.CharField(_("名称"), max_length=100)
    title_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    summary = models.TextField(_("概要"), blank=True)
    summary_en = models.TextField(_("概要（英語）"), blank=True)
    questions = models.JSONField(_("質問"), default=list, blank=True)
    rules = models.JSONField(_("案内ルール"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("ライフイベント")
        verbose_name_plural = _("ライフイベント")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_questions(self.questions)
        rules.validate_life_event_rules(self.rules, self.questions)


class Procedure(models.Model):
    """手続 — one procedure a resident or business can carry out with the city."""

    class Category(models.TextChoices):
        REGISTRATION = "registration", _("届出・登録")
        CERTIFICATES = "certificates", _("証明書")
        CHILDREN = "children", _("子育て・教育")
        WELFARE = "welfare", _("福祉・介護")
        HEALTH = "health", _("健康・保険・年金")
        TAX = "tax", _("税")
        LIVING = "living", _("くらし・ごみ")
        FACILITIES = "facilities", _("施設・予約")
        CONSULTATION = "consultation", _("相談")

    class SignInLevel(models.TextChoices):
        NONE = "none", _("ログイン不要")
        ACCOUNT = "account", _("利用者アカウントでログイン")
        MYNUMBER_CARD = "mynumber_card", _("マイナンバーカードで本人確認")

    class Channel(models.TextChoices):
        ONLINE = "online", _("オンライン")
        COUNTER_ONLY = "counter_only", _("窓口のみ")
        ONLINE_AND_COUNTER = "online_and_counter", _("オンライン・窓口")

    code = models.SlugField(_("コード"), max_length=60, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    title_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    summary = models.TextField(_("概要"))
    summary_en = models.TextField(_("概要（英語）"), blank=True)
    description = models.TextField(_("説明"), blank=True)
    description_en = models.TextField(_("説明（英語）"), blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("担当課")
    )
    category = models.CharField(_("分類"), max_length=20, choices=Category.choices)
    life_events = models.ManyToManyField(
        LifeEvent, blank=True, related_name="procedures", verbose_name=_("ライフイベント")
    )
    applicant_types = models.JSONField(_("申請できる人"), default=list)
    sign_in_level = models.CharField(_("本人確認"), max_length=20, choices=SignInLevel.choices)
    fee_rule = models.JSONField(_("手数料"), default=dict)
    required_attachments = models.JSONField(_("添付書類"), default=list, blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("標準処理期間（開庁日）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("空欄は即日または定めなし。"),
    )
    channel = models.CharField(_("申請方法"), max_length=20, choices=Channel.choices)
    counter_place = models.CharField(_("窓口の場所"), max_length=200, blank=True)
    counter_place_en = models.CharField(_("窓口の場所（英語）"), max_length=300, blank=True)
    counter_bring = models.TextField(_("窓口に持参するもの"), blank=True)
    counter_bring_en = models.TextField(_("窓口に持参するもの（英語）"), blank=True)
    counter_hours = models.CharField(_("窓口の受付時間"), max_length=200, blank=True)
    counter_hours_en = models.CharField(_("窓口の受付時間（英語）"), max_length=300, blank=True)
    legal_basis = models.TextField(_("根拠法令"), blank=True)
    # 文書の保存年限: how long an application's content is kept after its case is closed; then the
    # retention task (cases.retention) anonymises it. The audit trail is kept regardless.
    retention_years = models.PositiveSmallIntegerField(
        _("保存年限（年）"), default=5, validators=[MinValueValidator(1)]
    )
    form_code = models.SlugField(_("申請フォームのコード"), max_length=60, blank=True)
    # 処分 on this procedure is decided through electronic approval (決裁), not by a status change.
    requires_decision = models.BooleanField(_("処分に決裁が必要"), default=False)
    is_published = models.BooleanField(_("公開"), default=False)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("手続")
        verbose_name_plural = _("手続")
        ordering = ["sort_order", "code"]
        indexes = [models.Index(fields=["is_published", "category"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        try:
            rules.validate_fee_rule(self.fee_rule)
        except ValidationError as error:
            errors["fee_rule"] = error
        if (
            not isinstance(self.applicant_types, list)
            or not self.applicant_types
            or not set(self.applicant_types) <= set(APPLICANT_TYPES)
        ):
            errors["applicant_types"] = ValidationError(
                _("申請できる人は self・agent・corporation から1つ以上選んでください。")
            )
        if not isinstance(self.required_attachments, list) or not all(
            isinstance(item, dict)
            and set(item) == {"name", "name_en", "required"}
            and isinstance(item["name"], str)
            and item["name"]
            and isinstance(item["name_en"], str)
            and isinstance(item["required"], bool)
            for item in self.required_attachments
        ):
            errors["required_attachments"] = ValidationError(
                _("添付書類は name・name_en・required の組の一覧にしてください。")
            )
        if self.channel != self.Channel.ONLINE and not self.counter_place:
            errors["counter_place"] = ValidationError(
                _("窓口で受け付ける手続には窓口の場所を入力してください。")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def accepts_online_applications(self) -> bool:
        """Whether a resident can start it at ``/apply/<code>/``: an online channel and a form."""
        return self.channel != self.Channel.COUNTER_ONLY and bool(self.form_code)

    @property
    def has_counter(self) -> bool:
        return self.channel != self.Channel.ONLINE

    def applicant_type_labels(self) -> list[str]:
        return [str(APPLICANT_TYPES[kind]) for kind in self.applicant_types]

    def fee_text(self) -> str:
        """The fee as a resident reads it, in the page's language: 無料, 3,000円, 1通につき300円."""
        rule = self.fee_rule
        if rule["type"] == "free":
            return gettext("無料")
        if rule["type"] == "fixed":
            return gettext("%(amount)s円") % {"amount": f"{rule['amount']:,}"}
        return gettext("1%(unit)sにつき%(price)s円") % {
            "unit": self.fee_unit_label(),
            "price": f"{rule['unit_price']:,}",
        }

    @property
    def fee_paid_before_submission(self) -> bool:
        """支払ってから受付 — the resident pays online before the application is received."""
        return rules.paid_before_submission(self.fee_rule)

    def fee_unit_label(self) -> str:
        """The unit of a per-unit fee (通, 点) in the page's language; empty for other fees."""
        if get_language() == "en" and self.fee_rule.get("unit_label_en"):
            return self.fee_rule["unit_label_en"]
        return self.fee_rule.get("unit_label", "")
