"""{% render_step %} and {% error_summary %} produce DS markup that works without JavaScript."""

import pytest
from django.template import Context, Template
from django.utils import translation

from madoguchi.formbuilder.engine import parse_definition
from madoguchi.formbuilder.tests.definitions import definition, one_field

pytestmark = pytest.mark.sqlite_subset

NAME = {"last": "山田", "first": "太郎", "last_kana": "ヤマダ", "first_kana": "タロウ"}


@pytest.fixture(autouse=True)
def _japanese():
    with translation.override("ja"):
        yield


def _render(spec, step, answers=None, errors=None, prefilled=None, posted=None) -> str:
    template = Template(
        "{% load formbuilder %}{% error_summary errors spec %}"
        "{% render_step spec step answers errors prefilled posted=posted %}"
    )
    return template.render(
        Context(
            {
                "spec": spec,
                "step": step,
                "answers": answers or {},
                "errors": errors or {},
                "prefilled": prefilled or {},
                "posted": posted,
            }
        )
    )


def test_a_prefilled_field_is_shown_read_only_with_its_source():
    html = _render(parse_definition(definition()), "applicant", prefilled={"name": NAME})
    assert "住民記録から自動入力" in html and "山田 太郎（ヤマダ タロウ）" in html
    assert 'name="name__last"' not in html


def test_a_name_field_has_four_labelled_inputs_with_autocomplete():
    html = _render(parse_definition(definition()), "applicant")
    assert 'name="name__last"' in html and 'autocomplete="family-name"' in html
    assert (
        'autocomplete="given-name"' in html
        and '<label class="md-label" for="id_name__first_kana">メイ</label>' in html
    )


def test_a_date_field_hints_both_calendars_and_shows_a_known_date_in_both():
    html = _render(parse_definition(definition()), "applicant", answers={"birth_date": "2026-11-26"})
    assert "例：令和8年11月26日、2026/11/26" in html
    assert "2026年（令和8年）11月26日" in html and 'value="2026/11/26"' in html


def test_a_hidden_conditional_field_is_not_rendered():
    spec = parse_definition(definition())
    assert 'name="purpose_other"' not in _render(spec, "request", answers={"purpose": "bank"})
    assert 'name="purpose_other"' in _render(spec, "request", answers={"purpose": "other"})


def test_errors_are_summarised_with_links_and_marked_on_the_field():
    spec = parse_definition(definition())
    errors = {"phone": ["電話番号を入力してください"]}
    html = _render(spec, "applicant", errors=errors, posted={"phone": "abc"})
    assert '<a href="#id_phone">電話番号を入力してください</a>' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_phone_error"' in html
    assert 'value="abc"' in html


def test_a_group_renders_its_rows_count_and_row_buttons():
    spec = parse_definition(
        one_field(
            {
                "key": "kids",
                "type": "group",
                "label": "子",
                "min": 1,
                "fields": [{"key": "name", "type": "text", "label": "氏名"}],
            }
        )
    )
    html = _render(spec, "main", answers={"kids": [{"name": "一郎"}, {"name": "二郎"}]})
    assert 'name="kids__count" value="2"' in html and 'value="二郎"' in html
    assert 'name="_add_row" value="kids"' in html and 'name="_remove_row" value="kids"' in html


def test_the_fee_is_shown_computed():
    html = _render(parse_definition(definition()), "request", answers={"copies": 2})
    assert "600円" in html and 'name="fee"' not in html
