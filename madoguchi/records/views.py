"""Staff pages for official records: file plan, files, 収受, the expiry list, the 廃棄簿, transfer."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import role_required
from madoguchi.approvals import selectors as approval_selectors
from madoguchi.core.pdf import sections_pdf
from madoguchi.organization import selectors as org_selectors
from madoguchi.records import selectors, services
from madoguchi.records.forms import FileForm, ReceiptForm, RetentionForm
from madoguchi.records.models import RecordFile


def _departments_within(request: HttpRequest):
    """The departments (today) the staff member may file records for."""
    municipality = org_selectors.home_municipality()
    return selectors.staff_reach(request.user).filter(org_selectors.departments_on(municipality), "pk")


def _departments(request: HttpRequest) -> list[tuple[int, str]]:
    return [(d.pk, d.name) for d in _departments_within(request).order_by("sort_order", "code")]


def _department(request: HttpRequest, pk: int):
    department = _departments_within(request).filter(pk=pk).first()
    if department is None:
        raise PermissionDenied
    return department


@role_required(*selectors.STAFF_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    scope = selectors.staff_reach(request.user)
    return render(
        request,
        "records/home.html",
        {
            "tree": selectors.file_plan_tree(),
            "files": selectors.files_of(scope)[:200],
            "may_dispose": bool(selectors.disposal_reach(request.user)),
        },
    )


@role_required(*selectors.STAFF_ROLES)
def receipts(request: HttpRequest) -> HttpResponse:
    """収受 — register an incoming document; the 文書番号 is given on saving."""
    scope = selectors.staff_reach(request.user)
    form = ReceiptForm(
        request.POST or None,
        departments=_departments(request),
        files=[(f.pk, f.title) for f in selectors.files_of(scope).filter(status=RecordFile.Status.ACTIVE)],
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.register_receipt(
                department=_department(request, data["department"]),
                received_on=data["received_on"],
                sender=data["sender"],
                title=data["title"],
                file=selectors.files_of(scope).filter(pk=data["file"]).first() if data["file"] else None,
                actor=request.user,
            )
        except services.RecordsError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("収受しました。文書番号は %(number)s です。") % {"number": receipt.document_number}
            )
            return redirect("records:receipts")
    return render(
        request,
        "records/receipts.html",
        {"form": form, "receipts": selectors.receipts_of(scope)[:100]},
        status=400 if form.errors else 200,
    )


@role_required(*selectors.STAFF_ROLES)
def new_file(request: HttpRequest) -> HttpResponse:
    form = FileForm(
        request.POST or None,
        departments=_departments(request),
        file_classes=selectors.file_class_choices(),
        initial={"fiscal_year": services.fiscal_year_of(timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.create_file(
                file_class=selectors.file_class_by_id(data["file_class"]),
                department=_department(request, data["department"]),
                title=data["title"],
                fiscal_year=data["fiscal_year"],
                actor=request.user,
            )
        except services.RecordsError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("records:file", file_id=record.pk)
    return render(request, "records/file_form.html", {"form": form}, status=400 if form.errors else 200)


def _file(request: HttpRequest, file_id: int) -> RecordFile:
    record = selectors.file_for_staff(request.user, file_id)
    if record is None:
        raise Http404
    return record


@role_required(*selectors.STAFF_ROLES)
def file_detail(request: HttpRequest, file_id: int) -> HttpResponse:
    record = _file(request, file_id)
    form = RetentionForm(request.POST or None)
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise services.RecordsError(_("入力内容を確認してください。"))
            data = form.cleaned_data
            op, reason = data["op"], data["reason"] or ""
            if op == "complete":
                if not data["fiscal_year"]:
                    raise services.RecordsError(_("完結年度を入力してください。"))
                services.complete_file(record=record, fiscal_year=data["fiscal_year"], actor=request.user)
            elif op == "extend":
                services.extend_retention(
                    record=record, years=data["years"] or 0, reason=reason, actor=request.user
                )
            else:
                services.set_legal_hold(record=record, hold=op == "hold", reason=reason, actor=request.user)
        except services.RecordsError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("更新しました。"))
        return redirect("records:file", file_id=record.pk)
    return render(
        request,
        "records/file.html",
        {
            "record": record,
            "changes": record.retention_changes.select_related("actor"),
            "receipts": record.receipts.all(),
            "today_fy": services.fiscal_year_of(timezone.localdate()),
        },
    )


@role_required(*selectors.DISPOSAL_ROLES)
def expiry(request: HttpRequest) -> HttpResponse:
    """保存期間満了ファイルの一覧 for a fiscal year, and the start of their disposal (決裁)."""
    raw = request.GET.get("fiscal_year", "")
    fiscal_year = (
        int(raw)
        if raw.isdigit() and 1950 <= int(raw) <= 2100
        else services.fiscal_year_of(timezone.localdate())
    )
    files = list(selectors.disposal_reach(request.user).filter(selectors.expiring_files(fiscal_year)))
    return render(
        request,
        "records/expiry.html",
        {
            "fiscal_year": fiscal_year,
            "files": files,
            "departments": sorted({(f.department_id, f.department.name) for f in files}),
            "invalid": bool(raw) and str(fiscal_year) != raw,
        },
    )


@require_POST
@role_required(*selectors.DISPOSAL_ROLES)
def start_disposal(request: HttpRequest) -> HttpResponse:
    """廃棄・移管の起案 — by the records manager, for expired files of one department."""
    scope = selectors.disposal_reach(request.user)
    fiscal_year = int(request.POST.get("fiscal_year", "0") or 0)
    ids = [int(v) for v in request.POST.getlist("file") if v.isdigit()]
    files = list(selectors.files_of(scope).filter(pk__in=ids))
    departments = {f.department_id for f in files}
    try:
        if len(departments) > 1:
            raise services.RecordsError(_("廃棄・移管の起案は課ごとに行ってください。"))
        if not files:
            raise services.RecordsError(_("廃棄・移管するファイルを選んでください。"))
        batch = services.start_disposal(
            department=files[0].department, fiscal_year=fiscal_year, files=files, actor=request.user
        )
    except services.RecordsError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{reverse('records:expiry')}?fiscal_year={fiscal_year}")
    messages.success(request, _("廃棄・移管の起案を作成しました。回議ルートを確認して回議を始めてください。"))
    return redirect("approvals:route", draft_id=batch.draft_id)


@role_required(*selectors.STAFF_ROLES)
def disposal_register(request: HttpRequest) -> HttpResponse:
    """廃棄簿 and this department's disposal decisions."""
    scope = selectors.staff_reach(request.user)
    return render(
        request,
        "records/register.html",
        {"entries": selectors.disposal_register()[:500], "batches": selectors.disposal_batches(scope)[:50]},
    )


