"""Repeatable groups: rows as a list of dicts, rows added and removed without JavaScript."""

import pytest
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from madoguchi.formbuilder.engine import clean_step, parse_definition, validate_all
from madoguchi.formbuilder.tests.definitions import one_field, post

pytestmark = pytest.mark.sqlite_subset

CHILDREN = {
    "key": "children",
    "type": "group",
    "label": "子",
    "min": 1,
    "max": 2,
    "required": True,
    "fields": [
        {"key": "name", "type": "text", "label": "氏名", "required": True},
        {"key": "birth_date", "type": "date", "label": "生年月日", "required": True},
    ],
}


@pytest.fixture(autouse=True)
def _japanese():
    with translation.override("ja"):
        yield


@pytest.fixture
def spec():
    return parse_definition(one_field(CHILDREN))


def _clean(spec, **values):
    return clean_step(spec, "main", post(**values), MultiValueDict(), {}, {})


def test_rows_become_a_list_of_dicts(spec):
    result = _clean(
        spec,
        children__count="2",
        children__0__name="一郎",
        children__0__birth_date="R2.4.1",
        children__1__name="二郎",
        children__1__birth_date="2022/6/1",
    )
    assert result.ok
    assert result.answers == {
        "children": [
            {"name": "一郎", "birth_date": "2020-04-01"},
            {"name": "二郎", "birth_date": "2022-06-01"},
        ]
    }


def test_a_row_error_is_keyed_by_its_path(spec):
    result = _clean(spec, children__count="1", children__0__name="一郎", children__0__birth_date="")
    assert result.errors == {"children.0.birth_date": ["生年月日を入力してください"]}


def test_add_row_asks_for_a_re_render_with_one_more_row(spec):
    result = _clean(spec, children__count="1", children__0__name="一郎", _add_row="children")
    assert result.action == "add_row" and not result.ok
    assert result.raw["children__count"] == "2"
    assert result.errors == {}


def test_add_row_stops_at_max(spec):
    result = _clean(spec, children__count="2", _add_row="children")
    assert result.raw["children__count"] == "2"


def test_remove_row_drops_the_last_row(spec):
    result = _clean(spec, children__count="2", children__0__name="一郎", _remove_row="children")
    assert result.action == "remove_row"
    assert result.raw["children__count"] == "1"


def test_an_empty_required_group_is_an_error(spec):
    result = _clean(spec, children__count="1", children__0__name="", children__0__birth_date="")
    assert result.errors == {"children": ["子を1件以上入力してください"]}


def test_validate_all_checks_group_max(spec):
    rows = [{"name": str(n), "birth_date": "2020-04-01"} for n in range(3)]
    assert validate_all(spec, {"children": rows}) == {"children": ["子は2件までです"]}
