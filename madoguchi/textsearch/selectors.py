"""Reads of the text index: BM25 ranking of the documents of a namespace for a query.

The ranking runs in the database: one query counts each query term's documents (for its idf),
a second sums every document's BM25 contributions from the covering posting index, keeps the
best ``limit`` and joins only those to their keys. The namespace's size and average length
(``NamespaceStats``) come from the cache, which the write services clear.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Sum

from madoguchi.textsearch.analysis import READING_PREFIX, QueryWord, kana_runs, query_phrases, terms
from madoguchi.textsearch.models import IndexedDocument, Posting

# BM25's usual constants: k1 bounds how much repeating a term helps, b how much length penalises.
K1 = 1.2
B = 0.75
# Longer kana runs are cut: the substrings to look up grow with the square of the length.
_MAX_RUN = 24
# A misspelt word (``_homophones``) is looked for among stretches of two to this many adjacent
# words, reading at least _MIN_HOMOPHONE kana: shorter readings (シノ, カイ) are too often an
# accident of two words side by side.
_MAX_HOMOPHONE_WORDS = 4
_MIN_HOMOPHONE = 3
# Scores are compared at this precision, so documents whose sums differ only in the last bits
# (the database may add a document's terms in any order) tie and are ordered by key.
_RANK_SCALE = 1_000_000
STATS_TTL = 600
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


@dataclass(frozen=True)
class Hit:
    """検索結果 — a document key and its BM25 score (higher is better; comparable within one query)."""

    key: str
    score: float


@dataclass(frozen=True)
class NamespaceStats:
    """The statistics BM25 normalises by: the number of documents and their average length."""

    documents: int
    average_length: float


def stats_cache_key(namespace: str) -> str:
    return f"textsearch:stats:{namespace}"


def namespace_stats(namespace: str) -> NamespaceStats:
    """Counted once and cached: otherwise every query would also scan the namespace's documents.
    ``services`` clears the entry whenever the namespace changes."""
    key = stats_cache_key(namespace)
    stats = cache.get(key)
    if stats is None:
        totals = IndexedDocument.objects.filter(namespace=namespace).aggregate(
            n=Count("pk"), total=Sum("length")
        )
        documents, total = totals["n"] or 0, totals["total"] or 0.0
        stats = NamespaceStats(documents, total / documents if documents and total else 1.0)
        cache.set(key, stats, STATS_TTL)
    return stats


def _cover_with_readings(runs: list[str], known: Collection[str], read: Collection[str]) -> list[str]:
    """Split the query's kana runs into readings the index knows, longest first.

    Each run is covered greedily by the longest known readings, so てんにゅうとどけはどこ finds
    テンニュウトドケ and ドコ without a kana dictionary of its own. A piece in ``read`` — the
    reading of a word Sudachi already understood, or of a particle — is passed over, not looked up:
    こどもを has its 子供 and should not count again as コドモ, nor いれたい as タイ (体, 対).
    """
    found: list[str] = []
    for run in runs:
        start = 0
        while start < len(run):
            for end in range(len(run), start + 1, -1):
                if f"{READING_PREFIX}{run[start:end]}" in known:
                    if run[start:end] not in read:
                        found.append(f"{READING_PREFIX}{run[start:end]}")
                    start = end
                    break
            else:
                start += 1
    return found


def _understood_readings(phrases: list[list[QueryWord]], known: Collection[str]) -> set[str]:
    """Readings of the query's words that need no reading lookup: particles and auxiliaries,
    and words already matched by one of their terms."""
    return {
        word.reading
        for words in phrases
        for word in words
        if word.function or any(term in known for term in word.terms)
    }


def _homophone_spans(phrases: list[list[QueryWord]]) -> list[tuple[int, int, int, str]]:
    """(phrase, first word, end word, reading term) of every stretch of adjacent words that
    could be one misspelt word: two or more words, at least one written in kanji, neither end a
    function word."""
    spans = []
    for number, words in enumerate(phrases):
        for start in range(len(words)):
            for end in range(start + 2, min(start + _MAX_HOMOPHONE_WORDS, len(words)) + 1):
                stretch = words[start:end]
                if stretch[0].function or stretch[-1].function:
                    # 見たい, 置いて, 本に: a word and the particle beside it are not one word.
                    continue
                reading = "".join(word.reading for word in stretch)
                if len(reading) >= _MIN_HOMOPHONE and any(_KANJI.search(word.surface) for word in stretch):
                    spans.append((number, start, end, f"{READING_PREFIX}{reading}"))
    return spans


def _unmatched(word: QueryWord, known: Collection[str]) -> bool:
    """A word that should have matched something and did not: not a function word (those carry no
    terms by design), and none of its terms in the index."""
    return not word.function and not any(term in known for term in word.terms)


def _homophones(
    phrases: list[list[QueryWord]], spans: list[tuple[int, int, int, str]], known: Collection[str]
) -> list[tuple[str, list[QueryWord]]]:
    """Misspelt words recognised by their reading: (the reading term, the words it replaces).

    A word typed with the wrong kanji (在流 for 在留) or half in kana (とう本 for 謄本) is cut by
    Sudachi into pieces the index does not know, or that mean something else. When adjacent
    words together read as a word the index knows — and at least one of them should have
    matched and did not (``_unmatched``) — they are taken for that word, longest stretch first.
    A correctly written query is left alone: each of its words already matches by its
    normalised form, and a word with the particle beside it (見たい, 切って) is not a stretch.
    ``spans`` are ``_homophone_spans(phrases)``, already looked up for ``known``.
    """
    found = []
    starting: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for number, start, end, term in spans:
        starting.setdefault((number, start), []).append((end, term))
    for number, words in enumerate(phrases):
        start = 0
        while start < len(words):
            for end, term in sorted(starting.get((number, start), []), reverse=True):
                stretch = words[start:end]
                if term in known and any(_unmatched(word, known) for word in stretch):
                    found.append((term, stretch))
                    start = end
                    break
            else:
                start += 1
    return found


def _document_frequencies(namespace: str, candidates: set[str]) -> dict[str, int]:
    """How many documents of the namespace hold each candidate term (absent terms are left out)."""
    # COUNT(*), not of a column: the covering index answers it without reading the table.
    rows = (
        Posting.objects.filter(namespace=namespace, term__in=candidates)
        .values("term")
        .annotate(n=Count("*"))
        .values_list("term", "n")
        .order_by()
    )
    return dict(rows)


def _ranked(
    namespace: str, weights: dict[str, float], stats: NamespaceStats, limit: int, keys: list[str] | None
) -> list[tuple[str, float]]:
    """The ``limit`` best (key, rank) pairs; rank is the BM25 score × ``_RANK_SCALE``, rounded.

    Per posting: weight × f × (k1 + 1) / (f + k1 × (1 − b + b × length / average)), in the order
    the reference formula evaluates it, summed per document from the covering index. Only the
    documents at or above the ``limit``-th rank look up their keys (one primary-key read each),
    so ties at the cut are ordered by key as well, without joining every scored document.
    """
    table = connection.ops.quote_name
    posting, document = table(Posting._meta.db_table), table(IndexedDocument._meta.db_table)
    values = ", ".join(["(%s, %s)"] * len(weights))
    params: list[object] = [value for item in weights.items() for value in item]
    params += [K1 + 1, K1, B, B, stats.average_length, _RANK_SCALE, namespace]
    restrict = ""
    if keys is not None:
        placeholders = ", ".join(["%s"] * len(keys))
        restrict = f" AND p.document_id IN (SELECT id FROM {document} WHERE namespace = %s AND {table('key')} IN ({placeholders}))"  # noqa: E501, S608 — placeholders only
        params += [namespace, *keys]
    params += [limit - 1, limit]
    # PostgreSQL would order keys by the database's collation; "C" is code-point order, as in
    # Python and in SQLite's default.
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    sql = f"""
        WITH query_terms (term, weight) AS (VALUES {values}),
        scored AS MATERIALIZED (
            SELECT p.document_id AS id,
                   ROUND(SUM(q.weight * p.frequency * %s
                             / (p.frequency + %s * (1 - %s + %s * p.length / %s))) * %s) AS score_rank
            FROM query_terms q JOIN {posting} p ON p.term = q.term
            WHERE p.namespace = %s{restrict}
            GROUP BY p.document_id
        )
        SELECT doc_key, score_rank FROM (
            SELECT (SELECT d.{table("key")} FROM {document} d WHERE d.id = s.id) AS doc_key, s.score_rank
            FROM scored s
            WHERE s.score_rank >= COALESCE(
                (SELECT score_rank FROM scored ORDER BY score_rank DESC LIMIT 1 OFFSET %s), -1)
        ) best
        ORDER BY score_rank DESC, doc_key{collate}
        LIMIT %s
    """  # noqa: S608 — table names and placeholders only; every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def search(
    *,
    namespace: str,
    query: str,
    limit: int = 10,
    keys: Collection[str] | None = None,
    lang: str = "ja",
    rare_share: float = 0.0,
) -> list[Hit]:
    """The ``limit`` best documents of ``namespace`` for ``query``, best first.

    ``keys`` restricts the answer to those documents (statistics stay those of the whole
    namespace, so scores do not change with the filter). ``lang`` picks the query analyser as in
    ``analysis.terms``. Two queries (three when the namespace's statistics are not cached): the
    document frequency of each query term and kana reading candidate, then the ranking. Ties are
    broken by key, so the order is stable.

    ``rare_share`` floors each term's document frequency at that share of the namespace: every
    term rarer than that weighs as one that common. In a small collection of short documents
    written in groups (an FAQ: its question and its phrasings) a word that one phrasing happens
    to use — 妻 in 転入届を妻が代わりに出せますか — is rarer than the topic word all of a
    topic's documents share, and would outweigh it; with the floor, where the word stands in
    the document (BM25's term frequency) decides between them.
    """
    phrases = query_phrases(query, lang)
    if phrases:
        query_terms = Counter(term for words in phrases for word in words for term in word.terms)
    else:
        query_terms = Counter(terms(query, lang, is_query=True))
    # Every substring (two characters or more) of the query's kana runs is a reading the index may
    # know; the frequency query finds which, and the runs are then covered by the longest. So are
    # the readings of adjacent words, for misspelt ones.
    runs = [run[:_MAX_RUN] for run in kana_runs(query)]
    candidates = set(query_terms)
    for run in runs:
        spans = ((i, j) for i in range(len(run)) for j in range(i + 2, len(run) + 1))
        candidates.update(f"{READING_PREFIX}{run[i:j]}" for i, j in spans)
    homophone_spans = _homophone_spans(phrases)
    candidates.update(term for *_span, term in homophone_spans)
    if not candidates or limit <= 0 or (keys is not None and not keys):
        return []
    frequencies = _document_frequencies(namespace, candidates)
    query_terms.update(_cover_with_readings(runs, frequencies, _understood_readings(phrases, frequencies)))
    for term, words in _homophones(phrases, homophone_spans, frequencies):
        query_terms.subtract(t for word in words for t in word.terms)
        query_terms[term] += 1
    present = {term: count for term, count in query_terms.items() if count > 0 and term in frequencies}
    if not present:
        return []
    stats = namespace_stats(namespace)
    floor = rare_share * stats.documents
    weights = {}
    for term, count in present.items():
        frequency = max(frequencies[term], floor)
        weights[term] = count * math.log(1 + (stats.documents - frequency + 0.5) / (frequency + 0.5))
    rows = _ranked(namespace, weights, stats, limit, None if keys is None else list(keys))
    return [Hit(key=key, score=round(rank / _RANK_SCALE, 4)) for key, rank in rows]
