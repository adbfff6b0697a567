"""Reads of the procedure catalogue. Nothing here is personal data, so nothing is audited."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping

from django.db.models import Q, QuerySet

from madoguchi.core import versions
from madoguchi.procedures.calendar import add_business_days
from madoguchi.procedures.models import LifeEvent, Procedure
from madoguchi.procedures.rules import applicable_procedure_codes, fee_amount

_SEARCHED_FIELDS = ("title", "title_en", "summary", "summary_en", "description", "description_en")


def published_procedures(*, q: str = "", category: str = "", life_event: str = "") -> QuerySet[Procedure]:
    """Published procedures, in display order, matching every word of ``q`` (in Japanese or English).

    Words are separated by ASCII or full-width spaces; each must appear (case-insensitively) in
    the title, summary or description in either language.
    """
    procedures = Procedure.objects.filter(is_published=True).select_related("department")
    for word in q.split():
        match = Q()
        for field in _SEARCHED_FIELDS:
            match |= Q(**{f"{field}__icontains": word})
        procedures = procedures.filter(match)
    if category:
        procedures = procedures.filter(category=category)
    if life_event:
        procedures = procedures.filter(life_events__code=life_event)
    return procedures


# code → (catalogue version, organisation version, procedure): this process's copies.
_published_by_code: dict[str, tuple[int, int, Procedure]] = {}


def procedure_by_code(code: str) -> Procedure | None:
    """The published procedure with ``code`` (None if unknown or not published).

    Every application page and every submission reads its procedure, and the catalogue changes
    a few times a year, so each process keeps the procedures it has read until the catalogue or
    the organisation (the department comes along) changes — checked on every call against the
    shared version counters (``procedures.receivers`` bumps them on every save). Callers get their
    own copy, free to change. Unknown codes are not kept, so probing URLs cannot grow the memory;
    nor is anything read while this transaction's own catalogue change is uncommitted.
    """
    if versions.pending("procedures", "organization"):
        return published_procedures().filter(code=code).first()
    catalogue, organization = versions.current("procedures", "organization")
    kept = _published_by_code.get(code)
    if kept is None or kept[:2] != (catalogue, organization):
        procedure = published_procedures().filter(code=code).first()
        if procedure is None:
            _published_by_code.pop(code, None)
            return None
        kept = _published_by_code[code] = (catalogue, organization, procedure)
    return copy.copy(kept[2])


def fee_for(procedure: Procedure, answers: Mapping[str, object]) -> int:
    """The procedure's fee in yen for ``answers`` (e.g. ``{"copies": 2}``); see ``rules.fee_amount``."""
    return fee_amount(procedure.fee_rule, answers)


def life_events() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.all()


def life_event_by_code(code: str) -> LifeEvent | None:
    return LifeEvent.objects.filter(code=code).first()


def procedures_for_life_event(event: LifeEvent, answers: Mapping[str, str]) -> list[Procedure]:
    """The published procedures the event's rules call for with ``answers``, in the guide's order."""
    codes = applicable_procedure_codes(event.rules, answers)
    by_code = {procedure.code: procedure for procedure in published_procedures().filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


def deadline_for(procedure: Procedure, received_on: dt.date) -> dt.date | None:
    """The end of the 標準処理期間 for an application received on ``received_on`` (None: none set)."""
    if procedure.processing_days is None:
        return None
    return add_business_days(received_on, procedure.processing_days)


def online_procedures() -> QuerySet[Procedure]:
    """Published procedures with an online form, for pickers such as the counter's."""
    return (
        Procedure.objects.filter(is_published=True)
        .exclude(form_code="")
        .exclude(channel=Procedure.Channel.COUNTER_ONLY)
        .order_by("sort_order", "code")
    )


def procedures_of_departments(department_ids: Iterable[int]) -> QuerySet[Procedure]:
    """Every procedure (published or not) a set of departments is responsible for."""
    return Procedure.objects.filter(department_id__in=list(department_ids)).order_by("sort_order", "code")


def procedures_by_code(codes: Iterable[str]) -> dict[str, Procedure]:
    """Several published procedures in one query, for lists of drafts and bundles."""
    return {procedure.code: procedure for procedure in published_procedures().filter(code__in=set(codes))}


def retention_years_by_code() -> dict[str, int]:
    """保存年限 of every procedure, published or not (closed cases outlive publication)."""
    return dict(Procedure.objects.values_list("code", "retention_years"))
