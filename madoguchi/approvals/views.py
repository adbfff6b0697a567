"""Staff pages for electronic approval: the inbox, drafting, the route editor, the document page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import staff_required
from madoguchi.approvals import selectors, services
from madoguchi.approvals.forms import AbsenceForm, CaseOutcomeForm, DraftForm, PaperDecisionForm, StageForm
from madoguchi.approvals.models import Draft, Stage
from madoguchi.approvals.pdf import decided_pdf
from madoguchi.approvals.routes import MemberSpec, StageSpec
from madoguchi.approvals.subjects import CASE_SUBJECT
from madoguchi.cases import selectors as case_selectors
from madoguchi.organization import selectors as org_selectors
from madoguchi.records import selectors as record_selectors


def _my_departments(user) -> list[tuple[int, str]]:
    return [(post.department_id, post.department.name) for post in org_selectors.posts_held_by(user.pk)]


def _membership_choices() -> list[tuple[int, str]]:
    return [
        (m.pk, f"{m.department.name} {m.position.name} {m.user.display_name}")
        for m in org_selectors.memberships_on().order_by("department__sort_order", "position__rank")
    ]


def _written(data: dict) -> dict:
    """What the drafter writes on the draft form (new or edited), as the services take it."""
    return {
        "title": data["title"],
        "body": data["body"],
        "file_class": record_selectors.file_class_by_id(data["file_class"]),
        "retention": data["retention"],
        "disclosure": data["disclosure"],
        "disclosure_ground": data["disclosure_ground"],
    }


def _draft_form(request: HttpRequest, data=None, files=None, *, initial=None, with_matter=True) -> DraftForm:
    return DraftForm(
        data,
        files,
        initial=initial,
        departments=_my_departments(request.user),
        matters=[(m.pk, m.name) for m in selectors.matter_classes()],
        file_classes=record_selectors.file_class_choices(),
        with_matter=with_matter,
    )


# The oldest waiting first; fifty is more than a day's work and keeps the page fast.
INBOX_ROWS = 25  # as the case inbox: a screenful, and the busiest staff page stays fast
# The inbox shows the newest of one's own drafts; the page is for what waits on the reader.
INBOX_OWN_DRAFTS = 10


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    """承認待ち — what waits for me (or for someone I stand in for), oldest first and paged; what I
    owe a 後閲; my newest drafts."""
    # The header's cached count sizes the pages; a range pages without reading anything.
    page = Paginator(range(selectors.pending_count(request.user)), INBOX_ROWS).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "approvals/inbox.html",
        {
            "pending": selectors.pending_rows(
                request.user, INBOX_ROWS, offset=(page.number - 1) * INBOX_ROWS
            ),
            "pending_total": page.paginator.count,
            "page": page,
            "draft_base": reverse("approvals:draft", kwargs={"draft_id": 0}).removesuffix("0/"),
            "post_reviews": list(selectors.post_reviews_for(request.user)[:INBOX_ROWS]),
            "my_drafts": selectors.latest_drafts_of(request.user, INBOX_OWN_DRAFTS),
        },
    )


def _service_errors(request: HttpRequest, error: services.ApprovalError) -> None:
    for message in error.messages:
        messages.error(request, message)


@staff_required
def new_draft(request: HttpRequest) -> HttpResponse:
    """起案 — the route is proposed from the authority matrix, then the drafter may edit it."""
    form = _draft_form(request, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        department = next(
            (
                p.department
                for p in org_selectors.posts_held_by(request.user.pk)
                if p.department_id == data["department"]
            ),
            None,
        )
        try:
            draft = services.create_draft(
                drafter=request.user,
                department=department,
                matter=selectors.matter_classes().get(pk=data["matter"]),
                **_written(data),
            )
            if data["attachment"]:
                services.add_attachment(draft=draft, upload=data["attachment"], actor=request.user)
        except services.ApprovalError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("起案しました。回議ルートを確認してから回議を始めてください。"))
            return redirect("approvals:route", draft_id=draft.pk)
    return render(request, "approvals/draft_form.html", {"form": form}, status=400 if form.errors else 200)


@staff_required
def from_case(request: HttpRequest, receipt_number: str) -> HttpResponse:
    """決裁の起案 for a case's 処分 — pre-filled from the case; the decision flows back to it."""
    submission = case_selectors.case_for_staff(request.user, receipt_number, purpose="処分の起案")
    if submission is None:
        raise Http404
    matter = (
        selectors.matter_classes().filter(code="case-decision").first() or selectors.matter_classes().first()
    )
    initial = {
        "title": _("「%(procedure)s」の処分について（受付番号 %(receipt)s）")
        % {"procedure": submission.procedure_title, "receipt": submission.receipt_number},
        "body": _("標記の申請について、下記のとおり処分してよろしいか伺います。")
        + "\n\n"
        + case_selectors.case_summary_text(submission),
        "department": submission.department_id,
        "matter": matter.pk if matter else None,
        "disclosure": "closed",
        "disclosure_ground": _("個人に関する情報（情報公開条例）"),
    }
    form = _draft_form(request, request.POST or None, initial=initial)
    form.fields["department"].choices = [(submission.department_id, submission.department.name)]
    outcome_form = CaseOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and outcome_form.is_valid():
        data = form.cleaned_data
        try:
            draft = services.create_draft(
                drafter=request.user,
                department=submission.department,
                title=data["title"],
                body=data["body"],
                matter=selectors.matter_classes().get(pk=data["matter"]),
                file_class=record_selectors.file_class_by_id(data["file_class"]),
                retention=data["retention"],
                disclosure=data["disclosure"],
                disclosure_ground=data["disclosure_ground"],
                subject_type=CASE_SUBJECT,
                subject_ref=submission.receipt_number,
                subject_outcome=outcome_form.cleaned_data["outcome"],
            )
        except services.ApprovalError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("起案しました。回議ルートを確認してから回議を始めてください。"))
            return redirect("approvals:route", draft_id=draft.pk)
    return render(
        request,
        "approvals/draft_form.html",
        {"form": form, "outcome_form": outcome_form, "submission": submission},
        status=400 if form.errors or outcome_form.errors else 200,
    )


