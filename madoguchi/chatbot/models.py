"""The chatbot's knowledge base (FAQ), guided flows, question log, feedback and inquiries."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# Languages an FAQ may be written in. ja, easy_ja (やさしい日本語) and en are required for
# publication; the others are added where staff provide them.
LANGUAGES: dict[str, str] = {
    "ja": "日本語",
    "easy_ja": "やさしい日本語",
    "en": "English",
    "zh": "中文",
    "ko": "한국어",
    "vi": "Tiếng Việt",
    "pt": "Português",
}
REQUIRED_LANGUAGES = ("ja", "easy_ja", "en")


def current_sources(answer: dict[str, str]) -> dict[str, str]:
    """``FAQ.answer_sources`` for answers all written from the Japanese one beside them: each
    language → a short fingerprint (SHA-256, 16 hex digits) of that Japanese answer."""
    digest = hashlib.sha256(answer.get("ja", "").encode("utf-8")).hexdigest()[:16]
    return {lang: digest for lang in answer if lang != "ja"}


class FAQ(models.Model):
    """よくある質問 — a question, the ways residents ask it, and the city's answer, in several languages.

    ``question`` and ``answer`` map a language code to text; ``variants`` maps a language code to
    a list of other phrasings. Answers are written in a small Markdown subset (paragraphs, "- "
    bullets, ``[label](url)`` links to /procedures/… or https) rendered by ``chatbot.markup``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        PUBLISHED = "published", _("公開")

    key = models.SlugField(_("キー"), max_length=80, unique=True)
    topic = models.CharField(_("話題"), max_length=80, blank=True)
    topic_en = models.CharField(_("話題（英語）"), max_length=80, blank=True)
    category = models.CharField(_("分類"), max_length=60, blank=True)
    # The topic's general question (転入届の期限 among 転入届's FAQs): a question that names the
    # topic and little else is most often this one, and the search leans to it (see
    # ``selectors.OVERVIEW_PRIOR``). In the content files it is a topic's first entry.
    overview = models.BooleanField(_("話題の代表的な質問"), default=False)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("担当課")
    )
    procedure_code = models.SlugField(_("関連手続"), max_length=60, blank=True)
    keywords = models.JSONField(_("キーワード"), default=list, blank=True)
    question = models.JSONField(_("質問"), default=dict)
    variants = models.JSONField(_("言い換え"), default=dict, blank=True)
    answer = models.JSONField(_("回答"), default=dict)
    # Language → fingerprint of the Japanese answer its answer was written from (see
    # ``current_sources``). When the Japanese answer changes (a new fee, new hours), the others
    # are out of date until staff revise or confirm them: residents are then shown a current
    # version (see ``text``).
    answer_sources = models.JSONField(_("翻訳元"), default=dict, blank=True)
    valid_from = models.DateField(_("掲載開始日"), null=True, blank=True)
    valid_to = models.DateField(_("掲載終了日"), null=True, blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQ")
        ordering = ["topic", "key"]

    def __str__(self) -> str:
        return self.question.get("ja", self.key)

    def text(self, field: str, lang: str) -> str:
        """The question or answer in ``lang``; else in English for another language (every FAQ
        has it, and the chatbot's own words are English then too), else in Japanese. An answer
        not revised since the Japanese one changed counts as missing: an outdated fee or
        opening hour must not reach a resident."""
        values = getattr(self, field)
        outdated = self.outdated_answers() if field == "answer" else []
        order = [lang, "en", "ja"] if lang not in {"ja", "easy_ja"} else [lang, "ja"]
        for candidate in order:
            if values.get(candidate) and candidate not in outdated:
                return values[candidate]
        return values.get("ja", "")

    def outdated_answers(self) -> list[str]:
        """Languages whose answer was written from an earlier Japanese answer than the current one."""
        current = current_sources(self.answer)
        return [
            lang for lang in LANGUAGES if lang in current and self.answer_sources.get(lang) != current[lang]
        ]


class Flow(models.Model):
    """案内フロー — a guided conversation defined as data (see ``chatbot.flows`` for the format)."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    title = models.JSONField(_("題名"), default=dict)
    definition = models.JSONField(_("定義"), default=dict)
    is_active = models.BooleanField(_("有効"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("案内フロー")
        verbose_name_plural = _("案内フロー")
        ordering = ["sort_order", "code"]


class Channel(models.TextChoices):
    WEB = "web", _("ウェブ")
    API = "api", _("API")
    LINE = "line", "LINE"


class QuestionLog(models.Model):
    """質問ログ — what was asked (with personal data removed) and what was offered, for analytics."""

    question = models.CharField(_("質問（個人情報除去済み）"), max_length=500)
    lang = models.CharField(_("言語"), max_length=10)
    channel = models.CharField(_("経路"), max_length=10, choices=Channel.choices)
    top_faq = models.ForeignKey(FAQ, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    top_score = models.FloatField(_("最高スコア"), default=0)
    confident = models.BooleanField(_("確信あり"), default=False)
    resolved = models.BooleanField(_("解決した"), null=True, blank=True)
    asked_at = models.DateTimeField(_("質問日時"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("質問ログ")
        verbose_name_plural = _("質問ログ")
        ordering = ["-asked_at"]


def _inquiry_token() -> str:
    return secrets.token_urlsafe(24)


class Inquiry(models.Model):
    """問い合わせ — a question the chatbot could not settle, handed to the responsible department.

    The reply goes back on the channel the resident used: the web page behind ``token``, a LINE
    push to ``line_user_id``, or an e-mail to ``email``.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("未回答")
        ANSWERED = "answered", _("回答済み")

    token = models.CharField(max_length=40, unique=True, default=_inquiry_token, editable=False)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("担当課")
    )
    channel = models.CharField(_("経路"), max_length=10, choices=Channel.choices)
    lang = models.CharField(_("言語"), max_length=10, default="ja")
    transcript = models.JSONField(_("会話記録"), default=list)
    email = models.EmailField(_("メールアドレス"), blank=True)
    line_user_id = models.CharField(max_length=40, blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reply = models.TextField(_("回答"), blank=True)
    replied_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True)
    replied_at = models.DateTimeField(_("回答日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("問い合わせ")
        verbose_name_plural = _("問い合わせ")
        ordering = ["-created_at"]


class LineEvent(models.Model):
    """LINE から受けたイベント — kept by ``webhookEventId`` so a replayed delivery is answered once."""

    event_id = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)


class LineMessage(models.Model):
    """LINE への送信記録 — every reply and push sent, with the request body as sent."""

    kind = models.CharField(max_length=10)
    to = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]


class FAQVector(models.Model):
    """意味ベクトル — the embedding of one phrasing of an FAQ (its question or a variant, any
    language), for the optional semantic retrieval (``chatbot.semantic``).

    ``digest`` is the SHA-256 of the model's name and the text: re-embedding after an edit skips
    the phrasings that did not change, and a new model replaces them all. Stored in the database
    so every app process shares them, as the text index.
    """

    faq = models.ForeignKey(FAQ, on_delete=models.CASCADE, related_name="vectors")
    digest = models.CharField(_("本文のハッシュ"), max_length=64)
    vector = models.BinaryField(_("ベクトル"))

    class Meta:
        verbose_name = _("意味ベクトル")
        verbose_name_plural = _("意味ベクトル")
        constraints = [models.UniqueConstraint(fields=["faq", "digest"], name="chatbot_vector_unique_text")]
