"""Fuzzing: the OpenAPI schema (schemathesis, in-process WSGI), the form engine and the public pages
(hypothesis) — any input is accepted or answered with a 4xx / field errors, never a 5xx or a crash.

Example counts are bounded so the whole module stays well under a minute; the figures are in
docs/security.md.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from madoguchi.cases.tests.conftest import FORM
from madoguchi.formbuilder import engine

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

API_EXAMPLES = 30  # per operation
ENGINE_EXAMPLES = 200
PAGE_EXAMPLES = 30
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)

TRICKY = [
    *("", " ", "0", "-1", "1e9", "２０２５-１３-４０", "令和7年2月30日", "R07.02.29", "３０１-０００１"),
    *("\x00", "<script>", "' OR 1=1--", "../../etc/passwd", "999999999999999999999", "NaN", "ｶﾀｶﾅ"),
]
# Text that exercises the cleaners: ASCII, full-width, kana, kanji, control and odd Unicode.
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e9",
            "２０２５-１３-４０",
            "令和7年2月30日",
            "R07.02.29",
            "３０１-０００１",
            "\x00",
            "<script>",
            "' OR 1=1--",
            "../../etc/passwd",
            "999999999999999999999",
            "NaN",
            "ｶﾀｶﾅ",
        ]
    ),
)
values = st.lists(texts, max_size=3)

EVERY_TYPE: dict[str, Any] = {
    "steps": [
        {
            "key": "all",
            "title": {"ja": "全部", "en": "All"},
            "fields": [
                {"key": "t", "type": "text", "label": "t", "required": True, "max_length": 10},
                {"key": "lt", "type": "long_text", "label": "lt"},
                {"key": "n", "type": "number", "label": "n", "min": 0, "max": 99, "integer": True},
                {"key": "f", "type": "number", "label": "f"},
                {"key": "d", "type": "date", "label": "d", "min": "1900-01-01", "max": "today"},
                {"key": "jn", "type": "japanese_name", "label": "jn", "required": True},
                {"key": "ad", "type": "address", "label": "ad"},
                {"key": "ph", "type": "phone", "label": "ph"},
                {"key": "em", "type": "email", "label": "em"},
                {
                    "key": "cb",
                    "type": "choice",
                    "widget": "checkbox",
                    "label": "cb",
                    "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
                },
                {
                    "key": "follow",
                    "type": "text",
                    "label": "follow",
                    "show_if": {"field": "cb", "in": ["a"]},
                    "required": True,
                },
                {"key": "co", "type": "consent", "label": "co", "text": "同意します", "required": True},
                {"key": "up", "type": "file", "label": "up", "max_size": 1024},
                {
                    "key": "rows",
                    "type": "group",
                    "label": "rows",
                    "min": 0,
                    "max": 3,
                    "fields": [
                        {"key": "who", "type": "japanese_name", "label": "who", "required": True},
                        {"key": "born", "type": "date", "label": "born"},
                    ],
                },
                {"key": "fee", "type": "fee", "label": "fee", "unit_price": 300, "times": "n"},
            ],
        }
    ]
}
SPECS = [engine.parse_definition(EVERY_TYPE), engine.parse_definition(FORM)]


def _names(spec: engine.FormSpec, step: engine.StepSpec) -> list[str]:
    names = [engine.SHOWN, engine.ADD_ROW, engine.REMOVE_ROW, engine.LOOKUP_POSTAL]
    for spec_field in step.fields:
        names += engine.input_names(spec_field)
        if spec_field.type == "group":
            names.append(f"{spec_field.key}__count")
            for row in range(2):
                names += list(engine._input_names_of_row(spec_field, f"{spec_field.key}__{row}"))
    return names


@st.composite
def posts(draw):
    spec = draw(st.sampled_from(SPECS))
    step = draw(st.sampled_from(spec.steps))
    names = _names(spec, step)
    data = MultiValueDict(
        {name: draw(values) for name in draw(st.lists(st.sampled_from(names), max_size=25))}
    )
    files = MultiValueDict()
    for spec_field in step.fields:
        if spec_field.type == "file" and draw(st.booleans()):
            content = draw(st.one_of(st.binary(max_size=2048), st.just(b"%PDF-1.4\n" + b"0" * 100)))
            name = draw(st.one_of(texts, st.just("../../x.pdf")))
            files[spec_field.key] = SimpleUploadedFile(
                name or "x", content, content_type=draw(texts) or "x/y"
            )
    return spec, step.key, data, files


@settings(FUZZ, max_examples=ENGINE_EXAMPLES)
@given(posts())
def test_the_form_engine_answers_any_post_with_answers_or_field_errors(post):
    spec, step_key, data, files = post
    result = engine.clean_step(spec, step_key, data, files, {}, {})
    assert all(isinstance(m, str) and m for messages in result.errors.values() for m in messages)
    if result.ok:
        engine.validate_all(spec, result.answers)  # what was accepted can be checked again
        engine.summary(spec, result.answers, "ja")
        engine.compute_fee(spec, result.answers)


@pytest.fixture
def city_with_procedures(db):
    from madoguchi.cases.tests.conftest import make_procedure
    from madoguchi.demo.services import seed_organization, seed_staff

    municipality = seed_organization()
    seed_staff(municipality)
    make_procedure(municipality)


@settings(FUZZ, max_examples=PAGE_EXAMPLES)
@given(q=texts, category=texts, life_event=texts, page=texts)
def test_procedure_search_never_fails(city_with_procedures, q, category, life_event, page):
    client = Client()
    params = {"q": q, "category": category, "life_event": life_event, "page": page}
    for path in ("/procedures/", "/api/v1/procedures"):
        response = client.get(path, params)
        assert response.status_code < 500, (path, params)


@settings(FUZZ, max_examples=PAGE_EXAMPLES)
@given(code=texts, state=texts, error=texts, next_url=texts)
def test_sign_in_and_callback_parameters_never_fail(db, code, state, error, next_url):
    client = Client()
    assert client.post("/login/", {"next": next_url}).status_code < 500
    callback = client.get("/oidc/callback/", {"code": code, "state": state, "error": error})
    assert callback.status_code < 500
    assert client.get("/login/", {"next": next_url}).status_code < 500


@pytest.fixture
def api_schema(db, city_with_procedures):
    """The live schema, from the app in-process; Django must not close the test's connection."""
    from madoguchi.wsgi import application

    # Both signals: on PostgreSQL, request_started would close the connection the test's
    # transaction holds (the test client does the same for its own requests).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_never_answers_5xx(api_schema, django_user_model):
    """Every operation of the schema, with generated parameters and bodies, anonymous and signed in."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 4
    resident = django_user_model.objects.create_user(username="r-fuzz", kind="resident")
    browser = Client()
    browser.force_login(resident)
    signed_in = {"sessionid": browser.cookies["sessionid"].value}
    calls = []

    for operation in operations:

        @settings(FUZZ, max_examples=API_EXAMPLES)
        @given(case=operation.as_strategy())
        def call(case):
            for cookies in ({}, signed_in):
                response = case.call(cookies=cookies)
                calls.append(response.status_code)
                assert response.status_code < 500, (
                    f"{case.method} {case.formatted_path}: {response.status_code}"
                )

        call()
    assert len(calls) >= len(operations)
    assert any(code == 200 for code in calls), "signed in, some calls should succeed"
    print(f"schemathesis: {len(operations)} operations, {len(calls)} calls, none 5xx")
