"""BM25 over the stored index: ranking, replacement, removal, rebuild, key filters."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from madoguchi.textsearch.analysis import kana_runs, query_phrases, terms
from madoguchi.textsearch.models import IndexedDocument, Posting
from madoguchi.textsearch.selectors import (
    _cover_with_readings,
    _homophone_spans,
    _homophones,
    _understood_readings,
    search,
)
from madoguchi.textsearch.services import index_document, rebuild, remove_document

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

DOCS = [
    ("tennyu", {"question": "転入届はどこで出しますか", "answer": "市民課の窓口で出してください。"}, "ja"),
    ("gomi", {"question": "粗大ごみの出し方", "answer": "粗大ごみは予約制です。"}, "ja"),
    (
        "card",
        {"question": "マイナンバーカードの暗証番号を忘れた", "answer": "窓口で再設定します。"},
        "ja",
    ),
    ("wifi", {"question": "Is there free Wi-Fi at city hall?", "answer": "Yes, in the lobby."}, "en"),
]


def keys(hits):
    return [hit.key for hit in hits]


def test_the_matching_document_ranks_first_across_spelling_variants():
    rebuild(namespace="faq", documents=DOCS)
    assert keys(search(namespace="faq", query="粗大ゴミを捨てたい"))[0] == "gomi"
    assert keys(search(namespace="faq", query="マイナの暗証番号わすれた"))[0] == "card"
    assert keys(search(namespace="faq", query="てんにゅうとどけ"))[0] == "tennyu"


def test_english_documents_are_found_with_english_queries():
    rebuild(namespace="faq", documents=DOCS)
    assert keys(search(namespace="faq", query="free wifi", lang="en")) == ["wifi"]


def test_a_question_field_outweighs_the_same_word_in_an_answer():
    rebuild(
        namespace="faq",
        documents=[
            ("in-answer", {"question": "窓口の場所", "answer": "転入の窓口は一階です。"}, "ja"),
            ("in-question", {"question": "転入の手続", "answer": "一階の窓口です。"}, "ja"),
        ],
    )
    assert keys(search(namespace="faq", query="転入")) == ["in-question", "in-answer"]


def test_reindexing_a_key_replaces_its_previous_text():
    index_document(namespace="faq", key="k", fields={"question": "犬の登録"})
    index_document(namespace="faq", key="k", fields={"question": "図書館の開館時間"})
    assert search(namespace="faq", query="犬") == []
    assert keys(search(namespace="faq", query="図書館")) == ["k"]
    assert IndexedDocument.objects.count() == 1


def test_a_removed_document_is_no_longer_found_and_removal_is_idempotent():
    rebuild(namespace="faq", documents=DOCS)
    remove_document(namespace="faq", key="gomi")
    remove_document(namespace="faq", key="gomi")
    assert "gomi" not in keys(search(namespace="faq", query="粗大ごみ"))
    assert not Posting.objects.filter(document__key="gomi").exists()


def test_namespaces_do_not_see_each_other():
    rebuild(namespace="faq", documents=DOCS)
    index_document(namespace="records", key="r1", fields={"title": "粗大ごみ収集委託契約"})
    assert keys(search(namespace="records", query="粗大ごみ")) == ["r1"]
    assert rebuild(namespace="faq", documents=DOCS[:1]) == 1
    assert keys(search(namespace="records", query="粗大ごみ")) == ["r1"]


def test_keys_restrict_the_results_without_changing_scores():
    rebuild(namespace="faq", documents=DOCS)
    everything = {hit.key: hit.score for hit in search(namespace="faq", query="窓口で出す")}
    only = search(namespace="faq", query="窓口で出す", keys={"card"})
    assert keys(only) == ["card"] and only[0].score == everything["card"]


def test_limit_and_empty_queries():
    rebuild(namespace="faq", documents=DOCS)
    assert len(search(namespace="faq", query="窓口", limit=1)) == 1
    assert search(namespace="faq", query="") == []
    assert search(namespace="faq", query="は が の") == []
    assert search(namespace="nowhere", query="窓口") == []


def test_a_failed_rebuild_leaves_the_old_index(monkeypatch):
    rebuild(namespace="faq", documents=DOCS)

    def broken():
        yield DOCS[0]
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        rebuild(namespace="faq", documents=broken())
    assert IndexedDocument.objects.filter(namespace="faq").count() == len(DOCS)


def reference_bm25(namespace: str, query_terms: dict[str, int]) -> dict[str, float]:
    """BM25 computed in Python from the stored rows, the way the ranking is defined."""
    from madoguchi.textsearch.selectors import K1, B

    documents = {d.pk: d for d in IndexedDocument.objects.filter(namespace=namespace)}
    average = sum(d.length for d in documents.values()) / len(documents)
    scores: dict[str, float] = {}
    for term, count in query_terms.items():
        postings = list(Posting.objects.filter(namespace=namespace, term=term))
        idf = math.log(1 + (len(documents) - len(postings) + 0.5) / (len(postings) + 0.5))
        for posting in postings:
            document = documents[posting.document_id]
            norm = posting.frequency + K1 * (1 - B + B * document.length / average)
            scores[document.key] = (
                scores.get(document.key, 0.0) + count * idf * posting.frequency * (K1 + 1) / norm
            )
    return scores


def test_database_scores_equal_a_reference_bm25_computation():
    rebuild(namespace="faq", documents=DOCS)
    index_document(namespace="faq", key="madoguchi", fields={"title": "窓口の窓口", "body": "窓口で出す届"})
    query = "窓口で届を出す"
    expected = reference_bm25("faq", Counter(terms(query, is_query=True)))
    hits = search(namespace="faq", query=query, limit=10)
    assert len(hits) == len(expected) >= 3
    assert {hit.key: hit.score for hit in hits} == {key: round(score, 4) for key, score in expected.items()}
    assert keys(hits) == sorted(expected, key=lambda key: (-expected[key], key))


def test_equal_scores_are_ordered_by_key_and_the_limit_cuts_inside_a_tie():
    same = {"title": "図書館の委託契約", "body": "図書館の委託契約を行う。"}
    rebuild(namespace="faq", documents=[(key, same, "ja") for key in ("b", "10", "a", "9")])
    hits = search(namespace="faq", query="図書館", limit=3)
    assert keys(hits) == ["10", "9", "a"] and len({hit.score for hit in hits}) == 1


def test_statistics_follow_documents_added_and_removed():
    rebuild(namespace="faq", documents=DOCS)
    before = search(namespace="faq", query="窓口")[0].score
    index_document(namespace="faq", key="extra", fields={"question": "図書館の開館時間"})
    after_add = search(namespace="faq", query="窓口")[0].score
    remove_document(namespace="faq", key="extra")
    assert after_add != before and search(namespace="faq", query="窓口")[0].score == before


def test_terms_rarer_than_the_rare_share_weigh_alike():
    """期限 is in one document, 窓口 in two: by plain BM25 the rarer word scores higher; floored
    at half the namespace, both are as rare as that, and the same place in a document scores the
    same."""
    rebuild(
        namespace="faq",
        documents=[
            ("deadline", {"question": "期限"}, "ja"),
            ("counter-1", {"question": "窓口"}, "ja"),
            ("counter-2", {"question": "窓口"}, "ja"),
            ("other-1", {"question": "公園"}, "ja"),
            ("other-2", {"question": "道路"}, "ja"),
        ],
    )

    def best(query, share):
        return search(namespace="faq", query=query, rare_share=share)[0].score

    assert best("期限", 0.0) > best("窓口", 0.0)
    assert best("期限", 0.5) == best("窓口", 0.5)


MISSPELT = [
    ("residence-card", {"question": "在留カードを持って転入の手続き"}, "ja"),
    ("family-register", {"question": "戸籍謄本を取りたい"}, "ja"),
    ("library", {"question": "図書館の本を借りたい"}, "ja"),
    ("park", {"question": "公園を予約したい"}, "ja"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("在流カード 持って", "residence-card"), ("戸籍とう本", "family-register")],
)
def test_a_word_misspelt_with_the_wrong_kanji_or_half_in_kana_is_found_by_its_reading(query, expected):
    """Sudachi cuts 在流 into 在 + 流 and とう本 into と + う + 本; read together they are
    ザイリュウ(カード) and (コセキ)トウホン, which the index knows."""
    rebuild(namespace="faq", documents=MISSPELT)
    assert keys(search(namespace="faq", query=query))[:1] == [expected]


def test_misspelt_words_are_replaced_by_the_word_they_read_as_and_correct_ones_are_left_alone():
    rebuild(namespace="faq", documents=MISSPELT)
    known = set(Posting.objects.values_list("term", flat=True))
    misspelt, correct = query_phrases("在流カード"), query_phrases("在留カード 戸籍謄本 図書館の本")
    [(term, words)] = _homophones(misspelt, _homophone_spans(misspelt), known)
    assert term == "#rザイリュウカード" and [word.surface for word in words] == ["在", "流", "カード"]
    assert _homophones(correct, _homophone_spans(correct), known) == []


@pytest.mark.parametrize("query", ["住民票を見たい", "荷物を置いて", "記念切手を買った", "規則を書いている"])
def test_a_correct_word_beside_a_particle_or_light_verb_is_not_read_as_a_homophone(query):
    """見た+い reads ミタイ, 置い+て ニオイ (匂い), 切っ+て キッテ (切手), 書い+て+い カイテイ
    (改定): all readings the index may know, none of them what was written."""
    phrases = query_phrases(query)
    spans = _homophone_spans(phrases)
    known = {term for *_span, term in spans}  # every stretch's reading known
    known |= {term for words in phrases for word in words for term in word.terms}
    assert _homophones(phrases, spans, known) == []


def test_a_kana_word_sudachi_understood_is_not_counted_again_by_its_reading():
    """こどもを is 子供 (and を); its reading コドモ is not a second term. びんかん, which Sudachi
    reads as 敏感 (a word no FAQ holds), is still covered by the readings ビン and カン."""
    known = {"子供", "#rコドモ", "#rビン", "#rカン"}
    read = _understood_readings(query_phrases("こどもを びんかん"), known)
    assert read == {"コドモ", "ヲ"}
    assert _cover_with_readings(kana_runs("こどもを びんかん"), known, read) == ["#rビン", "#rカン"]
