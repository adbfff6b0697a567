"""Reads of the knowledge base: finding answers, FAQ pages, analytics for staff. No personal data."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import re
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from madoguchi.chatbot import semantic
from madoguchi.chatbot.glossary import english_gloss, japanese_gloss
from madoguchi.chatbot.intents import intents_of
from madoguchi.chatbot.models import FAQ, FAQVector, Flow, Inquiry, QuestionLog
from madoguchi.textsearch.analysis import chinese_as_japanese
from madoguchi.textsearch.selectors import search

logger = logging.getLogger(__name__)

# A question longer than this is cut before analysis: no FAQ needs more to be found, and a
# 10,000-character paste must not cost 10,000 characters of analysis.
MAX_QUESTION_CHARS = 400
MAX_ANSWERS = 5
# The best candidate is trusted when its BM25 score reaches CONFIDENT_SCORE and it leads the
# runner-up by CONFIDENT_MARGIN (a ratio): a weak match, or two FAQs matching about equally,
# mean "not sure" — the resident sees the top 3 and the offer to ask staff.
CONFIDENT_SCORE = 9.0
CONFIDENT_MARGIN = 1.2
# How many BM25 hits per language are reranked by intent.
CANDIDATES = 20
# Intent reranking (see ``_intent_factor``), measured with bench/chatbot's dev half: stronger
# factors let an FAQ of another topic that merely shares the intent overtake the right one.
INTENT_MATCH = 0.15
INTENT_EXTRA = 0.05
# Topic support (see ``_with_topic_support``): how many of the best hits vote, and how much the
# winning topic's full share raises a score. Measured on the dev half: +1 point of top-1.
TOPIC_HITS = 10
TOPIC_SUPPORT = 0.3
# A topic's general question (``FAQ.overview``) scores this much more: among siblings that match
# a question about equally — 口座振替にしたい against 口座振替の領収書 — the general one is the
# likelier. Measured on bench/chatbot's dev half: +0.6 points top-1 at 0.05 and at 0.1, −1.0 at 0.15
# (the general FAQ then overtook the specific ones asked for by name).
OVERVIEW_PRIOR = 0.05
# Terms found in fewer than this share of a language's FAQs weigh alike (``search``'s
# ``rare_share``): a word that one phrasing happens to use (妻, 仕事) no longer outweighs the topic
# word every FAQ of the topic holds (転居, 転入). Measured on bench/chatbot's dev half: +0.4 to
# +1.2 points top-1 for every share from 0.02 to 0.16; 0.1 is the middle of that range.
RARE_SHARE = 0.1
# Reciprocal rank fusion constant (the customary 60) for merging rankings from several languages.
RRF_K = 60
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")
_HAN_OR_HANGUL = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]")


def namespace(lang: str) -> str:
    """The index namespace of one language; Japanese and やさしい日本語 share one."""
    return "chatbot:ja" if lang in {"ja", "easy_ja"} else f"chatbot:{lang}"


@dataclass(frozen=True)
class Candidate:
    faq: FAQ
    score: float

    @property
    def relevance(self) -> float:
        """The BM25 score squashed to 0–1 for the API (1 − e^(−score/10)); only the order is exact."""
        return round(1 - math.exp(-self.score / 10), 3)


@dataclass(frozen=True)
class Answers:
    candidates: list[Candidate]
    confident: bool


def published_faqs(day: dt.date | None = None) -> QuerySet[FAQ]:
    """FAQs residents may see on ``day``: published and within their validity dates."""
    day = day or timezone.localdate()
    return (
        FAQ.objects.filter(status=FAQ.Status.PUBLISHED)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )


def published_faq(key: str) -> FAQ | None:
    return published_faqs().select_related("department").filter(key=key).first()


def _search_languages(question: str, lang: str) -> list[str]:
    """Which language indexes to search, most trusted first.

    Kana only occurs in Japanese, whatever the client said. A question in Latin script (English,
    Portuguese, Vietnamese, romaji) is searched in its language and in English — never in the
    Japanese index, where its words would only meet stray English. A question in Chinese
    characters or Hangul is searched in its language and in Japanese, which shares kanji.
    """
    if _KANA.search(question):
        return ["ja"]
    if _HAN_OR_HANGUL.search(question):
        return list(dict.fromkeys([lang, "ja"]))
    return list(dict.fromkeys(["en" if lang in {"ja", "easy_ja"} else lang, "en"]))


def _faq_intents(faq: FAQ) -> frozenset[str]:
    """The intents an FAQ answers, read from its Japanese question — the one staff word most
    carefully; the English one's "when I move" is a clause, not a question about dates."""
    return _intents_of_faq_question(faq.question.get("ja", ""))


