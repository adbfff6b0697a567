"""The public pages: search, a procedure's page and the life-event guide, in Japanese and English."""

import datetime as dt

import pytest

from madoguchi.procedures.tests.factories import LifeEventFactory, ProcedureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

YES_NO = [["yes", "はい", "Yes"], ["no", "いいえ", "No"]]


@pytest.fixture
def juminhyo():
    return ProcedureFactory(
        code="juminhyo-utsushi",
        title="住民票の写しの交付請求",
        title_en="Request a copy of your residence record",
        fee_rule={
            "type": "per_unit",
            "unit_price": 300,
            "unit_field": "copies",
            "unit_label": "通",
            "unit_label_en": "copy",
        },
        processing_days=3,
        channel="online_and_counter",
        counter_place="市役所本庁舎1階 市民窓口課",
        counter_bring="本人確認書類",
        counter_hours="平日 8:30〜17:15",
        legal_basis="住民基本台帳法第12条",
        form_code="juminhyo-utsushi",
        department__name="市民窓口課",
    )


@pytest.fixture
def konin():
    return ProcedureFactory(
        code="konin",
        title="婚姻届",
        title_en="Marriage registration",
        channel="counter_only",
        counter_place="市民窓口課 戸籍係",
        counter_bring="婚姻届（証人2人の署名のあるもの）",
    )


def test_the_list_shows_titles_fees_channels_and_the_count(client, juminhyo, konin):
    body = client.get("/procedures/").content.decode()
    assert "住民票の写しの交付請求" in body and "婚姻届" in body
    assert "2件の手続" in body
    assert "1通につき300円" in body
    assert '<span class="md-tag">窓口のみ</span>' in body


def test_the_list_filters_by_keyword_and_category(client, juminhyo, konin):
    body = client.get("/procedures/", {"q": "婚姻", "category": "registration"}).content.decode()
    assert "婚姻届" in body and "住民票の写しの交付請求" not in body


def test_an_empty_result_says_so(client, juminhyo):
    body = client.get("/procedures/", {"q": "存在しない手続"}).content.decode()
    assert "0件の手続" in body
    assert "見つかりませんでした" in body


def test_an_unknown_category_shows_an_error_summary_and_no_results(client, juminhyo):
    body = client.get("/procedures/", {"category": "weather"}).content.decode()
    assert "md-error-summary" in body
    assert "分類は一覧から選んでください" in body
    assert "<title>エラー：" in body
    assert "住民票の写しの交付請求" not in body


def test_the_list_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for n in range(30):
        ProcedureFactory(title=f"手続{n}")
    with django_assert_max_num_queries(3):
        response = client.get("/procedures/")
    assert response.status_code == 200


def test_the_detail_page_shows_fee_deadline_counter_and_department(client, juminhyo, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: dt.date(2026, 4, 30))
    body = client.get("/procedures/juminhyo-utsushi/").content.decode()
    assert "<h1>住民票の写しの交付請求</h1>" in body
    assert "1通につき300円" in body and "2通で600円" in body
    assert "3開庁日" in body
    assert "2026年（令和8年）5月8日" in body  # Golden Week skipped
    assert "市役所本庁舎1階 市民窓口課" in body and "本人確認書類" in body
    assert "住民基本台帳法第12条" in body
    assert "市民窓口課" in body and "0297-64-1111 内線311" in body
    assert 'href="/apply/juminhyo-utsushi/"' in body


def test_a_counter_only_procedure_has_no_start_button(client, konin):
    body = client.get("/procedures/konin/").content.decode()
    assert "/apply/" not in body
    assert "窓口でのみ受け付けています" in body
    assert "証人2人の署名" in body


def test_an_online_procedure_without_a_form_has_no_start_button(client):
    ProcedureFactory(code="doro", channel="online", form_code="")
    assert "/apply/" not in client.get("/procedures/doro/").content.decode()


def test_unknown_and_unpublished_procedures_are_not_found(client):
    ProcedureFactory(code="draft", is_published=False)
    assert client.get("/procedures/draft/").status_code == 404
    assert client.get("/procedures/nothing/").status_code == 404


def test_english_pages_show_english_titles(client, juminhyo):
    client.cookies["django_language"] = "en"
    list_body = client.get("/procedures/").content.decode()
    detail_body = client.get("/procedures/juminhyo-utsushi/").content.decode()
    assert "Request a copy of your residence record" in list_body
    assert "<h1>Request a copy of your residence record</h1>" in detail_body
    assert 'lang="en"' in detail_body


@pytest.fixture
def moving_in(juminhyo, konin):
    return LifeEventFactory(
        code="moving-in",
        title="市外から引っ越してきたとき",
        title_en="Moving to the city",
        questions=[
            {"key": "married", "text": "結婚していますか", "text_en": "Are you married?", "choices": YES_NO},
        ],
        rules=[{"procedure": "juminhyo-utsushi"}, {"procedure": "konin", "when": {"married": "no"}}],
    )


def test_the_life_events_page_lists_the_events(client, moving_in):
    body = client.get("/life-events/").content.decode()
    assert 'href="/life-events/moving-in/"' in body and "市外から引っ越してきたとき" in body


def test_a_life_event_first_shows_its_questions_as_radio_groups(client, moving_in):
    body = client.get("/life-events/moving-in/").content.decode()
    assert "<legend" in body and "結婚していますか" in body
    assert 'type="radio" name="married" value="yes"' in body
    assert "あなたに必要な手続" not in body


def test_answers_split_the_procedures_into_online_and_counter(client, moving_in):
    body = client.get("/life-events/moving-in/", {"answered": "1", "married": "no"}).content.decode()
    online, counter = body.split("オンラインでできる手続", 1)[1].split("窓口での手続", 1)
    assert "住民票の写しの交付請求" in online and 'href="/apply/juminhyo-utsushi/"' in online
    assert "婚姻届" in counter and "市民窓口課 戸籍係" in counter


def test_an_answer_that_excludes_a_procedure_leaves_it_out(client, moving_in):
    body = client.get("/life-events/moving-in/", {"answered": "1", "married": "yes"}).content.decode()
    assert "婚姻届" not in body.split("あなたに必要な手続", 1)[1]


def test_a_missing_answer_shows_the_error_summary_and_no_results(client, moving_in):
    body = client.get("/life-events/moving-in/", {"answered": "1"}).content.decode()
    assert "md-error-summary" in body
    assert 'href="#id_married_0"' in body
    assert "「結婚していますか」への答えを選んでください" in body
    assert "あなたに必要な手続" not in body


def test_a_life_event_in_english_asks_in_english(client, moving_in):
    client.cookies["django_language"] = "en"
    body = client.get("/life-events/moving-in/").content.decode()
    assert "Are you married?" in body and "Moving to the city" in body


def test_an_unknown_life_event_is_not_found(client):
    assert client.get("/life-events/space-travel/").status_code == 404
