"""The access log a resident sees, and the auditor's search and export of the trail."""

from __future__ import annotations

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.decorators import recent_authentication_required, role_required
from madoguchi.accounts.models import Role
from madoguchi.audit import selectors
from madoguchi.audit.services import record_event
from madoguchi.cases import selectors as case_selectors
from madoguchi.core.csvsafe import csv_safe
from madoguchi.core.paging import CappedPaginator
from madoguchi.identity.selectors import resident_code_of

TRAIL_PAGE_SIZE = 50


def my_access_log(request: HttpRequest) -> HttpResponse:
    """自分の情報の閲覧記録 — which department and post looked at my data, when and why.

    Like Estonia's data tracker: the resident sees every look by the city, named by office and
    post rather than by the person, so staff are accountable without being exposed.
    """
    if not request.user.is_authenticated:
        return redirect(f"{reverse('identity:login')}?next={request.path}")
    if request.user.is_staff_member:
        raise PermissionDenied
    receipt_numbers = list(
        case_selectors.submissions_of(request.user).values_list("receipt_number", flat=True)
    )
    entries = selectors.access_log_for_resident(
        user_id=request.user.pk,
        resident_code=resident_code_of(request.user),
        receipt_numbers=receipt_numbers,
    )
    return render(request, "audit/my_access_log.html", {"entries": entries})


class TrailForm(forms.Form):
    action = forms.CharField(
        label=_("操作"), required=False, widget=forms.TextInput(attrs={"class": "md-input"})
    )
    actor = forms.CharField(
        label=_("実行者"), required=False, widget=forms.TextInput(attrs={"class": "md-input"})
    )
    object_id = forms.CharField(
        label=_("対象のID（受付番号・住民票コードなど）"),
        required=False,
        widget=forms.TextInput(attrs={"class": "md-input"}),
    )
    date_from = forms.DateField(
        label=_("開始日"), required=False, widget=forms.DateInput(attrs={"type": "date", "class": "md-input"})
    )
    date_to = forms.DateField(
        label=_("終了日"), required=False, widget=forms.DateInput(attrs={"type": "date", "class": "md-input"})
    )


def _query(request: HttpRequest) -> tuple[TrailForm, selectors.TrailQuery]:
    form = TrailForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, selectors.TrailQuery(**form.cleaned_data)
    return form, selectors.TrailQuery()


def _audit_search(request: HttpRequest, query: selectors.TrailQuery, action: str) -> None:
    # Reading the trail is itself a look at personal data: it goes on the trail.
    record_event(
        action=action,
        actor=request.user,
        object_type="audit.trail",
        purpose="監査のための証跡の確認",
        details={k: str(v) for k, v in query.__dict__.items() if v},
    )


@role_required(Role.AUDITOR)
def trail(request: HttpRequest) -> HttpResponse:
    form, query = _query(request)
    if form.is_bound:
        _audit_search(request, query, "audit.search")
    page = CappedPaginator(selectors.search_trail(query), TRAIL_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {"form": form, "page": page, "query": params.urlencode()},
        status=400 if form.errors else 200,
    )


@role_required(Role.AUDITOR)
@recent_authentication_required
def trail_export(request: HttpRequest) -> HttpResponse:
    """The filtered trail as CSV (UTF-8 with BOM for Excel); exporting needs a recent sign-in."""
    _form, query = _query(request)
    _audit_search(request, query, "audit.export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["連番", "日時", "実行者", "操作", "対象の種類", "対象のID", "目的", "IPアドレス", "リクエストID"]
    )
    for event in selectors.search_trail(query).iterator(chunk_size=2000):
        writer.writerow(
            csv_safe(
                [
                    event.seq,
                    timezone.localtime(event.occurred_at).isoformat(),
                    event.actor_label,
                    event.action,
                    event.object_type,
                    event.object_id,
                    event.purpose,
                    event.ip or "",
                    event.request_id,
                ]
            )
        )
    return response