def _transferred(request: HttpRequest, file_id: int) -> RecordFile:
    record = _file(request, file_id)
    if record.status != RecordFile.Status.TRANSFERRED:
        raise Http404
    return record


@role_required(*selectors.STAFF_ROLES)
def transfer_json(request: HttpRequest, file_id: int) -> HttpResponse:
    record = _transferred(request, file_id)
    response = JsonResponse(
        selectors.transfer_metadata(record), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="transfer-{record.pk}.json"'
    return response


@role_required(*selectors.STAFF_ROLES)
def transfer_pdf(request: HttpRequest, file_id: int) -> HttpResponse:
    record = _transferred(request, file_id)
    data = selectors.transfer_metadata(record)
    rows = [
        (key, json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value))
        for key, value in data.items()
    ]
    content = sections_pdf(
        title=_("移管ファイル目録（歴史公文書）"),
        subtitle_lines=[record.title],
        sections=[(_("メタデータ"), rows)],
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="transfer-{record.pk}.pdf"'
    return response


SEARCH_LIMIT = 30


@role_required(*selectors.STAFF_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    """全文検索 — drafts, files and received documents, through the shared Japanese text index."""
    query = request.GET.get("q", "").strip()[:200]
    drafts, files, receipts = [], [], []
    if query:
        found = selectors.search_all(query, limit=SEARCH_LIMIT)
        drafts = approval_selectors.viewable_drafts(request.user, found["drafts"])
        scope = selectors.staff_reach(request.user)
        files = selectors.files_in_order(found["files"], scope)
        receipts = selectors.receipts_in_order(found["receipts"], scope)
    return render(
        request,
        "records/search.html",
        {"query": query, "drafts": drafts, "files": files, "receipts": receipts},
    )
