"""The demo application forms are valid, match the catalogue and keep the 書かせない promises."""

from __future__ import annotations

import pytest

from madoguchi.demo.data.forms import FORMS
from madoguchi.demo.data.procedures import PROCEDURES
from madoguchi.formbuilder import engine
from madoguchi.procedures.rules import fee_amount

pytestmark = pytest.mark.sqlite_subset

CERTIFICATES = ("juminhyo-utsushi", "kazei-shomei", "nozei-shomei", "inkan-shomei")
BY_CODE = {form["code"]: form for form in FORMS}
PROCEDURE_BY_FORM = {p["form_code"]: p for p in PROCEDURES if "form_code" in p}


def _spec(code: str) -> engine.FormSpec:
    return engine.parse_definition(BY_CODE[code]["definition"])


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form["code"])
def test_every_definition_parses_and_has_titles_in_both_languages(form):
    engine.parse_definition(form["definition"])
    assert form["title"] and form["title_en"]


def test_codes_are_unique_and_each_is_the_form_code_of_a_procedure():
    codes = [form["code"] for form in FORMS]
    assert len(codes) == len(set(codes)) == 15
    for code in codes:
        assert code in PROCEDURE_BY_FORM, code
        assert PROCEDURE_BY_FORM[code]["code"] == code


def test_every_procedure_with_a_form_code_has_its_form():
    assert set(PROCEDURE_BY_FORM) == set(BY_CODE)


@pytest.mark.parametrize("code", CERTIFICATES)
def test_certificate_requests_ask_nothing_to_be_typed(code):
    spec = _spec(code)
    assert engine.field_stats(spec).typed == 0
    assert "email" not in spec.fields_by_key


def test_the_move_in_notice_is_at_least_70_percent_prefilled_or_derived():
    stats = engine.field_stats(_spec("tennyu-jizen"))
    assert (stats.prefilled + stats.derived) / sum(stats) >= 0.7


@pytest.mark.parametrize("code", list(BY_CODE))
def test_every_form_has_steps_a_declaration_and_the_confirmation_email(code):
    spec = _spec(code)
    assert len(spec.steps) >= 2
    assert any(field.type == "consent" for field in spec.all_fields())
    if code in CERTIFICATES:
        return
    email = spec.fields_by_key.get("email")
    assert email is not None and email.type == "email" and not email.required


@pytest.mark.parametrize("code", list(BY_CODE))
def test_prefilled_fields_are_always_asked(code):
    """``cases`` re-checks every prefilled value at submission, so it must never be hidden."""
    spec = _spec(code)
    prefilled = [field for field in spec.all_fields() if field.prefill]
    assert prefilled
    for field in prefilled:
        assert field.show_if is None and field.step_show_if is None, field.key
        if field.type == "group":
            assert not field.required, field.key  # a one-person household has no rows
            assert {sub.key for sub in field.fields} & {"name", "birth_date"}


FEE_SAMPLES = [
    ("juminhyo-utsushi", {"copies": "3"}, 900),
    ("juminhyo-utsushi", {"copies": "10"}, 3000),
    ("kazei-shomei", {"copies": "2"}, 600),
    ("inkan-shomei", {"copies": "1"}, 300),
    ("nozei-shomei", {"certificate_type": "by_tax", "copies": "4"}, 1200),
    ("nozei-shomei", {"certificate_type": "light_vehicle", "copies": "2"}, 0),
    (
        "sodai-gomi",
        {"item_list": [{"item": "sofa", "count": 1}, {"item": "chair", "count": 2}], "items": 3},
        3000,
    ),
    ("inu-touroku", {}, 3000),
    ("shisetsu-shiyou", {"hours": 4}, 2000),
    ("tennyu-jizen", {}, 0),
    ("soudan-yoyaku", {}, 0),
]


@pytest.mark.parametrize(("code", "answers", "expected"), FEE_SAMPLES)
def test_fee_forms_compute_the_expected_fee(code, answers, expected):
    assert engine.compute_fee(_spec(code), answers) == expected


# The catalogue's fee rule has no exemptions, so the free 軽自動車税 継続検査用 certificate is the one
# sample where the form (0 yen) and the catalogue's general rule rightly differ.
RULE_SAMPLES = [
    sample
    for sample in FEE_SAMPLES
    if not (sample[0] == "nozei-shomei" and sample[1].get("certificate_type") == "light_vehicle")
]


@pytest.mark.parametrize(("code", "answers", "expected"), RULE_SAMPLES)
def test_the_form_fee_agrees_with_the_procedure_fee_rule(code, answers, expected):
    rule = PROCEDURE_BY_FORM[code]["fee_rule"]
    if rule["type"] == "per_unit":
        assert rule["unit_field"] in _spec(code).fields_by_key
    assert fee_amount(rule, answers) == expected


def test_the_dog_registration_takes_the_vaccination_certificate_as_pdf_jpeg_or_png():
    certificate = _spec("inu-touroku").field("rabies_certificate")
    assert certificate.type == "file" and certificate.required
    assert set(certificate.options["accept"]) == {"application/pdf", "image/jpeg", "image/png"}


def test_the_residence_copy_never_offers_the_individual_number():
    field = _spec("juminhyo-utsushi").field("show_my_number")
    assert [value for value, _label in field.choices] == ["no"]
    assert "窓口" in field.help_in("ja")


def test_other_purpose_reveals_a_follow_up_choice():
    spec = _spec("juminhyo-utsushi")
    follow_up = spec.field("submit_to")
    assert follow_up.type == "choice"
    assert not engine.is_visible(follow_up, {"purpose": "bank"})
    assert engine.is_visible(follow_up, {"purpose": "other"})


@pytest.mark.django_db
def test_seed_forms_creates_each_form_once():
    from madoguchi.demo.services import seed_forms
    from madoguchi.formbuilder import selectors

    assert seed_forms() == len(FORMS)
    assert seed_forms() == len(FORMS)
    version = selectors.current_version("juminhyo-utsushi")
    assert version is not None and version.number == 1
    assert version.definition == BY_CODE["juminhyo-utsushi"]["definition"]
