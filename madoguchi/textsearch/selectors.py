"""Reads of the text index: BM25 ranking of the documents of a namespace for a query."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Avg, Count

from madoguchi.textsearch.analysis import READING_PREFIX, kana_runs, terms
from madoguchi.textsearch.models import IndexedDocument, Posting

# BM25's usual constants: k1 bounds how much repeating a term helps, b how much length penalises.
K1 = 1.2
B = 0.75
# Longer kana runs are cut: the substrings to look up grow with the square of the length.
_MAX_RUN = 24


@dataclass(frozen=True)
class Hit:
    """検索結果 — a document key and its BM25 score (higher is better; comparable within one query)."""

    key: str
    score: float


def _readings_in_kana(namespace: str, query: str) -> list[str]:
    """Split the query's kana runs into readings the index knows, longest first.

    One query looks up every substring (two characters or more) of each run among the stored
    reading terms; the run is then covered greedily by the longest known readings, so
    てんにゅうとどけはどこ finds テンニュウトドケ and ドコ without a kana dictionary of its own.
    """
    runs = [run[:_MAX_RUN] for run in kana_runs(query)]
    if not runs:
        return []
    candidates = {
        f"{READING_PREFIX}{run[i:j]}"
        for run in runs
        for i in range(len(run))
        for j in range(i + 2, len(run) + 1)
    }
    known = set(
        Posting.objects.filter(namespace=namespace, term__in=candidates)
        .values_list("term", flat=True)
        .distinct()
    )
    found: list[str] = []
    for run in runs:
        start = 0
        while start < len(run):
            for end in range(len(run), start + 1, -1):
                if f"{READING_PREFIX}{run[start:end]}" in known:
                    found.append(f"{READING_PREFIX}{run[start:end]}")
                    start = end
                    break
            else:
                start += 1
    return found


def search(
    *, namespace: str, query: str, limit: int = 10, keys: Collection[str] | None = None, lang: str = "ja"
) -> list[Hit]:
    """The ``limit`` best documents of ``namespace`` for ``query``, best first.

    ``keys`` restricts the answer to those documents (statistics stay those of the whole
    namespace, so scores do not change with the filter). ``lang`` picks the query analyser as in
    ``analysis.terms``. Two queries: the postings of the query's terms, and the namespace's size
    and average length. Ties are broken by key, so the order is stable.
    """
    query_terms = Counter(terms(query, lang, is_query=True))
    query_terms.update(_readings_in_kana(namespace, query))
    if not query_terms or limit <= 0:
        return []
    rows = Posting.objects.filter(namespace=namespace, term__in=list(query_terms)).values_list(
        "term", "frequency", "document__key", "document__length"
    )
    by_term: dict[str, list[tuple[float, str, float]]] = defaultdict(list)
    for term, frequency, key, length in rows:
        by_term[term].append((frequency, key, length))
    if not by_term:
        return []
    stats = IndexedDocument.objects.filter(namespace=namespace).aggregate(n=Count("pk"), avg=Avg("length"))
    total, average = stats["n"] or 0, stats["avg"] or 1.0
    wanted = set(keys) if keys is not None else None
    scores: dict[str, float] = defaultdict(float)
    for term, postings in by_term.items():
        idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
        for frequency, key, length in postings:
            if wanted is not None and key not in wanted:
                continue
            norm = frequency + K1 * (1 - B + B * length / average)
            scores[key] += query_terms[term] * idf * frequency * (K1 + 1) / norm
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [Hit(key=key, score=round(score, 4)) for key, score in ranked[:limit]]
