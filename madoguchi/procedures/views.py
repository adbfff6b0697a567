"""The public catalogue pages: search, a procedure's page, and the life-event guides.

All are plain GET pages that work without JavaScript; nothing here writes.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from madoguchi.procedures.forms import LifeEventAnswersForm, ProcedureSearchForm
from madoguchi.procedures.models import Procedure
from madoguchi.procedures.selectors import (
    deadline_for,
    life_event_by_code,
    life_events,
    procedure_by_code,
    procedures_for_life_event,
    published_procedures,
)
from madoguchi.procedures.services import fee_for

# The quantity the detail page uses to illustrate a per-unit fee ("2通で600円").
_EXAMPLE_UNITS = 2


def procedure_list(request: HttpRequest) -> HttpResponse:
    form = ProcedureSearchForm(request.GET)
    procedures: list[Procedure] = []
    if form.is_valid():
        procedures = list(
            published_procedures(q=form.cleaned_data["q"], category=form.cleaned_data["category"])
        )
    return render(request, "procedures/list.html", {"form": form, "procedures": procedures})


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = procedure_by_code(code)
    if procedure is None:
        raise Http404
    today = timezone.localdate()
    fee_example = ""
    if procedure.fee_rule["type"] == "per_unit":
        fee_example = f"{fee_for(procedure, {procedure.fee_rule['unit_field']: _EXAMPLE_UNITS}):,}"
    return render(
        request,
        "procedures/detail.html",
        {
            "procedure": procedure,
            "today": today,
            "deadline": deadline_for(procedure, today),
            "example_units": _EXAMPLE_UNITS,
            "fee_example": fee_example,
            # The cases app serves the application at this path; it is part of the public contract.
            "apply_url": f"/apply/{procedure.code}/" if procedure.accepts_online_applications else "",
        },
    )


def life_event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "procedures/life_events.html", {"events": life_events()})


def life_event_detail(request: HttpRequest, code: str) -> HttpResponse:
    event = life_event_by_code(code)
    if event is None:
        raise Http404
    answered = "answered" in request.GET
    form = LifeEventAnswersForm(event, request.GET if answered else None)
    online: list[Procedure] = []
    counter: list[Procedure] = []
    show_results = answered and form.is_valid()
    if show_results:
        for procedure in procedures_for_life_event(event, form.cleaned_data):
            if procedure.channel == Procedure.Channel.COUNTER_ONLY:
                counter.append(procedure)
            else:
                online.append(procedure)
    return render(
        request,
        "procedures/life_event.html",
        {"event": event, "form": form, "show_results": show_results, "online": online, "counter": counter},
    )
