"""Fee rules and life-event rules: their shapes are checked, and they compute what they say."""

import pytest
from django.core.exceptions import ValidationError

from madoguchi.procedures.rules import applicable_procedure_codes, paid_before_submission, validate_fee_rule
from madoguchi.procedures.services import fee_for
from madoguchi.procedures.tests.factories import LifeEventFactory, ProcedureFactory

pytestmark = pytest.mark.sqlite_subset

PER_COPY = {"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通"}


def test_a_free_procedure_costs_nothing():
    assert fee_for(ProcedureFactory.build(fee_rule={"type": "free"}), {}) == 0


def test_a_fixed_fee_ignores_the_answers():
    assert fee_for(ProcedureFactory.build(fee_rule={"type": "fixed", "amount": 3000}), {"copies": 5}) == 3000


def test_a_per_unit_fee_multiplies_by_the_answered_quantity():
    assert fee_for(ProcedureFactory.build(fee_rule=PER_COPY), {"copies": 3}) == 900


def test_a_per_unit_quantity_may_arrive_as_form_text():
    assert fee_for(ProcedureFactory.build(fee_rule=PER_COPY), {"copies": "2"}) == 600


@pytest.mark.parametrize(
    "answers",
    [{}, {"copies": ""}, {"copies": "二"}, {"copies": 0}, {"copies": -1}, {"copies": 1.5}, {"copies": True}],
)
def test_a_per_unit_fee_without_a_whole_positive_quantity_is_refused(answers):
    with pytest.raises(ValueError):
        fee_for(ProcedureFactory.build(fee_rule=PER_COPY), answers)


@pytest.mark.parametrize(
    "rule",
    [
        {"type": "free"},
        {"type": "fixed", "amount": 0},
        {"type": "fixed", "amount": 750},
        PER_COPY,
        {**PER_COPY, "unit_label_en": "copy"},
        {**PER_COPY, "payment": "before_submission"},
        {"type": "fixed", "amount": 750, "payment": "after_approval"},
    ],
)
def test_documented_fee_rules_are_accepted(rule):
    validate_fee_rule(rule)


@pytest.mark.parametrize(
    "rule",
    [
        {},
        {"type": "sliding"},
        {"type": "fixed"},
        {"type": "fixed", "amount": "300"},
        {"type": "fixed", "amount": 300.5},
        {"type": "fixed", "amount": -300},
        {"type": "free", "amount": 300},
        {"type": "per_unit", "unit_price": 300, "unit_field": "copies"},
        {**PER_COPY, "unit_field": ""},
        {**PER_COPY, "discount": 10},
        {**PER_COPY, "payment": "whenever"},
        {"type": "free", "payment": "before_submission"},
        ["free"],
    ],
)
def test_a_malformed_fee_rule_is_rejected_by_clean(rule):
    procedure = ProcedureFactory.build(fee_rule=rule)
    with pytest.raises(ValidationError) as error:
        procedure.clean()
    assert "fee_rule" in error.value.message_dict


def test_unknown_applicant_types_are_rejected_by_clean():
    with pytest.raises(ValidationError) as error:
        ProcedureFactory.build(applicant_types=["self", "robot"]).clean()
    assert "applicant_types" in error.value.message_dict


def test_attachments_must_say_whether_they_are_required():
    with pytest.raises(ValidationError) as error:
        ProcedureFactory.build(required_attachments=[{"name": "委任状", "name_en": "Letter"}]).clean()
    assert "required_attachments" in error.value.message_dict


def test_a_counter_procedure_needs_a_counter_place():
    with pytest.raises(ValidationError) as error:
        ProcedureFactory.build(channel="counter_only", counter_place="").clean()
    assert "counter_place" in error.value.message_dict


RULES = [
    {"procedure": "tennyu"},
    {"procedure": "jidou-teate-nintei", "when": {"has_children": "yes"}},
    {"procedure": "inu-touroku", "when": {"has_dog": "yes", "has_children": "no"}},
    {"procedure": "tennyu", "when": {"has_dog": "yes"}},
]


def test_a_rule_without_when_always_applies():
    assert applicable_procedure_codes(RULES, {}) == ["tennyu"]


def test_a_rule_applies_when_its_answer_matches():
    assert applicable_procedure_codes(RULES, {"has_children": "yes"}) == ["tennyu", "jidou-teate-nintei"]


def test_a_rule_with_several_answers_needs_all_of_them():
    assert applicable_procedure_codes(RULES, {"has_dog": "yes", "has_children": "yes"}) == [
        "tennyu",
        "jidou-teate-nintei",
    ]
    assert applicable_procedure_codes(RULES, {"has_dog": "yes", "has_children": "no"}) == [
        "tennyu",
        "inu-touroku",
    ]


QUESTION = {
    "key": "has_dog",
    "text": "犬を飼っていますか",
    "text_en": "",
    "choices": [["yes", "はい", "Yes"], ["no", "いいえ", "No"]],
}


def test_a_life_event_rule_may_only_use_its_questions_answers():
    event = LifeEventFactory.build(
        questions=[QUESTION], rules=[{"procedure": "x", "when": {"has_dog": "maybe"}}]
    )
    with pytest.raises(ValidationError):
        event.clean()


def test_a_life_event_question_needs_two_choices():
    event = LifeEventFactory.build(questions=[{**QUESTION, "choices": [["yes", "はい", "Yes"]]}])
    with pytest.raises(ValidationError):
        event.clean()


def test_only_a_fee_marked_before_submission_is_paid_before_submission():
    assert paid_before_submission({**PER_COPY, "payment": "before_submission"})
    assert not paid_before_submission({**PER_COPY, "payment": "after_approval"})
    assert not paid_before_submission(PER_COPY)
    assert not paid_before_submission({"type": "free"})
