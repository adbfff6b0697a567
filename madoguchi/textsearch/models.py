"""The text index stored in the database, so every app process and worker shares one index."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    """索引文書 — one searchable thing (an FAQ, a record) under a namespace and the caller's key.

    ``length`` is the weighted number of terms (Σ field weight × terms in the field), the
    document length BM25 normalises by.
    """

    namespace = models.CharField(_("名前空間"), max_length=60)
    key = models.CharField(_("キー"), max_length=120)
    lang = models.CharField(_("言語"), max_length=10, default="ja")
    length = models.FloatField(_("文書長"), default=0)
    indexed_at = models.DateTimeField(_("索引日時"), auto_now=True)

    class Meta:
        verbose_name = _("索引文書")
        verbose_name_plural = _("索引文書")
        constraints = [models.UniqueConstraint(fields=["namespace", "key"], name="textsearch_unique_key")]


class Posting(models.Model):
    """転置索引の項目 — a term of a document with its weighted frequency (Σ weight × count).

    ``namespace`` and ``length`` repeat the document's so a query scores every document holding
    a term from one index range (``textsearch_term_scores`` covers every column BM25 reads),
    without visiting the documents; only the best few are joined for their keys.
    """

    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="postings")
    namespace = models.CharField(_("名前空間"), max_length=60)
    term = models.CharField(_("語"), max_length=100)
    frequency = models.FloatField(_("重み付き出現数"))
    length = models.FloatField(_("文書長"), default=0)

    class Meta:
        verbose_name = _("索引語")
        verbose_name_plural = _("索引語")
        indexes = [
            models.Index(
                fields=["namespace", "term", "document", "frequency", "length"], name="textsearch_term_scores"
            )
        ]
