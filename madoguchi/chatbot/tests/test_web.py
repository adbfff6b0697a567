"""The resident pages and the JSON API: answers, escaping, feedback, escalation, rate limit, flows."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from madoguchi.accounts.services import create_staff_user
from madoguchi.chatbot.models import FAQ, Inquiry, QuestionLog
from madoguchi.chatbot.services import ask, log_token

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

ASK = "/api/v1/chatbot/ask"


def test_the_api_answers_with_the_fixed_contract(faqs, client):
    response = client.post(
        ASK,
        {"question": "マイナンバーカードの暗証番号を忘れた", "lang": "ja"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"answers", "confident", "escalation_url"}
    assert body["confident"] is True and 1 <= len(body["answers"]) <= 5
    first = body["answers"][0]
    assert set(first) == {"faq_id", "question", "answer", "url", "score"}
    assert first["question"] == "マイナンバーカードの暗証番号を忘れました。"
    assert first["url"].endswith("/chatbot/faqs/t-card-pin/") and 0 < first["score"] <= 1
    assert "/chatbot/inquire/?log=" in body["escalation_url"]


def test_the_api_answers_in_the_language_asked(faqs, client):
    body = client.post(ASK, {"question": "bulky waste sofa"}, content_type="application/json").json()
    assert body["answers"][0]["question"] == "粗大ごみはどうやって出せばよいですか。"
    body = client.post(
        ASK, {"question": "bulky waste sofa", "lang": "en"}, content_type="application/json"
    ).json()
    assert body["answers"][0]["question"] == "How do I dispose of bulky waste?"


def test_an_entry_not_yet_in_the_language_asked_answers_in_english(faqs, client):
    """The chatbot speaks English to a Portuguese speaker; an untranslated answer follows it."""
    faq = FAQ.objects.get(key="t-sodai-how")
    assert "pt" not in faq.answer
    body = client.post(
        ASK, {"question": "bulky waste sofa", "lang": "pt"}, content_type="application/json"
    ).json()
    assert body["answers"][0]["question"] == faq.question["en"]
    assert body["answers"][0]["answer"].startswith(faq.answer["en"][:20])


def test_links_in_api_answers_are_plain_text_with_absolute_urls(faqs, client):
    body = client.post(
        ASK, {"question": "転入届の期限", "lang": "ja"}, content_type="application/json"
    ).json()
    assert "転入届: http://testserver/procedures/tennyu/" in body["answers"][0]["answer"]


@pytest.mark.parametrize("question", ["", "😀😀", "<script>alert(1)</script>", "x" * 10_000, "1 OR 1=1; --"])
def test_the_api_answers_bad_questions_politely(faqs, client, question):
    response = client.post(ASK, {"question": question}, content_type="application/json")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_api_refuses_an_unknown_language_with_a_message(faqs, client):
    response = client.post(ASK, {"question": "住民票", "lang": "xx"}, content_type="application/json")
    assert response.status_code == 400 and "lang" in response.json()["detail"]


def test_the_api_is_rate_limited_per_client(faqs, client, settings):
    settings.MADOGUCHI_CHATBOT_RATE_PER_MINUTE = 3
    codes = [
        client.post(ASK, {"question": "住民票"}, content_type="application/json").status_code
        for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


def test_the_question_page_answers_without_javascript(faqs, client):
    page = client.get(reverse("chatbot:ask"), {"q": "粗大ゴミの出し方", "lang": "ja"}).content.decode()
    assert "粗大ごみは予約制です" in page and "解決した" in page and "職員に問い合わせる" in page


def test_the_question_page_never_echoes_markup(faqs, client):
    page = client.get(reverse("chatbot:ask"), {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_answers_render_only_the_safe_markdown_subset(faqs, client):
    from madoguchi.chatbot.markup import to_html

    html = to_html("段落<b>太字</b>\n\n- 項目\n- [手続](/procedures/tennyu/)\n\n[悪い](javascript:alert(1))")
    assert "<p>段落&lt;b&gt;太字&lt;/b&gt;</p>" in html
    assert '<ul><li>項目</li><li><a href="/procedures/tennyu/">手続</a></li></ul>' in html
    assert "javascript:" in html and 'href="javascript' not in html


def test_feedback_buttons_record_the_rating_and_a_no_leads_to_staff(faqs, client):
    log = ask(question="粗大ごみの出し方").log
    response = client.post(reverse("chatbot:feedback"), {"token": log_token(log), "resolved": "no"})
    assert response.status_code == 302 and "/chatbot/inquire/?log=" in response.url
    log.refresh_from_db()
    assert log.resolved is False
    assert client.post(reverse("chatbot:feedback"), {"token": "forged", "resolved": "yes"}).status_code == 400


def test_an_inquiry_reaches_the_department_and_the_reply_reaches_the_resident_by_email(
    faqs, client, django_capture_on_commit_callbacks
):
    log = ask(question="粗大ごみでソファーを出したい").log
    form = client.get(reverse("chatbot:inquire"), {"log": log_token(log)}).content.decode()
    assert "ソファー" in form
    response = client.post(
        reverse("chatbot:inquire"), {"question": "ソファーは何点まで出せますか", "email": "r@example.jp"}
    )
    inquiry = Inquiry.objects.get()
    assert response.url == reverse("chatbot:inquiry", args=[inquiry.token])
    assert inquiry.department.code == "shimin-kankyo"
    staff = create_staff_user(username="kankyo", password="pw-123456789", last_name="環境", first_name="太郎")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("chatbot:staff_inquiry", args=[inquiry.pk]), {"reply": "3点までです。"})
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED
    assert len(mail.outbox) == 1 and "3点までです。" in mail.outbox[0].body
    client.logout()
    assert "3点までです。" in client.get(reverse("chatbot:inquiry", args=[inquiry.token])).content.decode()


def test_the_gomi_flow_gives_the_category_and_the_areas_day(faqs, client):
    url = reverse("chatbot:flow", args=["gomi"])
    assert "お住まいの地区" in client.get(url).content.decode()
    page = client.get(url, {"area": "north", "group": "home", "item": "battery"}).content.decode()
    assert "「乾電池」は有害ごみです。" in page and "毎月第1水曜日" in page
    page = client.get(url, {"area": "south", "group": "large", "item": "sofa"}).content.decode()
    assert "予約制" in page and "/procedures/sodai-gomi/" in page


def test_the_moving_flow_lists_procedures_for_the_answers(faqs, client):
    page = client.get(
        reverse("chatbot:flow", args=["hikkoshi"]), {"direction": "in", "origin": "abroad", "children": "yes"}
    ).content.decode()
    assert "海外からの転入" in page
    assert re.search(r"/procedures/tennyugaku/", page)


def test_the_widget_is_on_every_page_with_a_no_javascript_link(faqs, client):
    page = client.get(reverse("procedures:list")).content.decode()
    assert 'id="md-chat"' in page and f'href="{reverse("chatbot:ask")}"' in page


def test_asking_logs_the_channel(faqs, client):
    client.post(ASK, {"question": "住民票"}, content_type="application/json")
    client.get(reverse("chatbot:ask"), {"q": "住民票"})
    assert sorted(QuestionLog.objects.values_list("channel", flat=True)) == ["api", "web"]
