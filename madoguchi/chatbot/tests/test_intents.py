"""Reranking and query rewriting: intents (in any language), topic support, the English gloss."""

from __future__ import annotations

import pytest

from madoguchi.chatbot.glossary import english_gloss, japanese_gloss
from madoguchi.chatbot.intents import intents_of
from madoguchi.chatbot.models import FAQ
from madoguchi.chatbot.selectors import _with_topic_support, find_answers
from madoguchi.chatbot.services import save_faq


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("転入届の期限は？", "when"),
        ("てんにゅうとどけ いつ まで", "when"),
        ("住民票 どこで 取れる", "where"),
        ("住民票の写しって いくら", "money"),
        ("親に代わりに行ってもらってもいい？", "proxy"),
        ("戸籍を郵送で取り寄せたい", "mail"),
        ("はんこを とうろく したいです。なにが いりますか", "bring"),
        ("マイナンバーカードをなくした", "lost"),
        ("しやくしょ なんじ から", "hours"),
        ("When is the deadline to register?", "when"),
        ("Can my wife do it on my behalf?", "proxy"),
        ("Quanto custa o atestado?", "money"),
        ("Xin giấy ở đâu?", "where"),
        ("保育园多少钱一个月", "money"),
        ("주민표는 어디서 받아요?", "where"),
        ("外国籍の夫婦に子どもが生まれたら", "foreign"),
        ("Do international students have to pay pension?", "foreign"),
        ("외국인도 전입신고를 해야 하나요?", "foreign"),
    ],
)
def test_the_intent_of_a_question_is_recognised_in_each_language(question, intent):
    assert intent in intents_of(question)


def test_words_that_only_contain_an_intent_word_do_not_count():
    assert intents_of("口座振替の引き落とし日") == frozenset()
    assert "foreign" not in intents_of("外国語で相談できますか")
    assert "late" not in intents_of("Can I register later today?")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("question", "expected"),
    [("転入届を出す場所", "t-tennyu-where"), ("転入届の締め切り", "t-tennyu-when")],
)
def test_of_two_faqs_on_one_topic_the_one_with_the_asked_intent_comes_first(faqs, question, expected):
    """場所 and 締め切り appear in neither 転入 FAQ: only the intent (where, when) tells them apart."""
    assert find_answers(question).candidates[0].faq.key == expected


@pytest.mark.django_db
def test_of_two_faqs_that_match_alike_the_topics_general_question_comes_first(text_search_only, faqs):
    """The fixture file's first entry is its topic's general question; a copy of it under a key
    that sorts first ties on every word, and only the overview prior puts the general one ahead."""
    general = FAQ.objects.get(key="t-tennyu-when")
    assert general.overview and not FAQ.objects.get(key="t-tennyu-where").overview
    copy = FAQ(
        key="a-copy",
        topic=general.topic,
        department=general.department,
        keywords=general.keywords,
        question=general.question,
        variants=general.variants,
        answer=general.answer,
        status=FAQ.Status.PUBLISHED,
    )
    save_faq(faq=copy)
    keys = [candidate.faq.key for candidate in find_answers("転入届の期限").candidates]
    assert keys[:2] == ["t-tennyu-when", "a-copy"]


def test_a_lone_faq_of_another_topic_falls_behind_a_topic_several_hits_agree_on():
    faqs = {
        "gomi-day": FAQ(key="gomi-day", topic="ごみの分別"),
        "gomi-bags": FAQ(key="gomi-bags", topic="ごみの分別"),
        "library-hours": FAQ(key="library-hours", topic="図書館"),
    }
    ranking = [("library-hours", 10.0), ("gomi-day", 9.8), ("gomi-bags", 9.6)]
    assert [key for key, _ in _with_topic_support(ranking, faqs)] == [
        "gomi-day",
        "gomi-bags",
        "library-hours",
    ]


def test_a_chinese_question_gets_the_japanese_of_words_that_differ_beyond_character_forms():
    assert japanese_gloss("我刚搬来，迁入登记要几天之内办？").split() == ["転入"]
    assert japanese_gloss("住民票上能写上个人编号吗") == "個人番号"
    assert "マイナンバーカード" in japanese_gloss("个人编号卡丢了")
    assert japanese_gloss("图书馆几点开门") == ""


def test_a_portuguese_or_vietnamese_question_is_glossed_in_english_for_the_english_faqs():
    assert english_gloss("Onde jogo o lixo?", "pt").endswith("garbage")
    assert "birth" in english_gloss("Em bé mới sinh cần làm gì?", "vi")
    assert english_gloss("Where is the library?", "en") == "Where is the library?"
