"""parse_definition accepts the documented format and names every problem in Japanese."""

import pytest

from madoguchi.formbuilder.engine import DefinitionError, parse_definition
from madoguchi.formbuilder.tests.definitions import definition, one_field

pytestmark = pytest.mark.sqlite_subset


def _problems(raw: dict) -> list[str]:
    with pytest.raises(DefinitionError) as raised:
        parse_definition(raw)
    return raised.value.messages


def test_a_valid_definition_exposes_steps_and_fields_by_key():
    spec = parse_definition(definition())
    assert [step.key for step in spec.steps] == ["applicant", "request"]
    assert spec.field("copies").type == "number"
    assert spec.steps[0].title_in("en") == "Applicant"


def test_an_unknown_type_is_named():
    assert "項目「x」の型「colour」は使えません" in _problems(
        one_field({"key": "x", "type": "colour", "label": "色"})
    )


def test_a_duplicate_key_is_named():
    raw = one_field({"key": "x", "type": "text", "label": "a"}, {"key": "x", "type": "text", "label": "b"})
    assert "項目のキー「x」が重複しています" in _problems(raw)


def test_a_condition_on_a_later_field_is_refused():
    raw = one_field(
        {"key": "a", "type": "text", "label": "a", "show_if": {"field": "b", "not_empty": True}},
        {"key": "b", "type": "text", "label": "b"},
    )
    assert "項目「a」の条件が、存在しないか後にある項目「b」を参照しています" in _problems(raw)


def test_a_condition_on_an_unknown_field_inside_all_is_refused():
    raw = one_field(
        {"key": "a", "type": "text", "label": "a", "required_if": {"all": [{"field": "zz", "gte": 1}]}}
    )
    assert "項目「a」の条件が、存在しないか後にある項目「zz」を参照しています" in _problems(raw)


def test_a_prefill_attribute_must_be_a_registry_item():
    problems = _problems(one_field({"key": "a", "type": "text", "label": "a", "prefill": "my_number"}))
    assert problems[0].startswith("項目「a」の prefill「my_number」は住民記録の項目ではありません")


def test_household_prefill_only_fits_a_group():
    problems = _problems(
        one_field({"key": "a", "type": "text", "label": "a", "prefill": "household_members"})
    )
    assert problems == ["項目「a」：prefill「household_members」は型「text」には使えません"]


def test_fee_times_must_name_an_earlier_number_or_numeric_choice_field():
    raw = one_field(
        {"key": "note", "type": "text", "label": "備考"},
        {"key": "fee", "type": "fee", "label": "手数料", "unit_price": 300, "times": "note"},
    )
    assert (
        "項目「fee」の times「note」は、前にある数値（number）の項目か、"
        "選択肢の値がすべて整数の単一選択（choice）を指定してください"
    ) in _problems(raw)


def test_a_choice_needs_options():
    assert "項目「c」には選択肢（options）が必要です" in _problems(
        one_field({"key": "c", "type": "choice", "label": "c"})
    )


def test_a_misspelt_option_is_reported():
    problems = _problems(one_field({"key": "t", "type": "text", "label": "t", "max_lenght": 5}))
    assert problems == ["項目「t」に使えない設定があります：max_lenght"]


def test_a_group_cannot_hold_a_file():
    raw = one_field(
        {"key": "g", "type": "group", "label": "g", "fields": [{"key": "f", "type": "file", "label": "f"}]}
    )
    assert "グループ「g」の中では型「file」は使えません" in _problems(raw)


def test_every_problem_is_listed_at_once():
    raw = one_field({"key": "a", "type": "colour", "label": "a"}, {"key": "B", "type": "text", "label": "b"})
    assert len(_problems(raw)) == 2


def test_a_definition_without_steps_is_refused():
    assert _problems({"fields": []}) == ["定義には手順（steps）の配列が必要です"]


def test_bundle_hints_are_checked_against_the_field():
    choice = {
        "key": "kind",
        "type": "choice",
        "label": "種類",
        "options": [{"value": "join", "label": "加入"}],
        "life_event_defaults": {"moving-in": "leave"},
    }
    assert _problems(one_field(choice)) == [
        "項目「kind」の life_event_defaults「moving-in」の回答が選択肢にありません"
    ]
    assert _problems(one_field({"key": "d", "type": "date", "label": "日", "same_as": "moved_on"})) == [
        "項目「d」の same_as は項目キーの一覧にしてください"
    ]
    spec = parse_definition(one_field({**choice, "life_event_defaults": {"moving-in": "join"}}))
    assert spec.field("kind").life_event_defaults == {"moving-in": "join"}