@functools.lru_cache(maxsize=4096)
def _intents_of_faq_question(text: str) -> frozenset[str]:
    # Cached by the text, so an edited FAQ is read afresh. Residents' questions are not cached:
    # they may hold personal data, which must not linger in memory.
    return intents_of(text)


def _intent_factor(asked: frozenset[str], answered: frozenset[str]) -> float:
    """How much an FAQ's score is scaled for the agreement of its intents with the question's.

    Each intent both ask about multiplies by 1 + INTENT_MATCH; each intent the FAQ is about and
    the question is not, by 1 − INTENT_EXTRA — so a plain "住民票を取りたい" prefers the general
    FAQ to the one about proxies, and "住民票を代わりに" the proxy one.
    """
    return (1 + INTENT_MATCH) ** len(asked & answered) * (1 - INTENT_EXTRA) ** len(answered - asked)


def _prior(faq: FAQ) -> float:
    return 1 + OVERVIEW_PRIOR if faq.overview else 1.0


def _with_topic_support(ranking: list[tuple[str, float]], faqs: dict[str, FAQ]) -> list[tuple[str, float]]:
    """The ranking reordered with each FAQ's score raised by the share of the best hits that are
    of its topic: when several FAQs of one topic match, the question is most likely about that
    topic, and a lone FAQ of another that shares a few incidental words should not come first."""
    support: dict[str, float] = {}
    for key, score in sorted(ranking, key=lambda item: -item[1])[:TOPIC_HITS]:
        support[faqs[key].topic] = support.get(faqs[key].topic, 0.0) + score
    total = sum(support.values()) or 1.0
    return sorted(
        (
            (key, score * (1 + TOPIC_SUPPORT * support.get(faqs[key].topic, 0.0) / total))
            for key, score in ranking
        ),
        key=lambda item: (-item[1], item[0]),
    )


def _query_for(question: str, lang: str, search_lang: str) -> str:
    """The question as searched in another language's index: a Chinese one among the Japanese
    FAQs in Japanese character forms (个/儿/编 would miss 個/児/編) with the Japanese of its
    city-hall words added (迁入 → 転入), a Portuguese or Vietnamese one among the English FAQs
    with the English of its city-hall words added."""
    if lang == "zh" and search_lang == "ja":
        return " ".join(filter(None, [chinese_as_japanese(question), japanese_gloss(question)]))
    if search_lang == "en" and lang != "en":
        return english_gloss(question, lang)
    return question


@dataclass
class _Lexical:
    """The text search's answer: FAQ keys best first, the FAQs, each key's best score in any
    language, and the ranking in the question's own language with its scores."""

    order: list[str]
    faqs: dict[str, FAQ]
    scores: dict[str, float]
    primary: list[tuple[str, float]]


def _lexical_ranking(question: str, lang: str) -> _Lexical:
    hits_by_lang = [
        search(
            namespace=namespace(search_lang),
            query=_query_for(question, lang, search_lang),
            limit=CANDIDATES,
            lang=search_lang,
            rare_share=RARE_SHARE,
        )
        for search_lang in _search_languages(question, lang)
    ]
    hits_by_lang = [hits for hits in hits_by_lang if hits]
    keys = {hit.key for hits in hits_by_lang for hit in hits}
    if not keys:
        return _Lexical([], {}, {}, [])
    faqs = published_faqs().select_related("department").in_bulk(keys, field_name="key")
    asked = intents_of(question)
    rankings = []
    for hits in hits_by_lang:
        ranking = [
            (hit.key, hit.score * _intent_factor(asked, _faq_intents(faqs[hit.key])) * _prior(faqs[hit.key]))
            for hit in hits
            if hit.key in faqs
        ]
        if ranking:
            rankings.append(_with_topic_support(ranking, faqs))
    if not rankings:
        return _Lexical([], faqs, {}, [])
    primary = rankings[0]
    fused = _fused([[key for key, _score in ranking] for ranking in rankings])
    # Among equals, the ranking in the question's own language decides: a phrasing written in it
    # is better evidence than a match in the language it was translated to.
    in_primary = {key: rank for rank, (key, _score) in enumerate(primary)}
    order = sorted(fused, key=lambda key: (-fused[key], in_primary.get(key, len(primary)), key))
    scores: dict[str, float] = {}
    for ranking in rankings:
        for key, score in ranking:
            scores[key] = max(scores.get(key, 0.0), score)
    return _Lexical(order, faqs, scores, primary)


def _fused(rankings: list[list[str]], weights: list[float] | None = None) -> dict[str, float]:
    """Reciprocal rank fusion: each ranking adds weight / (RRF_K + rank) to each key it holds."""
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, key in enumerate(ranking):
            fused[key] = fused.get(key, 0.0) + weight / (RRF_K + rank)
    return fused


