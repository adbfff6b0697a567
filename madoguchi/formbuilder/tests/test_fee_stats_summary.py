"""Fees are computed, stats count what residents still write, summaries read like the paper form."""

import pytest
from django.utils import translation

from madoguchi.formbuilder.engine import FieldStats, compute_fee, field_stats, parse_definition, summary
from madoguchi.formbuilder.tests.definitions import definition, one_field

pytestmark = pytest.mark.sqlite_subset

NAME = {"last": "山田", "first": "太郎", "last_kana": "ヤマダ", "first_kana": "タロウ"}


@pytest.fixture
def spec():
    return parse_definition(definition())


def test_fee_is_unit_price_times_the_number_field(spec):
    assert compute_fee(spec, {"copies": 3}) == 900


def test_fee_ignores_a_posted_fee_value(spec):
    assert compute_fee(spec, {"copies": 2, "fee": 1}) == 600


def test_a_fixed_amount_fee():
    spec = parse_definition(one_field({"key": "fee", "type": "fee", "label": "手数料", "amount": 350}))
    assert compute_fee(spec, {}) == 350


def test_a_hidden_fee_is_not_charged():
    spec = parse_definition(
        one_field(
            {"key": "copies", "type": "number", "label": "通数"},
            {
                "key": "fee",
                "type": "fee",
                "label": "手数料",
                "amount": 350,
                "show_if": {"field": "copies", "gte": 1},
            },
        )
    )
    assert compute_fee(spec, {}) == 0


def test_field_stats_counts_leaf_inputs(spec):
    # name prefilled (4 boxes); birth date, phone, purpose_other, copies typed; purpose a choice;
    # fee derived.
    assert field_stats(spec) == FieldStats(typed=4, prefilled=4, derived=1, choices=1)


def test_field_stats_counts_a_name_as_four_and_an_address_as_three():
    spec = parse_definition(
        one_field(
            {"key": "name", "type": "japanese_name", "label": "氏名"},
            {"key": "home", "type": "address", "label": "住所"},
            {"key": "ok", "type": "consent", "label": "同意", "text": "規約"},
        )
    )
    assert field_stats(spec) == FieldStats(typed=7, prefilled=0, derived=0, choices=1)


def test_a_group_counts_one_row_typed_and_one_row_per_listed_person_prefilled():
    row = [
        {"key": "name", "type": "japanese_name", "label": "氏名"},
        {"key": "birth_date", "type": "date", "label": "生年月日"},
    ]
    spec = parse_definition(
        one_field(
            {
                "key": "family",
                "type": "group",
                "label": "世帯員",
                "prefill": "household_members",
                "fields": row,
            },
            {"key": "others", "type": "group", "label": "その他の方", "fields": row},
        )
    )
    assert field_stats(spec) == FieldStats(typed=5, prefilled=5, derived=0, choices=0)
    assert field_stats(spec, {"household_members": 3}) == FieldStats(
        typed=5, prefilled=15, derived=0, choices=0
    )
    assert field_stats(spec, {"household_members": 0}).prefilled == 0


def test_summary_shows_dates_in_both_calendars_and_the_fee_in_yen(spec):
    answers = {
        "name": NAME,
        "birth_date": "2026-11-26",
        "phone": "0297641111",
        "purpose": "bank",
        "copies": 2,
    }
    pages = summary(spec, answers, "ja")
    assert pages[0] == (
        "申請者",
        [
            ("氏名", "山田 太郎（ヤマダ タロウ）"),
            ("生年月日", "2026年（令和8年）11月26日"),
            ("電話番号", "0297641111"),
        ],
    )
    assert pages[1] == ("請求内容", [("利用目的", "金融機関"), ("通数", "2"), ("手数料", "600円")])


def test_summary_in_english_uses_english_labels(spec):
    with translation.override("ja"):
        pages = summary(spec, {"purpose": "bank", "birth_date": "2026-11-26"}, "en")
    assert ("Date of birth", "26 November 2026") in pages[0][1]
    assert ("Purpose", "Bank") in pages[1][1]


def test_a_fee_can_multiply_a_numeric_choice_so_nothing_is_typed():
    from madoguchi.formbuilder.engine import compute_fee, field_stats, parse_definition

    spec = parse_definition(
        one_field(
            {
                "key": "copies",
                "type": "choice",
                "widget": "select",
                "label": {"ja": "通数"},
                "options": [{"value": str(n), "label": {"ja": f"{n}通"}} for n in range(1, 4)],
            },
            {"key": "fee", "type": "fee", "label": {"ja": "手数料"}, "unit_price": 300, "times": "copies"},
        )
    )
    assert compute_fee(spec, {"copies": "3"}) == 900
    assert field_stats(spec).typed == 0


def test_a_fee_cannot_multiply_a_choice_with_words_for_values():
    from madoguchi.formbuilder.engine import DefinitionError, parse_definition

    with pytest.raises(DefinitionError):
        parse_definition(
            one_field(
                {
                    "key": "kind",
                    "type": "choice",
                    "label": {"ja": "種類"},
                    "options": [{"value": "a", "label": {"ja": "A"}}],
                },
                {"key": "fee", "type": "fee", "label": {"ja": "手数料"}, "unit_price": 300, "times": "kind"},
            )
        )
