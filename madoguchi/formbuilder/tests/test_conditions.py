"""Conditions decide which questions are asked; hidden answers and posted prefills never count."""

import pytest
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from madoguchi.formbuilder.engine import (
    clean_step,
    is_visible,
    parse_definition,
    validate_all,
    visible_answers,
    visible_steps,
)
from madoguchi.formbuilder.tests.definitions import definition, post

pytestmark = pytest.mark.sqlite_subset

NAME = {"last": "山田", "first": "太郎", "last_kana": "ヤマダ", "first_kana": "タロウ"}
COMPLETE = {"name": NAME, "birth_date": "1970-03-14", "phone": "0297641111", "purpose": "bank", "copies": 1}


@pytest.fixture(autouse=True)
def _japanese():
    with translation.override("ja"):
        yield


@pytest.fixture
def spec():
    return parse_definition(definition())


def test_show_if_field_is_visible_only_when_the_condition_holds(spec):
    other = spec.field("purpose_other")
    assert not is_visible(other, {"purpose": "bank"})
    assert is_visible(other, {"purpose": "other"})


def test_a_hidden_field_is_dropped_from_the_step_answers(spec):
    data = post(
        purpose="bank",
        purpose_other="転職先への提出",
        copies="1",
        _shown=["purpose", "purpose_other", "copies"],
    )
    result = clean_step(spec, "request", data, MultiValueDict(), {}, {})
    assert result.ok
    assert "purpose_other" not in result.answers


def test_a_field_revealed_by_an_answer_on_the_same_page_is_asked_before_it_is_judged(spec):
    data = post(purpose="other", copies="1", _shown=["purpose", "copies"])
    result = clean_step(spec, "request", data, MultiValueDict(), {}, {})
    assert result.action == "reveal" and result.errors == {}


def test_a_visible_required_field_left_empty_is_an_error(spec):
    data = post(purpose="other", purpose_other="", copies="1", _shown=["purpose", "purpose_other", "copies"])
    result = clean_step(spec, "request", data, MultiValueDict(), {}, {})
    assert result.errors == {"purpose_other": ["その他の目的を入力してください"]}


def test_prefilled_value_wins_over_a_posted_value(spec):
    tampered = post(
        name__last="偽",
        name__first="名",
        name__last_kana="ニセ",
        name__first_kana="メイ",
        birth_date="1970-03-14",
        phone="0297641111",
    )
    result = clean_step(spec, "applicant", tampered, MultiValueDict(), {}, {"name": NAME})
    assert result.ok and result.answers["name"] == NAME


def test_required_if_on_a_later_step_uses_answers_of_an_earlier_step():
    raw = definition()
    raw["steps"][1]["fields"].append(
        {
            "key": "reason",
            "type": "text",
            "label": "理由",
            "required_if": {"field": "birth_date", "not_empty": True},
        }
    )
    spec = parse_definition(raw)
    result = clean_step(spec, "request", post(purpose="bank", copies="1"), MultiValueDict(), COMPLETE, {})
    assert result.errors == {"reason": ["理由を入力してください"]}


def test_step_show_if_hides_a_whole_step():
    raw = definition()
    raw["steps"][1]["show_if"] = {"field": "phone", "not_empty": True}
    spec = parse_definition(raw)
    assert [step.key for step in visible_steps(spec, {})] == ["applicant"]
    assert [step.key for step in visible_steps(spec, {"phone": "0297641111"})] == ["applicant", "request"]


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ({"field": "copies", "gte": 3}, {"copies": 3}, True),
        ({"field": "copies", "gte": 3}, {"copies": 2}, False),
        ({"field": "purpose", "in": ["bank", "other"]}, {"purpose": "bank"}, True),
        ({"not": {"field": "purpose", "equals": "bank"}}, {"purpose": "bank"}, False),
        (
            {"any": [{"field": "copies", "gte": 5}, {"field": "purpose", "equals": "bank"}]},
            {"purpose": "bank"},
            True,
        ),
        (
            {"all": [{"field": "copies", "gte": 1}, {"field": "purpose", "equals": "bank"}]},
            {"copies": 1},
            False,
        ),
    ],
)
def test_conditions_combine(condition, answers, expected):
    raw = definition()
    raw["steps"][1]["fields"].append({"key": "extra", "type": "text", "label": "追記", "show_if": condition})
    spec = parse_definition(raw)
    assert is_visible(spec.field("extra"), answers) is expected


def test_validate_all_accepts_a_complete_answer_set(spec):
    assert validate_all(spec, COMPLETE) == {}


def test_validate_all_finds_a_required_answer_missing_across_steps(spec):
    answers = {**COMPLETE, "purpose": "other"}
    assert validate_all(spec, answers) == {"purpose_other": ["その他の目的を入力してください"]}


def test_validate_all_ignores_the_answer_of_a_question_since_hidden(spec):
    answers = {**COMPLETE, "purpose_other": "古い答え"}
    assert validate_all(spec, answers) == {}
    assert "purpose_other" not in visible_answers(spec, answers)


def test_validate_all_refuses_an_option_that_no_longer_exists(spec):
    assert validate_all(spec, {**COMPLETE, "purpose": "lottery"}) == {
        "purpose": ["利用目的は選択肢から選んでください"]
    }
