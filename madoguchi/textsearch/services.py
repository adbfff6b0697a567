"""Writes to the text index: add or replace a document, remove one, rebuild a namespace.

A document is a set of named fields (``{"question": …, "answer": …}``). Each field's terms count
``weight`` times (BM25F-style: the weighted term frequency and the weighted document length are
what BM25 sees), so a word in a question outranks the same word in a long answer. Weights come
from ``FIELD_WEIGHTS`` unless the caller passes its own ``weights``; a field not named there
weighs 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from django.db import connection, transaction

from madoguchi.textsearch.analysis import terms
from madoguchi.textsearch.models import IndexedDocument, Posting

FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "question": 3.0,
    "variants": 2.0,
    "keywords": 2.0,
    "answer": 1.0,
    "body": 1.0,
}

_TERM_LENGTH = Posting._meta.get_field("term").max_length


def _weighted_terms(fields: Mapping[str, str], lang: str, weights: Mapping[str, float]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, text in fields.items():
        weight = weights.get(name, 1.0)
        for term in terms(text or "", lang):
            counts[term[:_TERM_LENGTH]] += weight
    return counts


def _insert_postings(rows: list[tuple[int, str, str, float]]) -> None:
    """Insert (document id, namespace, term, frequency) rows with one prepared statement.

    A rebuild writes a few hundred thousand rows; building a model instance for each costs more
    than analysing the text, so this goes straight to the cursor (plain SQL both backends take).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in ("document_id", "namespace", "term", "frequency"))
    sql = f"INSERT INTO {quote(Posting._meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s)"  # noqa: S608 — fixed names
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _rows(document: IndexedDocument, counts: Counter[str]) -> list[tuple[int, str, str, float]]:
    return [(document.pk, document.namespace, term, frequency) for term, frequency in counts.items()]


def index_document(
    *,
    namespace: str,
    key: str,
    fields: dict[str, str],
    lang: str = "ja",
    weights: Mapping[str, float] | None = None,
) -> None:
    """Index ``fields`` under (``namespace``, ``key``), replacing what that key held before.

    ``lang`` chooses the analyser (see ``analysis.terms``); ``weights`` overrides
    ``FIELD_WEIGHTS`` per field name. Runs in the caller's transaction if there is one, so a
    rolled-back write leaves the index as it was.
    """
    counts = _weighted_terms(fields, lang, weights or FIELD_WEIGHTS)
    with transaction.atomic():
        document, created = IndexedDocument.objects.select_for_update().get_or_create(
            namespace=namespace, key=key, defaults={"lang": lang, "length": counts.total()}
        )
        if not created:
            document.postings.all().delete()
            document.lang = lang
            document.length = counts.total()
            document.save(update_fields=["lang", "length", "indexed_at"])
        _insert_postings(_rows(document, counts))


def remove_document(*, namespace: str, key: str) -> None:
    """Remove the key from the index; an unknown key is not an error (removal is idempotent)."""
    IndexedDocument.objects.filter(namespace=namespace, key=key).delete()


def rebuild(
    *,
    namespace: str,
    documents: Iterable[tuple[str, dict[str, str], str]],
    weights: Mapping[str, float] | None = None,
) -> int:
    """Replace the whole namespace with ``documents`` — (key, fields, lang) triples — in one
    transaction, so searches see the old index or the new one, never half of each. Returns the
    number of documents indexed. A key given twice keeps its last version.
    """
    analysed: dict[str, tuple[str, Counter[str]]] = {}
    for key, fields, lang in documents:
        analysed[key] = (lang, _weighted_terms(fields, lang, weights or FIELD_WEIGHTS))
    with transaction.atomic():
        Posting.objects.filter(namespace=namespace).delete()
        IndexedDocument.objects.filter(namespace=namespace).delete()
        stored = IndexedDocument.objects.bulk_create(
            [
                IndexedDocument(namespace=namespace, key=key, lang=lang, length=counts.total())
                for key, (lang, counts) in analysed.items()
            ],
            batch_size=500,
        )
        rows: list[tuple[int, str, str, float]] = []
        for document in stored:
            rows.extend(_rows(document, analysed[document.key][1]))
        _insert_postings(rows)
    return len(stored)
