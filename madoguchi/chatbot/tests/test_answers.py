"""Finding answers: variants, languages, confidence, validity, bad input, logs without personal data."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.chatbot.models import FAQ, QuestionLog
from madoguchi.chatbot.selectors import find_answers
from madoguchi.chatbot.services import add_variant, ask, record_feedback, save_faq

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def top(question: str, lang: str = "ja") -> str | None:
    answers = find_answers(question, lang)
    return answers.candidates[0].faq.key if answers.candidates else None


# One database for all these phrasings (setting up the FAQs is the slow part of a test).
PHRASINGS = [
    ("転入届の期限は？", "ja", "t-tennyu-when"),
    ("引越してきたけど何日以内に届けるの", "ja", "t-tennyu-when"),
    ("転入の窓口ってどこ", "ja", "t-tennyu-where"),
    ("そだいごみ すてかた", "ja", "t-sodai-how"),
    ("粗大ゴミの出し方", "ja", "t-sodai-how"),
    ("マイナの暗証番号わすれた", "ja", "t-card-pin"),
    ("コンビニで住民票とれる？", "ja", "t-juminhyo-konbini"),
    ("こどもの手当の申請", "ja", "t-jidou-teate"),
    ("Forgot my PIN for the My Number Card", "en", "t-card-pin"),
    ("free wifi in city hall?", "en", "t-wifi"),
    ("迁入申报什么时候提交", "zh", "t-tennyu-when"),
    ("대형 쓰레기 버리기", "ko", "t-sodai-how"),
]


def test_questions_asked_in_many_ways_find_their_faq(faqs):
    wrong = {(q, lang): top(q, lang) for q, lang, expected in PHRASINGS if top(q, lang) != expected}
    assert wrong == {}


def test_a_clear_question_is_answered_confidently_and_a_vague_one_is_not(faqs):
    assert find_answers("マイナンバーカードの暗証番号を忘れた").confident
    vague = find_answers("転入")
    assert not vague.confident and len(vague.candidates) >= 2


def test_at_most_five_answers_best_first(faqs):
    answers = find_answers("転入 転出 住民票 マイナンバーカード 粗大ごみ 児童手当 Wi-Fi")
    assert len(answers.candidates) == 5
    scores = [c.score for c in answers.candidates]
    assert scores == sorted(scores, reverse=True) or len(set(scores)) > 1


def test_drafts_and_expired_faqs_are_not_offered(faqs):
    faq = FAQ.objects.get(key="t-wifi")
    faq.valid_to = dt.date(2000, 1, 1)
    save_faq(faq=faq)
    assert top("無料Wi-Fi") != "t-wifi"
    faq.valid_to = None
    faq.status = FAQ.Status.DRAFT
    save_faq(faq=faq)
    assert top("無料Wi-Fi") != "t-wifi"


def test_a_variant_added_by_staff_is_found(text_search_only, faqs):
    assert top("ゴミ屋敷の相談") != "t-sodai-how"
    add_variant(faq=FAQ.objects.get(key="t-sodai-how"), text="ゴミ屋敷の相談")
    assert top("ゴミ屋敷の相談") == "t-sodai-how"


def test_a_phrasing_in_a_language_the_entry_has_no_question_in_is_found(text_search_only, faqs):
    """Staff add a resident's Vietnamese phrasing before anyone translates the entry."""
    faq = FAQ.objects.get(key="t-wifi")
    assert "vi" not in faq.question
    assert top("mạng không dây miễn phí ở đâu", "vi") != "t-wifi"
    add_variant(faq=faq, text="mạng không dây miễn phí", lang="vi")
    assert top("mạng không dây miễn phí ở đâu", "vi") == "t-wifi"


BAD_QUESTIONS = [
    "",
    "   ",
    "😀😀😀",
    "!!!???",
    "a" * 10_000,
    "<script>alert(1)</script>",
    "'; DROP TABLE chatbot_faq; --",
]


def test_bad_input_gets_a_polite_reply_and_never_an_error(faqs):
    for question in BAD_QUESTIONS:
        reply = ask(question=question)
        assert reply.notice or reply.log is not None, question
    assert FAQ.objects.count() == 8


def test_an_over_long_question_is_cut_with_a_notice(faqs):
    reply = ask(question="粗大ごみ" * 3000)
    assert "長い" in reply.notice and len(reply.log.question) <= 500


def test_the_log_holds_no_personal_data(faqs):
    ask(question="山田太郎です。090-1234-5678 taro@example.jp マイナンバー 1234 5678 9012 の住民票")
    logged = QuestionLog.objects.get().question
    for secret in ("山田", "太郎", "090", "taro@", "1234 5678"):
        assert secret not in logged
    assert "住民票" in logged


def test_feedback_is_recorded_on_the_logged_question(faqs):
    log = ask(question="粗大ごみの出し方").log
    assert record_feedback(log_id=log.pk, resolved=False)
    assert not record_feedback(log_id=log.pk + 100, resolved=True)
    log.refresh_from_db()
    assert log.resolved is False


def test_open_statistics_count_questions_per_topic_without_their_text(faqs):
    from madoguchi.opendata.statistics import providers

    ask(question="粗大ごみの出し方")
    ask(question="ドローンを公園で飛ばしたい")
    provider = next(p for p in providers() if p.name == "chatbot-questions-per-topic-month")
    rows = provider.rows()
    assert sum(int(row[2]) for row in rows) == 2
    assert not any("ドローン" in cell for row in rows for cell in row)
