"""Spelling variants meet in one term; particles and light verbs do not count."""

from __future__ import annotations

import pytest

from madoguchi.textsearch.analysis import chinese_as_japanese, terms


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("引越し", "引っ越し"),
        ("引越", "引っ越し"),
        ("申込", "申し込み"),
        ("こども", "子ども"),
        ("子供", "子ども"),
        ("粗大ごみ", "粗大ゴミ"),
        ("スマホ", "スマートフォン"),
        ("マイナ", "マイナンバーカード"),
        ("ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ", "マイナンバーカード"),
    ],
)
def test_spelling_variants_share_a_term(one, other):
    assert set(terms(one)) & set(terms(other))


def test_a_compound_also_yields_its_parts():
    assert {"転入届", "転入", "届け"} <= set(terms("転入届"))


def test_particles_and_light_verbs_are_not_terms():
    found = terms("転入届はどこでできますか")
    assert "は" not in found and "で" not in found and "出来る" not in found
    assert "どこ" in found


def test_an_unknown_katakana_query_word_meets_the_reading_of_the_kanji_word():
    assert "#rジュウミンヒョウ" in terms("ジュウミンヒョウ", is_query=True)
    assert "#rジュウミンヒョウ" in terms("住民票")


def test_a_known_hiragana_query_word_is_not_widened_to_its_reading():
    assert not any(term.startswith("#r") for term in terms("いくらもらえる", is_query=True))


def test_a_kanji_query_is_not_widened_to_homophones():
    assert not any(term.startswith("#r") for term in terms("戸籍", is_query=True))


def test_english_is_lower_cased_stemmed_and_stripped_of_stop_words():
    assert (
        terms("Where do I get the Certificates?", "en")
        == ["where", "certif"]
        == terms("where certificate", "en")
    )


def test_chinese_and_korean_text_yield_character_bigrams():
    assert "户籍" in terms("我想要户籍证明", "zh")
    assert "등록" in terms("인감등록은 어디서", "ko")


def test_japanese_text_sent_as_english_is_still_analysed_as_japanese():
    assert "転入届" in terms("転入届はどこ", "en")


def test_empty_and_symbol_only_text_has_no_terms():
    assert terms("") == []
    assert terms("😀😀！？") == []


def test_simplified_chinese_is_written_in_japanese_character_forms():
    assert chinese_as_japanese("个人编号卡") == "個人編号卡"
    assert chinese_as_japanese("儿童补贴").startswith("児童")


def test_a_query_word_counts_once_per_term():
    """キャンセル belongs to two synonym groups and is a known katakana word: a query keeps one
    group and no reading, so it weighs no more than the topic word beside it."""
    found = terms("キャンセル", is_query=True)
    assert len([term for term in found if term.startswith("#s")]) == 1
    assert not any(term.startswith("#r") for term in found)
    assert len([term for term in terms("キャンセル") if term.startswith("#s")]) == 2


def test_a_query_asks_for_the_canonical_term_of_a_synonym_and_a_document_holds_both():
    """kids is rare in the FAQs: asked for itself, it would outweigh the rest of the question."""
    assert terms("kids", "en", is_query=True) == ["child"]
    assert set(terms("kids", "en")) == {"kid", "child"}


def test_moving_within_the_city_is_not_asked_as_any_move():
    """転居 (a move inside the city) names its own procedure: a query for 転居届 must not be
    read as a move of any kind, which 転入届 and 転出届 answer too."""
    assert "転居" in terms("転居届", is_query=True)
    assert "転居" not in terms("引っ越し", is_query=True)


@pytest.mark.parametrize(
    ("kana", "word", "misread"),
    [
        ("じゅうみんひょうを ください", "住民票", "見る"),
        ("ぜいきん はらう", "税金", "行く"),
        ("てんきょ とどけ", "転居", "天気"),
        ("ほけんセンター どこ", "保健", "保険"),
    ],
)
def test_a_city_hall_word_written_in_hiragana_is_read_as_the_word(kana, word, misread):
    """Sudachi cuts these into words it knows (じゅう・見る・ひょう); they must meet the FAQs
    that write them in kanji, and not the FAQs about what the pieces mean."""
    found = terms(kana, is_query=True)
    assert word in found and misread not in found
    assert word in terms(kana)
