"""Searching the catalogue, the life-event guides and seeding the demo catalogue."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from madoguchi.core import versions
from madoguchi.demo.data.procedures import LIFE_EVENTS, PROCEDURES
from madoguchi.demo.services import seed_organization
from madoguchi.procedures import selectors, services
from madoguchi.procedures.models import LifeEvent, Procedure
from madoguchi.procedures.tests.factories import LifeEventFactory, ProcedureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def _codes(procedures) -> list[str]:
    return [procedure.code for procedure in procedures]


@pytest.fixture
def catalogue():
    return {
        "juminhyo": ProcedureFactory(
            code="juminhyo",
            title="住民票の写しの交付請求",
            title_en="Copy of residence record",
            sort_order=1,
            category=Procedure.Category.CERTIFICATES,
        ),
        "gomi": ProcedureFactory(
            code="gomi",
            title="粗大ごみ収集の申込み",
            title_en="Bulky Waste collection",
            description="家具や自転車を収集します。",
            sort_order=2,
            category=Procedure.Category.LIVING,
        ),
        "hidden": ProcedureFactory(code="hidden", title="非公開の住民票手続", is_published=False),
    }


def test_unpublished_procedures_are_never_listed(catalogue):
    assert _codes(selectors.published_procedures()) == ["juminhyo", "gomi"]
    assert selectors.procedure_by_code("hidden") is None


def test_search_matches_japanese_text(catalogue):
    assert _codes(selectors.published_procedures(q="住民票")) == ["juminhyo"]


def test_search_matches_english_text_case_insensitively(catalogue):
    assert _codes(selectors.published_procedures(q="bulky waste")) == ["gomi"]


def test_search_looks_in_the_description(catalogue):
    assert _codes(selectors.published_procedures(q="自転車")) == ["gomi"]


def test_every_word_must_match_including_after_a_full_width_space(catalogue):
    assert _codes(selectors.published_procedures(q="粗大ごみ\u3000自転車")) == ["gomi"]
    assert _codes(selectors.published_procedures(q="粗大ごみ 住民票")) == []


def test_category_filter(catalogue):
    assert _codes(selectors.published_procedures(category="certificates")) == ["juminhyo"]


def test_life_event_filter_follows_the_events_rules(catalogue):
    services.upsert_life_event(code="moving-in", title="転入", questions=[], rules=[{"procedure": "gomi"}])
    assert _codes(selectors.published_procedures(life_event="moving-in")) == ["gomi"]


YES_NO = [["yes", "はい", "Yes"], ["no", "いいえ", "No"]]


def test_life_event_lists_the_procedures_its_answers_call_for_in_rule_order(catalogue):
    event = LifeEventFactory(
        questions=[{"key": "has_bulky_waste", "text": "粗大ごみがありますか", "choices": YES_NO}],
        rules=[{"procedure": "gomi", "when": {"has_bulky_waste": "yes"}}, {"procedure": "juminhyo"}],
    )
    assert _codes(selectors.procedures_for_life_event(event, {"has_bulky_waste": "yes"})) == [
        "gomi",
        "juminhyo",
    ]
    assert _codes(selectors.procedures_for_life_event(event, {"has_bulky_waste": "no"})) == ["juminhyo"]


def test_a_life_event_rule_naming_an_unknown_procedure_is_refused():
    with pytest.raises(ValidationError, match="no-such-procedure"):
        services.upsert_life_event(
            code="birth", title="出生", questions=[], rules=[{"procedure": "no-such-procedure"}]
        )
    assert not LifeEvent.objects.exists()


def test_deadline_counts_business_days_and_is_none_without_a_period():
    assert selectors.deadline_for(ProcedureFactory.build(processing_days=3), dt.date(2026, 4, 30)) == dt.date(
        2026, 5, 8
    )
    assert selectors.deadline_for(ProcedureFactory.build(processing_days=None), dt.date(2026, 4, 30)) is None


def test_upsert_procedure_validates_before_saving(catalogue):
    with pytest.raises(ValidationError):
        services.upsert_procedure(
            code="broken",
            department=catalogue["gomi"].department,
            title="壊れた手続",
            summary="…",
            category="living",
            applicant_types=["self"],
            sign_in_level="none",
            fee_rule={"type": "fixed", "amount": "無料"},
            channel="online",
        )
    assert not Procedure.objects.filter(code="broken").exists()


def test_seed_catalogue_loads_the_demo_catalogue_once():
    municipality = seed_organization()
    assert services.seed_catalogue(municipality=municipality) == len(PROCEDURES) >= 42
    services.seed_catalogue(municipality=municipality)

    assert Procedure.objects.count() == len(PROCEDURES)
    assert LifeEvent.objects.count() == len(LIFE_EVENTS) == 8
    juminhyo = selectors.procedure_by_code("juminhyo-utsushi")
    assert juminhyo.department.name == "市民窓口課"
    assert services.fee_for(juminhyo, {"copies": 2}) == 600
    assert selectors.procedure_by_code("kazei-shomei").department.name == "税務課"


def test_the_seeded_procedures_for_online_forms_carry_their_form_codes():
    services.seed_catalogue(municipality=seed_organization())
    expected = {
        "juminhyo-utsushi",
        "tennyu-jizen",
        "tenshutsu",
        "jidou-teate-nintei",
        "sodai-gomi",
        "inu-touroku",
        "kazei-shomei",
        "hoikusho-moushikomi",
        "kokuho-kanyu-dattai",
        "inkan-shomei",
        "shisetsu-shiyou",
        "soudan-yoyaku",
        "nozei-shomei",
        "tenkyo",
        "kodomo-iryouhi",
    }
    online = {
        p.code for p in Procedure.objects.all() if p.accepts_online_applications and p.form_code == p.code
    }
    assert expected <= online


def test_the_seeded_moving_in_guide_adds_child_procedures_only_for_families():
    services.seed_catalogue(municipality=seed_organization())
    event = selectors.life_event_by_code("moving-in")
    without = _codes(
        selectors.procedures_for_life_event(
            event, {"has_children": "no", "joins_kokuho": "no", "has_dog": "no"}
        )
    )
    with_children = _codes(
        selectors.procedures_for_life_event(
            event, {"has_children": "yes", "joins_kokuho": "no", "has_dog": "no"}
        )
    )
    assert "tennyu" in without and "jidou-teate-nintei" not in without
    assert "jidou-teate-nintei" in with_children and "kodomo-iryouhi" in with_children


def test_online_procedures_are_those_with_a_form_that_accept_online_applications(db):
    from madoguchi.demo.services import seed_organization
    from madoguchi.procedures.services import seed_catalogue

    seed_catalogue(municipality=seed_organization())
    online = list(selectors.online_procedures())
    assert online and all(p.accepts_online_applications for p in online)
    assert "juminhyo-utsushi" in {p.code for p in online}
    assert "konin" not in {p.code for p in online}  # 婚姻届: counter only


# --- The per-process copy of published procedures ------------------------------------------------
# These tests commit (transaction=True): a change still uncommitted is never kept, by design.


@pytest.fixture
def committed_procedure():
    procedure = ProcedureFactory(code="kept", title="住民票の写しの交付請求")
    yield procedure
    versions.bump("procedures")  # the flush that empties the tables after the test bumps nothing


@pytest.mark.django_db(transaction=True)
def test_a_procedure_read_once_is_served_without_a_query_until_it_changes(
    committed_procedure, django_assert_num_queries
):
    assert selectors.procedure_by_code("kept").title == "住民票の写しの交付請求"
    with django_assert_num_queries(0):
        kept = selectors.procedure_by_code("kept")
    assert kept.department.name == committed_procedure.department.name

    committed_procedure.title = "住民票の写し等の交付請求"
    committed_procedure.save()
    assert selectors.procedure_by_code("kept").title == "住民票の写し等の交付請求"

    committed_procedure.is_published = False
    committed_procedure.save()
    assert selectors.procedure_by_code("kept") is None


@pytest.mark.django_db(transaction=True)
def test_each_caller_gets_its_own_copy(committed_procedure):
    first = selectors.procedure_by_code("kept")
    first.title = "書き換えた"
    assert selectors.procedure_by_code("kept").title == "住民票の写しの交付請求"


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_is_never_served(committed_procedure):
    selectors.procedure_by_code("kept")

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic():
        committed_procedure.title = "取り消される題名"
        committed_procedure.save()
        assert selectors.procedure_by_code("kept").title == "取り消される題名"
        raise Abandon

    assert selectors.procedure_by_code("kept").title == "住民票の写しの交付請求"
    assert Procedure.objects.get(code="kept").title == "住民票の写しの交付請求"