def _viewable(request: HttpRequest, draft_id: int) -> Draft:
    draft = selectors.draft_by_id(draft_id)
    if draft is None or not draft.is_electronic:
        raise Http404
    if not selectors.may_view(request.user, draft):
        raise PermissionDenied
    return draft


@staff_required
def edit_draft(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _viewable(request, draft_id)
    if draft.drafter_id != request.user.pk:
        raise PermissionDenied
    initial = {
        "title": draft.title,
        "body": draft.body,
        "file_class": draft.file_class_id,
        "retention": draft.retention,
        "disclosure": draft.disclosure,
        "disclosure_ground": draft.disclosure_ground,
    }
    form = _draft_form(
        request, request.POST or None, request.FILES or None, initial=initial, with_matter=False
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_draft(draft=draft, actor=request.user, **_written(data))
            if data["attachment"]:
                services.add_attachment(draft=draft, upload=data["attachment"], actor=request.user)
        except services.ApprovalError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("起案を更新しました。"))
            return redirect("approvals:draft", draft_id=draft.pk)
    return render(
        request,
        "approvals/draft_form.html",
        {"form": form, "draft": draft},
        status=400 if form.errors else 200,
    )


def _specs(draft: Draft) -> list[StageSpec]:
    return [
        StageSpec(
            stage.kind,
            stage.mode,
            tuple(MemberSpec(m.user_id, m.department_id, m.position_id) for m in stage.members.all()),
        )
        for stage in selectors.route_of(draft)
    ]


@staff_required
def route(request: HttpRequest, draft_id: int) -> HttpResponse:
    """回議ルートの編集 — add a stage (one post, or several for 合議), remove or move one."""
    draft = _viewable(request, draft_id)
    form = StageForm(request.POST or None, memberships=_membership_choices())
    if request.method == "POST":
        specs = _specs(draft)
        op = request.POST.get("op", "add")
        try:
            if op == "add":
                if not form.is_valid():
                    raise services.ApprovalError(*[e for errors in form.errors.values() for e in errors])
                data = form.cleaned_data
                chosen = org_selectors.memberships_on().filter(pk__in=data["members"])
                members = tuple(MemberSpec(m.user_id, m.department_id, m.position_id) for m in chosen)
                index = min(data["position"] or len(specs) + 1, len(specs) + 1) - 1
                specs.insert(index, StageSpec(data["kind"], data["mode"], members))
            else:
                index = int(request.POST.get("stage", "0")) - 1
                if not 0 <= index < len(specs):
                    raise services.ApprovalError(_("段階を選び直してください。"))
                if op == "remove":
                    specs.pop(index)
                elif op == "up" and index > 0:
                    specs[index - 1], specs[index] = specs[index], specs[index - 1]
                elif op == "down" and index < len(specs) - 1:
                    specs[index + 1], specs[index] = specs[index], specs[index + 1]
            services.set_route(draft=draft, actor=request.user, stages=specs)
        except services.ApprovalError as error:
            _service_errors(request, error)
        else:
            messages.success(request, _("回議ルートを更新しました。"))
            return redirect("approvals:route", draft_id=draft.pk)
    return render(
        request,
        "approvals/route.html",
        {"draft": draft, "stages": selectors.route_of(draft), "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def draft_detail(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _viewable(request, draft_id)
    stages = selectors.route_of(draft)
    active = next((s for s in stages if s.status == Stage.Status.ACTIVE), None)
    return render(
        request,
        "approvals/draft.html",
        {
            "draft": draft,
            "stages": stages,
            "active": active,
            "earlier_stages": [s for s in stages if active and s.order < active.order],
            "column": selectors.approval_column(draft),
            "history": selectors.history_of(draft),
            "attachments": draft.attachments.all(),
            "owed": [m for m in selectors.post_reviews_owed(draft) if m.user_id == request.user.pk],
            "retention": record_selectors.retention_label(draft.retention),
        },
    )


ACTIONS = {
    "submit": lambda draft, user, post: services.submit(draft=draft, actor=user),
    "approve": lambda draft, user, post: services.approve(
        draft=draft, actor=user, comment=post.get("comment", "")
    ),
    "decide": lambda draft, user, post: services.decide(
        draft=draft, actor=user, comment=post.get("comment", "")
    ),
    "reject": lambda draft, user, post: services.reject(
        draft=draft, actor=user, comment=post.get("comment", "")
    ),
    "withdraw": lambda draft, user, post: services.withdraw(draft=draft, actor=user),
    "post_review": lambda draft, user, post: services.post_review(
        draft=draft, actor=user, comment=post.get("comment", "")
    ),
    "send_back": lambda draft, user, post: services.send_back(
        draft=draft,
        actor=user,
        comment=post.get("comment", ""),
        to_stage=int(post["to_stage"]) if post.get("to_stage", "").isdigit() else None,
    ),
}


@require_POST
@staff_required
def act(request: HttpRequest, draft_id: int) -> HttpResponse:
    """One action on the draft; the state machine in services decides whether it is allowed now."""
    draft = _viewable(request, draft_id)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("処理を選んでください。"))
        return redirect("approvals:draft", draft_id=draft.pk)
    try:
        action(draft, request.user, request.POST)
    except services.ApprovalError as error:
        _service_errors(request, error)
    else:
        messages.success(request, _("処理しました。"))
    return redirect("approvals:draft", draft_id=draft.pk)


@staff_required
def draft_pdf(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _viewable(request, draft_id)
    if not draft.is_closed:
        raise Http404
    response = HttpResponse(decided_pdf(draft), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kessai-{draft.pk}.pdf"'
    return response


@staff_required
def attachment(request: HttpRequest, draft_id: int, attachment_id) -> HttpResponse:
    draft = _viewable(request, draft_id)
    item = draft.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@staff_required
def absences(request: HttpRequest) -> HttpResponse:
    """不在登録 — register my absence and who decides for me meanwhile (代決者)."""
    staff = {
        m.user_id: m.user.display_name for m in org_selectors.memberships_on() if m.user_id != request.user.pk
    }
    form = AbsenceForm(request.POST or None, staff_choices=sorted(staff.items(), key=lambda item: item[1]))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        stand_in = org_selectors.memberships_on().filter(user_id=data["stand_in"]).first()
        try:
            services.register_absence(
                user=request.user,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                stand_in=stand_in.user,
                reason=data["reason"],
                actor=request.user,
            )
        except services.ApprovalError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("不在を登録しました。"))
            return redirect("approvals:absences")
    return render(
        request,
        "approvals/absences.html",
        {"form": form, "absences": selectors.absences_of(request.user)},
        status=400 if form.errors else 200,
    )


@staff_required
def figures(request: HttpRequest) -> HttpResponse:
    """ペーパーレスの指標 (EBPM) — electronic and paper decisions per department, days to decide."""
    form = PaperDecisionForm(request.POST or None, departments=_my_departments(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        department = next(
            p.department
            for p in org_selectors.posts_held_by(request.user.pk)
            if p.department_id == data["department"]
        )
        try:
            services.register_paper_decision(
                title=data["title"],
                department=department,
                drafter=request.user,
                drafted_on=data["drafted_on"],
                decided_on=data["decided_on"],
                actor=request.user,
            )
        except services.ApprovalError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("紙の決裁を記録しました。"))
            return redirect("approvals:figures")
    return render(
        request,
        "approvals/figures.html",
        {"rows": selectors.paperless_figures(), "form": form},
        status=400 if form.errors else 200,
    )
