from django.apps import AppConfig


class TextsearchConfig(AppConfig):
    """全文検索 — the shared Japanese text index (Sudachi + BM25) used by the chatbot and records."""

    name = "madoguchi.textsearch"
    label = "textsearch"