def find_answers(question: str, lang: str = "ja") -> Answers:
    """The best published FAQs for ``question`` (at most five, best first) and whether to trust them.

    Each language index gives its BM25 ranking; each ranking is reranked by intent agreement
    (``_intent_factor``), the topic's general question first among equals (``_prior``) and topic
    support (``_with_topic_support``), and the rankings are fused by reciprocal rank. When the
    result is not trusted and semantic retrieval is on, the FAQs nearest in meaning join the
    fusion (``_with_semantic``).
    """
    question = question[:MAX_QUESTION_CHARS]
    lexical = _lexical_ranking(question, lang)
    order, faqs, primary = lexical.order, lexical.faqs, lexical.primary
    confident = bool(primary) and order[0] == primary[0][0]
    if confident:
        top = primary[0][1]
        runner_up = primary[1][1] if len(primary) > 1 else 0.0
        confident = top >= CONFIDENT_SCORE and top >= CONFIDENT_MARGIN * runner_up
    if not confident and semantic.enabled():
        order = _with_semantic(question, order, faqs)
    candidates = [
        Candidate(faq=faqs[key], score=lexical.scores.get(key, 0.0)) for key in order if key in faqs
    ]
    return Answers(candidates=candidates[:MAX_ANSWERS], confident=confident)


# --- Semantic retrieval (optional) --------------------------------------------------------------

# When the text search is unsure, the FAQs whose phrasings are nearest in meaning to the question
# form one more ranking, fused with the text search's by reciprocal rank at SEMANTIC_WEIGHT.
# Only then: an unsure answer shows the resident three candidates, and on bench/chatbot's dev half
# the semantic ranking put the right FAQ among them more often (top-3 97.6 → 98.4 %), while
# fusing it into every answer lowered top-1 (90.6 → 89.4 %) — it is 80 % right on its own.
SEMANTIC_WEIGHT = 1.0
SEMANTIC_CANDIDATES = 20
# Phrasings less similar than this (cosine) are no evidence: e5's similarities crowd near the
# top of the scale, and off-topic questions (ラーメンの作り方, the capital of France, asdfgh)
# met their nearest phrasing at 0.80–0.85, while every sampled dev-half question's nearest was
# at 0.858 or more. Below it, the text search's answer (or "not found") stands alone.
SEMANTIC_FLOOR = 0.85
VECTORS_VERSION_KEY = "chatbot:vectors:version"
# (version, vectors) of every stored phrasing, loaded once per process and again when the vectors
# change; about 18 MB for the seeded 11,600 phrasings.
_loaded_vectors: tuple[object, semantic.Vectors] | None = None
_semantic_failed = threading.Event()


def _vectors_version() -> object:
    """A token that changes whenever the stored vectors do: the one ``services.embed_faqs`` sets
    after writing, or — when the cache has lost it — their count and highest id."""
    version = cache.get(VECTORS_VERSION_KEY)
    if version is None:
        totals = FAQVector.objects.aggregate(n=Count("pk"), last=Max("pk"))
        version = (totals["n"], totals["last"])
        # add, not set: a writer's newer token, set meanwhile, must win.
        cache.add(VECTORS_VERSION_KEY, version, 600)
    return version


def _phrasing_vectors() -> semantic.Vectors:
    global _loaded_vectors  # a per-process cache, replaced whole
    version = _vectors_version()
    loaded = _loaded_vectors  # one read: another thread may replace it meanwhile
    if loaded is None or loaded[0] != version:
        loaded = (
            version,
            semantic.Vectors.from_rows(list(FAQVector.objects.values_list("faq_id", "vector"))),
        )
        _loaded_vectors = loaded
    return loaded[1]


def semantic_ranking(question: str) -> list[FAQ]:
    """The published FAQs whose phrasings are nearest in meaning to ``question``, best first (at
    most SEMANTIC_CANDIDATES, none below SEMANTIC_FLOOR); an FAQ ranks by its nearest phrasing."""
    vectors = _phrasing_vectors()
    if not len(vectors.ids):
        return []
    nearest = vectors.nearest(semantic.embed_query(question), floor=SEMANTIC_FLOOR, limit=SEMANTIC_CANDIDATES)
    found = published_faqs().select_related("department").in_bulk(nearest)
    return [found[pk] for pk in nearest if pk in found]


