"""Staff pages: the department inbox, a case, and the actions on it."""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import recent_authentication_required, staff_required
from madoguchi.cases import selectors, services, workflow
from madoguchi.cases.forms import InboxFilterForm, StatusForm, TextForm
from madoguchi.cases.models import Submission
from madoguchi.cases.views import attachment_response, submission_pdf_response
from madoguchi.core.paging import CappedPaginator
from madoguchi.core.templatetags.madoguchi import display_date
from madoguchi.core.wareki import parse_japanese_date
from madoguchi.formbuilder import engine
from madoguchi.formbuilder import selectors as form_selectors
from madoguchi.formbuilder.engine import to_katakana
from madoguchi.identity import selectors as identity_selectors
from madoguchi.identity import services as identity_services
from madoguchi.identity.cardreader import SANDBOX_PIN, CardReadError
from madoguchi.payments import selectors as payment_selectors
from madoguchi.payments import services as payment_services
from madoguchi.procedures import selectors as procedure_selectors
from madoguchi.registry import selectors as registry_selectors


def _criteria(
    request: HttpRequest, scope: selectors.StaffScope
) -> tuple[InboxFilterForm, selectors.InboxFilter]:
    form = InboxFilterForm(request.GET or None, procedures=list(scope.procedures))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.InboxFilter(
            status=data["status"],
            procedure=data["procedure"],
            received_from=data["received_from"],
            received_to=data["received_to"],
            overdue=data["overdue"],
            assigned_to_me=data["mine"],
        )
    return form, selectors.InboxFilter()


