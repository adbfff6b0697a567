"""Writes to the procedure catalogue (手続) and life-event guides (ライフイベント).

Upserts are idempotent by ``code`` and run ``full_clean`` so that a fee rule or a guide rule with
the wrong shape never reaches the database, whether it comes from the demo seed or an editor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.demo.data.procedures import LIFE_EVENTS, PROCEDURES
from madoguchi.organization.models import Department, Municipality
from madoguchi.organization.selectors import department_by_code
from madoguchi.procedures.models import LifeEvent, Procedure
from madoguchi.procedures.rules import (
    fee_amount,
    referenced_procedure_codes,
    validate_life_event_rules,
    validate_questions,
)


@transaction.atomic
def upsert_procedure(
    *,
    code: str,
    department: Department,
    title: str,
    summary: str,
    category: str,
    applicant_types: list[str],
    sign_in_level: str,
    fee_rule: dict[str, Any],
    channel: str,
    title_en: str = "",
    summary_en: str = "",
    description: str = "",
    description_en: str = "",
    required_attachments: list[dict[str, Any]] | None = None,
    processing_days: int | None = None,
    counter_place: str = "",
    counter_place_en: str = "",
    counter_bring: str = "",
    counter_bring_en: str = "",
    counter_hours: str = "",
    counter_hours_en: str = "",
    legal_basis: str = "",
    form_code: str = "",
    requires_decision: bool = False,
    is_published: bool = True,
    sort_order: int = 0,
) -> Procedure:
    """Create or update the procedure with ``code``; its life events follow the events' rules."""
    procedure = Procedure.objects.filter(code=code).first() or Procedure(code=code)
    for field, value in {
        "department": department,
        "title": title,
        "title_en": title_en,
        "summary": summary,
        "summary_en": summary_en,
        "description": description,
        "description_en": description_en,
        "category": category,
        "applicant_types": applicant_types,
        "sign_in_level": sign_in_level,
        "fee_rule": fee_rule,
        "required_attachments": required_attachments or [],
        "processing_days": processing_days,
        "channel": channel,
        "counter_place": counter_place,
        "counter_place_en": counter_place_en,
        "counter_bring": counter_bring,
        "counter_bring_en": counter_bring_en,
        "counter_hours": counter_hours,
        "counter_hours_en": counter_hours_en,
        "legal_basis": legal_basis,
        "form_code": form_code,
        "requires_decision": requires_decision,
        "is_published": is_published,
        "sort_order": sort_order,
    }.items():
        setattr(procedure, field, value)
    procedure.full_clean()
    procedure.save()  # procedures.receivers bumps the catalogue's version
    return procedure


@transaction.atomic
def upsert_life_event(
    *,
    code: str,
    title: str,
    questions: list[dict[str, Any]],
    rules: list[dict[str, Any]],
    title_en: str = "",
    summary: str = "",
    summary_en: str = "",
    sort_order: int = 0,
) -> LifeEvent:
    """Create or update a life event; every procedure its rules name must already exist.

    The procedures' ``life_events`` links are set from the rules, so the catalogue's
    「ライフイベントから探す」 filter always agrees with the guide.
    """
    validate_questions(questions)
    validate_life_event_rules(rules, questions)
    codes = referenced_procedure_codes(rules)
    known = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
    if missing := sorted(codes - known):
        raise ValidationError(
            _("案内ルールに登録されていない手続があります: %(codes)s") % {"codes": ", ".join(missing)}
        )
    event = LifeEvent.objects.filter(code=code).first() or LifeEvent(code=code)
    for field, value in {
        "title": title,
        "title_en": title_en,
        "summary": summary,
        "summary_en": summary_en,
        "questions": questions,
        "rules": rules,
        "sort_order": sort_order,
    }.items():
        setattr(event, field, value)
    event.full_clean()
    event.save()
    event.procedures.set(Procedure.objects.filter(code__in=codes))
    return event


def seed_catalogue(*, municipality: Municipality) -> int:
    """Load the demo catalogue (``demo/data/procedures.py``); safe to run again. Returns its size.

    The organisation must be seeded first: each procedure names its 担当課 by department code.
    """
    with transaction.atomic():
        for order, item in enumerate(PROCEDURES, start=1):
            fields = dict(item)
            department = department_by_code(municipality, fields.pop("department"))
            upsert_procedure(department=department, sort_order=order, **fields)
        for order, event in enumerate(LIFE_EVENTS, start=1):
            upsert_life_event(sort_order=order, **event)
    return len(PROCEDURES)


def fee_for(procedure: Procedure, answers: Mapping[str, Any]) -> int:
    """手数料 in yen for an application with ``answers`` (e.g. ``{"copies": 2}``).

    Raises ``ValueError`` when a per-unit fee's quantity is missing, not a whole number or below 1
    — the caller's form must ask for it; the fee is never guessed.
    """
    return fee_amount(procedure.fee_rule, answers)
