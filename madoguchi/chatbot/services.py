"""Writes of the chatbot: FAQ content and its index, asking, feedback, inquiries to staff."""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from madoguchi.chatbot import semantic
from madoguchi.chatbot.models import FAQ, LANGUAGES, Channel, FAQVector, Inquiry, QuestionLog, current_sources
from madoguchi.chatbot.privacy import scrub
from madoguchi.chatbot.selectors import (
    MAX_QUESTION_CHARS,
    VECTORS_VERSION_KEY,
    Answers,
    find_answers,
    namespace,
)
from madoguchi.organization import selectors as org_selectors
from madoguchi.textsearch import services as textsearch

FAQ_DATA_DIR = Path(__file__).resolve().parent / "data" / "faqs"
logger = logging.getLogger(__name__)
# How much a word counts by where it appears in an FAQ. Answers are long and mention
# neighbouring topics (a moving-in answer names the moving-out certificate), and a topic name is
# shared by all of its FAQs, so both count less than the question and its phrasings
# (measured with bench/chatbot: answers at 1 and topics at 3 cost two points of top-1; answers
# at 0.25 rather than 0.5 gained a point, as a long answer's neighbouring words misled less —
# except the やさしい日本語 answer, whose plain spaced words are how easy questions are written).
FIELD_WEIGHTS: dict[str, float] = {
    "question": 3.0,
    "variants": 2.0,
    "keywords": 2.0,
    "title": 1.0,
    "answer": 0.25,
    "easy_answer": 0.5,
}


class ContentError(ValueError):
    """An FAQ file or form that cannot be loaded, with a message saying which entry and why."""


# --- The index -----------------------------------------------------------------------------------


def _documents(faq: FAQ) -> list[tuple[str, dict[str, str], str]]:
    """(namespace, fields, lang) to index for one FAQ: Japanese and やさしい日本語 together, then
    one document per other language the FAQ has a question or phrasings in — staff often add a
    resident's phrasing in Vietnamese before anyone translates the whole entry, and it should
    find the entry already (the answer is then shown in English, see ``FAQ.text``)."""
    japanese = {
        "question": "\n".join(filter(None, [faq.question.get("ja", ""), faq.question.get("easy_ja", "")])),
        "variants": "\n".join([*faq.variants.get("ja", []), *faq.variants.get("easy_ja", [])]),
        "keywords": " ".join(faq.keywords),
        "title": faq.topic,
        "answer": faq.answer.get("ja", ""),
        "easy_answer": faq.answer.get("easy_ja", ""),
    }
    found = [(namespace("ja"), japanese, "ja")]
    for lang in LANGUAGES:
        if lang in {"ja", "easy_ja"} or not (faq.question.get(lang) or faq.variants.get(lang)):
            continue
        # No answer: a translated answer's words (weekdays, floor, bring) matched questions about
        # other entries as often as about its own, once every entry had its phrasings in the
        # language (labelled questions, dev half: 90.6 → 90.8 % top-1, 97.2 → 97.0 % top-3), and
        # they were a fifth of the index's postings. The Japanese answer stays (see above).
        fields = {
            "question": faq.question.get(lang, ""),
            "variants": "\n".join(faq.variants.get(lang, [])),
            "title": faq.topic_en if lang == "en" else "",
        }
        found.append((namespace(lang), fields, lang))
    return found


def index_faq(faq: FAQ) -> None:
    """Put a published FAQ in the index (every language), or take a draft out of it."""
    for lang in LANGUAGES:
        textsearch.remove_document(namespace=namespace(lang), key=faq.key)
    if faq.status != FAQ.Status.PUBLISHED:
        return
    for space, fields, lang in _documents(faq):
        textsearch.index_document(
            namespace=space, key=faq.key, fields=fields, lang=lang, weights=FIELD_WEIGHTS
        )


def _phrasings(faq: FAQ) -> list[str]:
    """Every phrasing of an FAQ, in every language: its questions and their variants."""
    texts = [*faq.question.values(), *(text for texts in faq.variants.values() for text in texts)]
    return list(dict.fromkeys(text.strip() for text in texts if text and text.strip()))