# Twenty-five rows fit a laptop screen without scrolling far, and keep the busiest staff page fast.
INBOX_PAGE_SIZE = 25


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox, formatted once in Python: the list is the staff's busiest page, and
    template attribute lookups and filters per cell cost more than the database query."""

    receipt_number: str
    url: str
    procedure_title: str
    assisted: bool
    submitted_on: str
    status: str
    due_on: str
    overdue: bool
    assignee: str


def _rows(cases, today) -> list[InboxRow]:
    base = reverse("cases:staff_case", kwargs={"receipt_number": "-"}).removesuffix("-/")
    labels = dict(Submission.Status.choices)
    return [
        InboxRow(
            receipt_number=case.receipt_number,
            url=f"{base}{case.receipt_number}/",
            procedure_title=case.procedure_title,
            assisted=case.assisted_by_id is not None,
            submitted_on=display_date(case.submitted_at),
            status=str(labels[case.status]),
            due_on=display_date(case.due_on) if case.due_on else "—",
            overdue=bool(case.due_on and case.due_on < today and case.status in workflow.OPEN),
            assignee=case.assigned_to.display_name if case.assigned_to else "—",
        )
        for case in cases
    ]


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    scope = selectors.staff_scope(request.user)
    form, criteria = _criteria(request, scope)
    page = CappedPaginator(selectors.inbox(scope, criteria), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/staff/inbox.html",
        {
            "filter_form": form,
            "page": page,
            "rows": _rows(page, timezone.localdate()),
            "query": query.urlencode(),
        },
    )


@staff_required
@recent_authentication_required
def inbox_export(request: HttpRequest) -> HttpResponse:
    """CSV in UTF-8 with a byte-order mark, so Excel opens the Japanese correctly."""
    scope = selectors.staff_scope(request.user)
    _form, criteria = _criteria(request, scope)
    header, rows = selectors.export_rows(scope, criteria)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inbox-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _case_or_404(request: HttpRequest, receipt_number: str, purpose: str):
    submission = selectors.case_for_staff(request.user, receipt_number, purpose=purpose)
    if submission is None:
        raise Http404
    return submission


@staff_required
def case_detail(request: HttpRequest, receipt_number: str) -> HttpResponse:
    submission = _case_or_404(request, receipt_number, "案件の確認")
    spec = form_selectors.spec_of(submission.form_version)
    return render(
        request,
        "cases/staff/case.html",
        {
            "submission": submission,
            "summary": engine.summary(spec, submission.answers, request.LANGUAGE_CODE),
            "history": submission.status_changes.select_related("actor"),
            "messages_list": submission.messages.select_related("author"),
            "notes": submission.notes.select_related("author"),
            "revisions": submission.revisions.all(),
            "attachments": selectors.current_attachments(submission),
            "requires_decision": selectors.requires_decision(submission),
            "status_form": StatusForm(),
            "text_form": TextForm(),
            "today": timezone.localdate(),
            "payments": payment_selectors.payments_for_purpose(services.payment_purpose(submission)),
            "counter_methods": payment_services.COUNTER_METHODS,
            "payment_key": uuid.uuid4().hex,
        },
    )


def _act(request: HttpRequest, receipt_number: str, action) -> HttpResponse:
    submission = _case_or_404(request, receipt_number, "案件の処理")
    try:
        action(submission)
    except services.ApplicationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("更新しました。"))
    return redirect("cases:staff_case", receipt_number=receipt_number)


@require_POST
@staff_required
def case_payment(request: HttpRequest, receipt_number: str) -> HttpResponse:
    """窓口での納付 — cash, card or QR taken at the counter for this case, with a 領収書."""
    submission = _case_or_404(request, receipt_number, "窓口での納付の記録")
    try:
        amount = int(request.POST.get("amount", ""))
    except ValueError:
        amount = 0
    try:
        payment_services.record_counter_payment(
            payer=submission.applicant,
            amount=amount,
            method=request.POST.get("method", ""),
            description=submission.procedure_title,
            reference=submission.receipt_number,
            purpose=services.payment_purpose(submission),
            actor=request.user,
            idempotency_key=f"counter:{request.POST.get('key', '')[:40]}",
            department=submission.department,
        )
    except payment_services.PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("窓口での納付を記録しました。"))
    return redirect("cases:staff_case", receipt_number=receipt_number)


@staff_required
def case_pdf(request: HttpRequest, receipt_number: str) -> HttpResponse:
    submission = _case_or_404(request, receipt_number, "申請内容の印刷")
    return submission_pdf_response(submission, request.LANGUAGE_CODE)


@staff_required
def case_attachment(request: HttpRequest, receipt_number: str, attachment_id) -> HttpResponse:
    submission = _case_or_404(request, receipt_number, "添付書類の確認")
    return attachment_response(submission, attachment_id, actor=request.user, purpose="添付書類の確認")


@require_POST
@staff_required
def case_status(request: HttpRequest, receipt_number: str) -> HttpResponse:
    form = StatusForm(request.POST)
    if not form.is_valid():
        # Only someone who may act on the case learns that the form was incomplete.
        _case_or_404(request, receipt_number, "案件の処理")
        messages.error(request, _("状態を選んでください。"))
        return redirect("cases:staff_case", receipt_number=receipt_number)
    return _act(
        request,
        receipt_number,
        lambda s: services.change_status(
            submission=s,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    )


@require_POST
@staff_required
def case_correction(request: HttpRequest, receipt_number: str) -> HttpResponse:
    body = request.POST.get("body", "")
    return _act(
        request,
        receipt_number,
        lambda s: services.request_correction(submission=s, message=body, actor=request.user),
    )


@require_POST
@staff_required
def case_assign(request: HttpRequest, receipt_number: str) -> HttpResponse:
    assignee = request.user if request.POST.get("assignee") == "me" else None
    return _act(
        request,
        receipt_number,
        lambda s: services.assign(submission=s, assignee=assignee, actor=request.user),
    )


@require_POST
@staff_required
def case_note(request: HttpRequest, receipt_number: str) -> HttpResponse:
    return _act(
        request,
        receipt_number,
        lambda s: services.add_note(submission=s, body=request.POST.get("body", ""), actor=request.user),
    )


@require_POST
@staff_required
def case_message(request: HttpRequest, receipt_number: str) -> HttpResponse:
    return _act(
        request,
        receipt_number,
        lambda s: services.post_message(
            submission=s, body=request.POST.get("body", ""), actor=request.user, from_staff=True
        ),
    )


# --- Counter assist (書かない窓口) -----------------------------------------------------------------


@staff_required
def counter(request: HttpRequest) -> HttpResponse:
    """Find the resident at the counter by フリガナ and 生年月日 (both required)."""
    kana = request.GET.get("kana", "").strip()
    birth_text = request.GET.get("birth_date", "").strip()
    errors: dict[str, str] = {}
    results = None
    if request.GET:
        birth_date = None
        if not kana:
            errors["kana"] = _("フリガナを入力してください。")
        if not birth_text:
            errors["birth_date"] = _("生年月日を入力してください。")
        else:
            try:
                birth_date = parse_japanese_date(birth_text)
            except ValueError as error:
                errors["birth_date"] = str(error)
        if not errors:
            results = registry_selectors.search_residents(
                kana=to_katakana(kana), birth_date=birth_date, actor=request.user, purpose="窓口での本人確認"
            )
    return render(
        request,
        "cases/staff/counter.html",
        {
            "kana": kana,
            "birth_date": birth_text,
            "errors": errors,
            "results": results,
            "cards": identity_selectors.counter_cards(actor=request.user),
            "sandbox_pin": SANDBOX_PIN,
        },
        status=400 if errors else 200,
    )


@staff_required
@require_POST
def counter_card(request: HttpRequest) -> HttpResponse:
    """Find the resident by reading their My Number Card (券面事項入力補助) with their PIN."""
    try:
        resident_code = identity_services.resident_from_card(
            card_id=request.POST.get("card", ""), pin=request.POST.get("pin", "").strip(), actor=request.user
        )
    except CardReadError as error:
        messages.error(request, str(error))
        return redirect("cases:staff_counter")
    if resident_code is None:
        messages.error(
            request,
            _(
                "カードの券面事項に一致する住民記録も転出証明書情報もありません。フリガナと生年月日で探してください。"
            ),
        )
        return redirect("cases:staff_counter")
    return redirect("cases:staff_counter_resident", resident_code=resident_code)


@staff_required
def counter_resident(request: HttpRequest, resident_code: str) -> HttpResponse:
    """Choose the life event / procedures; the drafts become the resident's, assisted by the clerk."""
    data = registry_selectors.resident_data(
        resident_code,
        actor=request.user,
        purpose="窓口での申請支援",
        attributes=["full_name", "birth_date", "address"],
        moving_in=True,
    )
    if data is None:
        raise Http404
    if request.method == "POST":
        account = identity_services.counter_account(resident_code=resident_code, actor=request.user)
        try:
            bundle = services.start_bundle(
                applicant=account,
                life_event_code=request.POST.get("life_event", "counter"),
                procedure_codes=request.POST.getlist("procedure"),
                resident_code=resident_code,
                assisted_by=request.user,
            )
        except services.ApplicationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("cases:bundle", bundle_id=bundle.pk)
    return render(
        request,
        "cases/staff/counter_resident.html",
        {
            "resident": data,
            "procedures": procedure_selectors.online_procedures(),
            "life_events": procedure_selectors.life_events(),
        },
    )