def _with_semantic(question: str, order: list[str], faqs: dict[str, FAQ]) -> list[str]:
    """``order`` fused with the semantic ranking; ``faqs`` gains the FAQs only it found. If the
    model cannot run, the text search's order stands: an answer is never lost to it."""
    try:
        found = semantic_ranking(question)
    except Exception:  # an optional component: log it, answer with the text search
        # The traceback once per process; after that one line per question, not a page each.
        log = logger.warning if _semantic_failed.is_set() else logger.exception
        _semantic_failed.set()
        log("意味検索を利用できません / semantic retrieval failed; text search only")
        return order
    for faq in found:
        faqs.setdefault(faq.key, faq)
    nearest = [faq.key for faq in found]
    # The text search's best five (what it would show) against the semantic best twenty: its
    # lower ranks are weak matches, and fused they outvoted the semantic ranking's (dev half:
    # top-3 97.4 % fusing all of them, 98.4 % fusing five).
    shown = order[:MAX_ANSWERS]
    fused = _fused([shown, nearest], [1.0, SEMANTIC_WEIGHT])
    position = {key: rank for rank, key in enumerate(shown)}
    return sorted(fused, key=lambda key: (-fused[key], position.get(key, len(shown)), key))


def flows() -> QuerySet[Flow]:
    return Flow.objects.filter(is_active=True)


def flow_by_code(code: str) -> Flow | None:
    return flows().filter(code=code).first()


def inquiry_by_token(token: str) -> Inquiry | None:
    return Inquiry.objects.select_related("department").filter(token=token).first()


def inquiries(*, status: str = "") -> QuerySet[Inquiry]:
    found = Inquiry.objects.select_related("department", "replied_by")
    return found.filter(status=status) if status else found


@dataclass(frozen=True)
class WeeklyInsights:
    """One week of use: what went unanswered, what was rated unhelpful, what was asked most."""

    week: dt.date
    unanswered: list[dict]
    low_rated: list[dict]
    top: list[dict]


def weekly_insights(*, weeks: int = 4, per_list: int = 10) -> list[WeeklyInsights]:
    """The last ``weeks`` weeks (Monday-based, Asia/Tokyo), newest first, from the question log."""
    since = timezone.now() - dt.timedelta(weeks=weeks)
    logs = QuestionLog.objects.filter(asked_at__gte=since).annotate(
        week=TruncWeek("asked_at", tzinfo=timezone.get_current_timezone())
    )

    def grouped(queryset: QuerySet) -> dict[dt.date, list[dict]]:
        rows = (
            queryset.values("week", "question", "lang")
            .annotate(count=Count("pk"), faq=Max("top_faq__key"))
            .order_by("-week", "-count", "question")
        )
        by_week: dict[dt.date, list[dict]] = {}
        for row in rows:
            listed = by_week.setdefault(row["week"].date(), [])
            if len(listed) < per_list:
                listed.append(row)
        return by_week

    unanswered = grouped(logs.filter(confident=False))
    low_rated = grouped(logs.filter(resolved=False))
    top = grouped(logs)
    return [
        WeeklyInsights(
            week=week, unanswered=unanswered.get(week, []), low_rated=low_rated.get(week, []), top=top[week]
        )
        for week in sorted(top, reverse=True)
    ]


def faqs_for_staff(*, status: str = "", q: str = "", outdated: bool = False) -> list[FAQ]:
    """The staff's FAQ list: by status, by a word in the key, question or topic, and (``outdated``)
    only those with a translation not revised since the Japanese answer changed — found in
    Python, as it compares digests of the answer; a city has hundreds of FAQs, not more."""
    faqs = FAQ.objects.select_related("department").order_by("topic", "key")
    if status in FAQ.Status.values:
        faqs = faqs.filter(status=status)
    if q:
        faqs = faqs.filter(Q(key__icontains=q) | Q(question__icontains=q) | Q(topic__icontains=q))
    return [faq for faq in faqs if faq.outdated_answers()] if outdated else list(faqs)


def faq_choices() -> list[tuple[str, str]]:
    """(key, Japanese question) of every FAQ, for the staff's "add as a variant" picker."""
    return [(faq.key, str(faq)) for faq in FAQ.objects.only("key", "question").order_by("topic", "key")]


def monthly_questions_per_topic() -> list[list[str]]:
    """Rows for the open-data statistic 「チャットボットへの話題別・月別の質問件数」.

    Month, topic of the FAQ offered first (「該当なし」 when none), questions, questions answered
    confidently, and questions rated 解決した. Counts only: the log holds no personal data, and
    no question text leaves this function.
    """
    rows = (
        QuestionLog.objects.annotate(month=TruncMonth("asked_at", tzinfo=timezone.get_current_timezone()))
        .values("month", "top_faq__topic")
        .annotate(
            total=Count("pk"),
            confident=Count("pk", filter=Q(confident=True)),
            resolved=Count("pk", filter=Q(resolved=True)),
        )
        .order_by("month", "top_faq__topic")
    )
    return [
        [
            row["month"].strftime("%Y-%m"),
            row["top_faq__topic"] or "該当なし",
            str(row["total"]),
            str(row["confident"]),
            str(row["resolved"]),
        ]
        for row in rows
    ]