def _digest(text: str) -> str:
    """The phrasing's fingerprint under the current model: a new model re-embeds everything."""
    return hashlib.sha256(f"{semantic.model_id()}\n{text}".encode()).hexdigest()


# One embedding run at a time across all processes: a run holds EMBED_LOCK (it expires should
# its worker die); a caller that finds it held leaves EMBED_PENDING, and the holder runs again
# once done — so an edit made during a run is never left out, nor embedded twice at once.
EMBED_LOCK = "chatbot:embedding:lock"
EMBED_PENDING = "chatbot:embedding:pending"
EMBED_LOCK_SECONDS = 3600


def embed_faqs(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Bring the semantic vectors up to date with the published FAQs' phrasings; returns how
    many phrasings this call embedded (``progress`` is called with each batch's size and the
    total). When another process is already at it, that one does the work and this returns 0.
    """
    embedded = 0
    cache.set(EMBED_PENDING, True, EMBED_LOCK_SECONDS)
    while cache.get(EMBED_PENDING) and cache.add(EMBED_LOCK, True, EMBED_LOCK_SECONDS):
        try:
            cache.delete(EMBED_PENDING)
            embedded += _embed_pending(progress)
        finally:
            cache.delete(EMBED_LOCK)
    return embedded


def embedding_in_progress() -> bool:
    """Whether some process is running ``embed_faqs`` now (it will take in any later change)."""
    return bool(cache.get(EMBED_LOCK))


def _embed_pending(progress: Callable[[int, int], None] | None) -> int:
    """One pass of ``embed_faqs``.

    Phrasings that did not change keep their vectors; those of drafts, deleted FAQs and removed
    variants are deleted. Embedding takes minutes for the seeded FAQs on one core, so it runs
    outside a transaction and writes each batch in its own: a crash loses one batch at most, and
    the next run carries on where this one stopped.
    """
    wanted = {
        (faq.pk, _digest(text)): text
        for faq in FAQ.objects.filter(status=FAQ.Status.PUBLISHED)
        for text in _phrasings(faq)
    }
    stored = {
        (faq_id, digest): pk for pk, faq_id, digest in FAQVector.objects.values_list("pk", "faq_id", "digest")
    }
    FAQVector.objects.filter(pk__in=[pk for key, pk in stored.items() if key not in wanted]).delete()
    missing = [(key, text) for key, text in wanted.items() if key not in stored]
    for start in range(0, len(missing), semantic.BATCH):
        batch = missing[start : start + semantic.BATCH]
        vectors = semantic.embed_passages([text for _key, text in batch])
        try:
            with transaction.atomic():
                FAQVector.objects.bulk_create(
                    [
                        FAQVector(faq_id=faq_id, digest=digest, vector=vector)
                        for ((faq_id, digest), _text), vector in zip(batch, vectors, strict=True)
                    ],
                    ignore_conflicts=True,
                )
        except IntegrityError:  # an FAQ deleted meanwhile; the next pass settles its phrasings
            logger.info("FAQ deleted during embedding; batch skipped")
        if progress is not None:
            progress(len(batch), len(missing))
    # A new token, not a deleted one: a reader that counted the old vectors just before cannot
    # put its stale count back (``selectors._vectors_version`` only adds a missing token).
    cache.set(VECTORS_VERSION_KEY, uuid.uuid4().hex, None)
    return len(missing)


def _embed_later() -> None:
    """After this transaction commits, bring the semantic vectors up to date in the background.

    Robust: where tasks run in-process, a failing model must not turn a saved FAQ into an error
    page (the failure is logged, and the next save or ``madoguchi chatbot_embed`` tries again).
    """
    if semantic.enabled():
        from madoguchi.chatbot.tasks import embed_faqs as embed_task

        transaction.on_commit(embed_task.delay, robust=True)


def rebuild_index() -> int:
    """Rebuild every language's index from the published FAQs; returns how many FAQs are indexed."""
    faqs = list(FAQ.objects.filter(status=FAQ.Status.PUBLISHED))
    by_namespace: dict[str, list[tuple[str, dict[str, str], str]]] = {
        namespace(lang): [] for lang in LANGUAGES
    }
    for faq in faqs:
        for space, fields, lang in _documents(faq):
            by_namespace[space].append((faq.key, fields, lang))
    with transaction.atomic():
        for space, documents in by_namespace.items():
            textsearch.rebuild(namespace=space, documents=documents, weights=FIELD_WEIGHTS)
        _embed_later()
    return len(faqs)


# --- Content -------------------------------------------------------------------------------------


def _entry_problems(entry: dict, departments: set[str]) -> list[str]:
    problems = []
    for lang in ("ja", "easy_ja", "en"):
        if not (entry.get("question") or {}).get(lang):
            problems.append(f"question.{lang} がありません / missing")
        if not (entry.get("answer") or {}).get(lang):
            problems.append(f"answer.{lang} がありません / missing")
    if entry.get("department") not in departments:
        problems.append(f"担当課 {entry.get('department')!r} がありません / unknown department")
    unknown = set(entry.get("question") or {}) - set(LANGUAGES)
    if unknown:
        problems.append(f"未対応の言語 / unsupported languages {sorted(unknown)}")
    return problems


def load_faq_files(*, paths: Iterable[Path] | None = None, index: bool = True) -> int:
    """Create or update the FAQs in the content files (``data/faqs/*.json``) as published entries.

    A file is one topic; its first entry is the topic's general question (``FAQ.overview``).
    Entries are matched by ``key``, so loading again updates them. A file with a bad entry raises
    ``ContentError`` naming the file, the key and the problem, and nothing is saved.
    """
    municipality = org_selectors.home_municipality()
    if municipality is None:
        raise ContentError("自治体が登録されていません / no municipality: seed the organisation first")
    departments = {d.code: d for d in org_selectors.departments_on(municipality)}
    count = 0
    with transaction.atomic():
        for path in sorted(paths if paths is not None else FAQ_DATA_DIR.glob("*.json")):
            content = json.loads(Path(path).read_text(encoding="utf-8"))
            for position, entry in enumerate(content["entries"]):
                problems = _entry_problems(entry, set(departments))
                if problems:
                    raise ContentError(f"{Path(path).name} {entry.get('key')}: " + "; ".join(problems))
                FAQ.objects.update_or_create(
                    key=entry["key"],
                    defaults={
                        "topic": content.get("topic", ""),
                        "topic_en": content.get("topic_en", ""),
                        "category": entry.get("category", ""),
                        "overview": position == 0,
                        "department": departments[entry["department"]],
                        "procedure_code": entry.get("procedure") or "",
                        "keywords": entry.get("keywords", []),
                        "question": entry["question"],
                        "variants": entry.get("variants", {}),
                        "answer": entry["answer"],
                        # The content files are reviewed as a whole: every language is current.
                        "answer_sources": current_sources(entry["answer"]),
                        "status": FAQ.Status.PUBLISHED,
                    },
                )
                count += 1
        if index:
            rebuild_index()
    return count


def _record_answer_sources(faq: FAQ, *, confirmed: bool) -> None:
    """Note which Japanese answer each other language's answer now follows.

    A translation staff wrote or changed in this save follows the Japanese answer they saved
    with it; so do all of them when staff confirm they are still right (``confirmed``). A
    translation left as it was keeps its old source — if the Japanese answer changed, it is now
    outdated (``FAQ.outdated_answers``) until someone revises or confirms it.
    """
    previous = FAQ.objects.filter(pk=faq.pk).only("answer").first() if faq.pk else None
    faq.answer_sources = {
        lang: source
        if confirmed or previous is None or previous.answer.get(lang) != faq.answer[lang]
        else faq.answer_sources.get(lang, "")
        for lang, source in current_sources(faq.answer).items()
    }


@transaction.atomic
def save_faq(*, faq: FAQ, translations_confirmed: bool = False) -> FAQ:
    """Save an FAQ edited by staff and bring the index up to date in the same transaction.

    ``translations_confirmed``: staff checked that every language's answer still says what the
    Japanese one says (see ``_record_answer_sources``).
    """
    _record_answer_sources(faq, confirmed=translations_confirmed)
    faq.save()
    index_faq(faq)
    _embed_later()
    return faq


@transaction.atomic
def add_variant(*, faq: FAQ, text: str, lang: str = "ja") -> FAQ:
    """Add a phrasing residents used to an FAQ (the dashboard's "add as a variant")."""
    text = text.strip()
    variants = dict(faq.variants)
    if text and text not in variants.get(lang, []) and text != faq.question.get(lang):
        variants[lang] = [*variants.get(lang, []), text]
        faq.variants = variants
    return save_faq(faq=faq)


def draft_from_question(*, question: str, lang: str, department_code: str | None = None) -> FAQ:
    """A draft FAQ whose question is a logged one (the dashboard's "make this an FAQ")."""
    municipality = org_selectors.home_municipality()
    departments = org_selectors.departments_on(municipality)
    department = departments.filter(code=department_code).first() if department_code else None
    department = department or departments.filter(parent__isnull=False).order_by("sort_order", "code").first()
    base = f"draft-{timezone.now():%Y%m%d%H%M%S}"
    key, suffix = base, 1
    while FAQ.objects.filter(key=key).exists():
        suffix += 1
        key = f"{base}-{suffix}"
    return save_faq(
        faq=FAQ(key=key, department=department, question={lang: question}, answer={}, status=FAQ.Status.DRAFT)
    )


# --- Asking ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """What the chatbot says to one question: answers, whether it is sure, and a polite notice
    when the question could not be used as it was (empty, too long, no words)."""

    answers: Answers
    notice: str
    log: QuestionLog | None


def allow(client: str) -> bool:
    """Count one question for ``client`` (an IP address or LINE user) in the current minute;
    False once it exceeds ``MADOGUCHI_CHATBOT_RATE_PER_MINUTE``. Shared by every process via the cache."""
    key = f"chatbot:rate:{client}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= settings.MADOGUCHI_CHATBOT_RATE_PER_MINUTE


def _has_words(text: str) -> bool:
    return any(unicodedata.category(c)[0] in {"L", "N"} for c in text)


def ask(*, question: str, lang: str = "ja", channel: str = Channel.WEB) -> Reply:
    """Answer a resident's question and log it without personal data.

    Empty, symbol-only and over-long questions get a polite notice instead of an error; the text
    is only ever searched and stored, never executed or echoed back as markup.
    """
    lang = lang if lang in LANGUAGES else "ja"
    text = unicodedata.normalize("NFKC", question or "").strip()
    empty = Answers(candidates=[], confident=False)
    with override("en" if lang not in {"ja", "easy_ja"} else "ja"):
        if not text:
            return Reply(answers=empty, notice=_("質問を入力してください。"), log=None)
        if not _has_words(text):
            return Reply(
                answers=empty,
                notice=_("ご質問を読み取れませんでした。ことばで入力してください。"),
                log=None,
            )
        notice = ""
        if len(text) > MAX_QUESTION_CHARS:
            notice = _("ご質問が長いため、最初の部分で探しました。短くするとより正確に探せます。")
            text = text[:MAX_QUESTION_CHARS]
    answers = find_answers(text, lang)
    top = answers.candidates[0] if answers.candidates else None
    log = QuestionLog.objects.create(
        question=scrub(text)[:500],
        lang=lang,
        channel=channel,
        top_faq=top.faq if top else None,
        top_score=top.score if top else 0.0,
        confident=answers.confident,
    )
    return Reply(answers=answers, notice=notice, log=log)


def record_feedback(*, log_id: int, resolved: bool) -> bool:
    """解決した / 解決しなかった for one logged question; False if there is no such question."""
    return QuestionLog.objects.filter(pk=log_id).update(resolved=resolved) == 1


# --- Inquiries to staff --------------------------------------------------------------------------


def open_inquiry(
    *,
    question: str,
    lang: str,
    channel: str,
    department_code: str | None = None,
    email: str = "",
    line_user_id: str = "",
    transcript: list[dict] | None = None,
) -> Inquiry:
    """職員に問い合わせる: hand a question to the department responsible for the best candidate
    (or the one named), with the conversation so far."""
    text = unicodedata.normalize("NFKC", question or "").strip()[:2000]
    answers = find_answers(text, lang)
    municipality = org_selectors.home_municipality()
    department = None
    if department_code:
        department = org_selectors.departments_on(municipality).filter(code=department_code).first()
    if department is None and answers.candidates:
        department = answers.candidates[0].faq.department
    if department is None:
        department = (
            org_selectors.departments_on(municipality)
            .filter(code=settings.MADOGUCHI_CHATBOT_DEPARTMENT)
            .first()
        )
    entries = list(transcript or [])
    entries.append({"from": "resident", "text": text, "at": timezone.now().isoformat()})
    return Inquiry.objects.create(
        department=department,
        channel=channel,
        lang=lang if lang in LANGUAGES else "ja",
        transcript=entries,
        email=email,
        line_user_id=line_user_id,
    )


@transaction.atomic
def reply_to_inquiry(*, inquiry: Inquiry, text: str, staff) -> Inquiry:
    """Staff answer an inquiry; the answer goes back on the channel the resident used."""
    text = text.strip()
    if not text:
        raise ContentError(_("回答を入力してください。"))
    inquiry.reply = text
    inquiry.status = Inquiry.Status.ANSWERED
    inquiry.replied_by = staff
    inquiry.replied_at = timezone.now()
    inquiry.transcript = [
        *inquiry.transcript,
        {"from": "staff", "text": text, "at": inquiry.replied_at.isoformat()},
    ]
    inquiry.save()
    from madoguchi.chatbot.tasks import deliver_inquiry_reply

    deliver_inquiry_reply.delay_on_commit(inquiry.pk)
    return inquiry


def deliver_inquiry_reply_now(inquiry_id: int) -> None:
    """Send the staff reply by LINE push or e-mail; a web inquiry is read on its own page."""
    from madoguchi.chatbot.adapters.line import messenger
    from madoguchi.notifications.services import notify

    inquiry = Inquiry.objects.select_related("department").get(pk=inquiry_id)
    base = settings.MADOGUCHI_BASE_URL
    page = f"{base}/chatbot/inquiries/{inquiry.token}/"
    with override("en" if inquiry.lang not in {"ja", "easy_ja"} else "ja"):
        heading = _("%(department)sからの回答") % {"department": inquiry.department.name}
        if inquiry.channel == Channel.LINE and inquiry.line_user_id:
            messenger().push(to=inquiry.line_user_id, texts=[f"{heading}\n\n{inquiry.reply}"])
        elif inquiry.email:
            notify(
                key=f"chatbot-inquiry-reply:{inquiry.pk}:{inquiry.replied_at:%Y%m%d%H%M%S}",
                to=inquiry.email,
                subject=_("【龍ケ崎市】お問い合わせへの回答"),
                body=f"{heading}\n\n{inquiry.reply}\n\n{page}\n",
            )


def seed_flows(definitions: Iterable[dict]) -> int:
    """Create or update guided flows from data (the demo's ``chatbot/data/flows.py``)."""
    from madoguchi.chatbot.flows import validate
    from madoguchi.chatbot.models import Flow

    count = 0
    for order, definition in enumerate(definitions):
        validate(definition["definition"])
        Flow.objects.update_or_create(
            code=definition["code"],
            defaults={
                "title": definition["title"],
                "definition": definition["definition"],
                "sort_order": order,
            },
        )
        count += 1
    return count


_LOG_SALT = "chatbot.question-log"


def log_token(log: QuestionLog) -> str:
    """A signed reference to a logged question, for feedback and escalation links (not guessable)."""
    return signing.dumps(log.pk, salt=_LOG_SALT)


def log_from_token(token: str) -> QuestionLog | None:
    try:
        log_id = signing.loads(token or "", salt=_LOG_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        return None
    return QuestionLog.objects.filter(pk=log_id).first()
