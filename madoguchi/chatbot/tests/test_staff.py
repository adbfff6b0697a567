"""Staff pages: the dashboard's two-click FAQ and variant, the FAQ editor's checks, the flow editor."""

from __future__ import annotations

import functools

import pytest
from django.urls import reverse

from madoguchi.accounts.services import create_staff_user
from madoguchi.chatbot.models import FAQ, Flow
from madoguchi.chatbot.selectors import find_answers
from madoguchi.chatbot.services import ask

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def staff_client(faqs, client):
    client.force_login(
        create_staff_user(username="koho", password="pw-123456789", last_name="広報", first_name="一郎")
    )
    return client


def test_residents_cannot_open_the_staff_pages(faqs, client):
    response = client.get(reverse("chatbot:staff_dashboard"))
    assert response.status_code == 302 and "/staff/login/" in response.url


def test_an_unanswered_question_becomes_a_draft_faq_in_two_clicks(staff_client):
    ask(question="ドローンを公園で飛ばしたい")
    page = staff_client.get(reverse("chatbot:staff_dashboard")).content.decode()
    assert "ドローンを公園で飛ばしたい" in page
    response = staff_client.post(
        reverse("chatbot:staff_make_faq"), {"question": "ドローンを公園で飛ばしたい", "lang": "ja"}
    )
    faq = FAQ.objects.get(status=FAQ.Status.DRAFT)
    assert response.url == reverse("chatbot:staff_faq", args=[faq.key])
    assert faq.question == {"ja": "ドローンを公園で飛ばしたい"}


def test_an_unanswered_question_becomes_a_variant_in_two_clicks(staff_client):
    assert not find_answers("ゴミ屋敷の相談").confident
    staff_client.post(
        reverse("chatbot:staff_add_variant"),
        {"question": "ゴミ屋敷の相談", "lang": "ja", "faq": "t-sodai-how"},
    )
    assert "ゴミ屋敷の相談" in FAQ.objects.get(key="t-sodai-how").variants["ja"]
    assert find_answers("ゴミ屋敷の相談").candidates[0].faq.key == "t-sodai-how"


def _faq_form(**changes) -> dict:
    data = {
        "key": "t-new",
        "topic": "図書館",
        "category": "施設",
        "department": "",
        "procedure_code": "",
        "status": "published",
        "keywords_text": "図書館、貸出",
        "question_ja": "図書館で本は何冊借りられますか。",
        "question_easy_ja": "としょかんで ほんを なんさつ かりられますか。",
        "question_en": "How many books can I borrow?",
        "answer_ja": "10冊まで借りられます。\n\n[図書館の利用登録](/procedures/toshokan-touroku/)",
        "answer_easy_ja": "10さつまでです。",
        "answer_en": "Up to 10 books.",
    }
    data.update(changes)
    return data


def test_staff_publish_a_new_faq_and_residents_find_it(staff_client):
    from madoguchi.organization.models import Department

    department = Department.objects.get(code="shimin-madoguchi")
    response = staff_client.post(
        reverse("chatbot:staff_faq_new"),
        _faq_form(department=department.pk, answer_ja="10冊まで借りられます。"),
    )
    assert response.status_code == 302
    assert find_answers("図書館で何冊かりられる").candidates[0].faq.key == "t-new"


def test_the_faq_editor_refuses_unsafe_links_missing_languages_and_unknown_procedures(staff_client):
    from madoguchi.organization.models import Department

    department = Department.objects.get(code="shimin-madoguchi")
    response = staff_client.post(
        reverse("chatbot:staff_faq_new"),
        _faq_form(
            department=department.pk,
            answer_ja="[危険](http://evil.example/)",
            question_en="",
            procedure_code="nope",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "md-error-summary" in page
    assert "http://evil.example/ は使えません" in page and "公開するには入力が必要です" in page
    assert "手続一覧にないコードです" in page
    assert not FAQ.objects.filter(key="t-new").exists()


def test_the_flow_editor_refuses_a_broken_definition(staff_client):
    response = staff_client.post(
        reverse("chatbot:staff_flow", args=["gomi"]),
        {
            "code": "gomi",
            "title_ja": "ごみ",
            "sort_order": 0,
            "is_active": "on",
            "definition_text": '{"steps": [',
        },
    )
    assert "JSON として読めません" in response.content.decode()
    assert Flow.objects.get(code="gomi").definition["steps"]


def test_every_staff_page_opens(staff_client):
    ask(question="粗大ごみ")
    for name, args in [
        ("chatbot:staff_dashboard", []),
        ("chatbot:staff_faqs", []),
        ("chatbot:staff_faq", ["t-wifi"]),
        ("chatbot:staff_faq_new", []),
        ("chatbot:staff_inquiries", []),
        ("chatbot:staff_flows", []),
        ("chatbot:staff_flow", ["gomi"]),
        ("chatbot:staff_flow_new", []),
    ]:
        assert staff_client.get(reverse(name, args=args)).status_code == 200, name


def _edit_form(faq: FAQ, **changes) -> dict:
    """The FAQ editor's fields as they stand for ``faq``, with ``changes``."""
    data = {
        "key": faq.key,
        "topic": faq.topic,
        "category": faq.category,
        "department": faq.department_id,
        "procedure_code": faq.procedure_code,
        "status": faq.status,
        "keywords_text": " ".join(faq.keywords),
    }
    for lang in faq.question:
        data[f"question_{lang}"] = faq.question[lang]
    for lang, texts in faq.variants.items():
        data[f"variants_{lang}"] = "\n".join(texts)
    for lang in faq.answer:
        data[f"answer_{lang}"] = faq.answer[lang]
    data.update(changes)
    return data


def test_translations_left_behind_by_a_new_japanese_answer_are_flagged_until_revised(staff_client):
    """The rules change in Japanese: the English and Korean answers still give the old ones."""
    faq = FAQ.objects.get(key="t-sodai-how")
    assert faq.outdated_answers() == []  # the content files are loaded as reviewed
    url = reverse("chatbot:staff_faq", args=[faq.key])
    form = functools.partial(_edit_form, faq, procedure_code="")  # no procedure catalogue here
    new_ja = "粗大ごみは電話かインターネットで申し込み、処理券（1点500円）を貼って出してください。"
    response = staff_client.post(url, form(answer_ja=new_ja))
    assert response.status_code == 302, response.context["form"].errors
    faq.refresh_from_db()
    assert faq.outdated_answers() == ["easy_ja", "en", "ko"]
    assert faq.text("answer", "ko") == faq.text("answer", "en") == new_ja  # the current one
    page = staff_client.get(url).content.decode()
    assert "まだ見直されていません" in page and "English" in page and "한국어" in page
    assert "easy_ja, en, ko" in staff_client.get(reverse("chatbot:staff_faqs")).content.decode()
    flagged = staff_client.get(reverse("chatbot:staff_faqs"), {"outdated": "1"}).context["faqs"]
    assert [flagged_faq.key for flagged_faq in flagged] == ["t-sodai-how"]

    revised_en = "Book by phone or online and attach a 500-yen ticket to each item."
    staff_client.post(url, form(answer_en=revised_en))
    faq.refresh_from_db()
    assert faq.outdated_answers() == ["easy_ja", "ko"]
    assert faq.text("answer", "ko") == revised_en  # English is current again

    staff_client.post(url, form(translations_confirmed="on"))
    faq.refresh_from_db()
    assert faq.outdated_answers() == []
    assert list(staff_client.get(reverse("chatbot:staff_faqs"), {"outdated": "1"}).context["faqs"]) == []
    assert faq.text("answer", "ko") == faq.answer["ko"]
