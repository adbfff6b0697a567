"""Resident pages: start, fill in step by step, review, submit, follow. Staff pages: see staff_views."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.backends import BACKEND_PATH
from madoguchi.accounts.decorators import recent_authentication_required
from madoguchi.audit.services import record_event
from madoguchi.cases import disclosure, prefill, selectors, services
from madoguchi.cases.decorators import resident_required
from madoguchi.core.pdf import sections_pdf
from madoguchi.formbuilder import engine
from madoguchi.formbuilder import selectors as form_selectors
from madoguchi.identity import selectors as identity_selectors
from madoguchi.identity import services as identity_services
from madoguchi.payments import selectors as payment_selectors
from madoguchi.payments import services as payment_services
from madoguchi.procedures import selectors as procedure_selectors


def _procedure_or_404(code: str):
    procedure = procedure_selectors.procedure_by_code(code)
    if procedure is None or not procedure.is_published:
        raise Http404
    return procedure


def apply_start(request: HttpRequest, procedure_code: str) -> HttpResponse:
    """What the resident needs before starting; the start button creates (or resumes) the draft."""
    procedure = _procedure_or_404(procedure_code)
    if request.method == "POST":
        login_url = f"{reverse('identity:login')}?next={request.path}"
        if request.user.is_authenticated and request.user.is_staff_member:
            return redirect(login_url)
        if not request.user.is_authenticated:
            if procedure.sign_in_level != "none" or request.POST.get("guest") != "yes":
                return redirect(login_url)
            login(request, identity_services.open_guest_account(), backend=BACKEND_PATH)
        elif procedure.sign_in_level != "none" and identity_selectors.is_guest(request.user):
            messages.info(request, _("この手続はログインが必要です。"))
            return redirect(login_url)
        if (
            procedure.sign_in_level == "mynumber_card"
            and identity_selectors.sign_in_level(request) != "mynumber_card"
        ):
            messages.info(request, _("この手続はマイナンバーカードでのログインが必要です。"))
            return redirect(login_url)
        try:
            draft = services.start_draft(
                applicant=request.user,
                procedure_code=procedure.code,
                resident_code=identity_selectors.resident_code_of(request.user) or "",
            )
        except services.ApplicationError as error:
            return render(
                request,
                "cases/apply_start.html",
                {"procedure": procedure, "errors": error.messages},
                status=400,
            )
        return redirect("cases:draft", draft_id=draft.pk)
    return render(request, "cases/apply_start.html", {"procedure": procedure})


def _draft_or_404(request: HttpRequest, draft_id) -> services.Draft:
    draft = selectors.draft_of(request.user, draft_id)
    if draft is None:
        raise Http404
    if draft.submitted_at is not None:
        raise Http404
    return draft


@resident_required
def draft_resume(request: HttpRequest, draft_id) -> HttpResponse:
    """Send the resident to where they left off."""
    draft = _draft_or_404(request, draft_id)
    if services.needs_prefill_decision(draft):
        return redirect("cases:consent", draft_id=draft.pk)
    spec = form_selectors.spec_of(draft.form_version)
    for step in engine.visible_steps(spec, draft.answers):
        if step.key not in draft.completed_steps:
            return redirect("cases:step", draft_id=draft.pk, step_key=step.key)
    return redirect("cases:review", draft_id=draft.pk)


@resident_required
def consent(request: HttpRequest, draft_id) -> HttpResponse:
    draft = _draft_or_404(request, draft_id)
    spec = form_selectors.spec_of(draft.form_version)
    if request.method == "POST":
        if request.POST.get("decision") == "accept":
            try:
                services.consent_to_prefill(draft=draft, actor=request.user)
            except services.ApplicationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            services.decline_prefill(draft=draft)
        return redirect("cases:draft", draft_id=draft.pk)
    procedure = procedure_selectors.procedure_by_code(draft.procedure_code)
    return render(
        request,
        "cases/consent.html",
        {
            "draft": draft,
            "procedure": procedure,
            "attribute_labels": [prefill.label_of(name) for name in prefill.attributes_of(spec)],
        },
    )


def _step_context(draft, spec, step, answers, errors) -> dict:
    steps = engine.visible_steps(spec, answers)
    keys = [s.key for s in steps]
    index = keys.index(step.key) if step.key in keys else 0
    return {
        "draft": draft,
        "spec": spec,
        "step": step,
        "answers": answers,
        "errors": errors,
        "prefilled": draft.prefilled,
        "steps": steps,
        "step_number": index + 1,
        "step_count": len(steps),
        "previous_step": keys[index - 1] if index > 0 else None,
        "procedure": procedure_selectors.procedure_by_code(draft.procedure_code),
        "posted": None,
    }


@resident_required
def step(request: HttpRequest, draft_id, step_key: str) -> HttpResponse:
    draft = _draft_or_404(request, draft_id)
    spec = form_selectors.spec_of(draft.form_version)
    current = next((s for s in engine.visible_steps(spec, draft.answers) if s.key == step_key), None)
    if current is None:
        raise Http404
    if request.method == "POST":
        outcome = services.save_step(
            draft=draft, step_key=step_key, data=request.POST, files=request.FILES, actor=request.user
        )
        if outcome.ok:
            if outcome.next_step:
                return redirect("cases:step", draft_id=draft.pk, step_key=outcome.next_step)
            return redirect("cases:review", draft_id=draft.pk)
        # Errors, or an "add a row" / "look up the postal code" action: show the step again with
        # what was typed; nothing was saved.
        context = _step_context(draft, spec, current, draft.answers, outcome.errors)
        context["posted"] = outcome.raw
        return render(request, "cases/step.html", context, status=200 if outcome.action else 400)
    answers = {**services.carried_answers(draft), **draft.answers}
    return render(request, "cases/step.html", _step_context(draft, spec, current, answers, {}))


@resident_required
def review(request: HttpRequest, draft_id) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        # No read before: submit's locked read is the ownership check, and a retry after the
        # first request went through lands on the same submission's page, not on a 404.
        try:
            submission = services.submit(draft_id=draft_id, actor=request.user)
        except services.Draft.DoesNotExist:
            raise Http404 from None
        except services.ApplicationError as error:
            errors = error.messages
        else:
            if submission.status == submission.Status.AWAITING_PAYMENT:
                return redirect("cases:pay", receipt_number=submission.receipt_number)
            return redirect("cases:done", receipt_number=submission.receipt_number)
    draft = _draft_or_404(request, draft_id)
    spec = form_selectors.spec_of(draft.form_version)
    sections = [
        (title, rows, visible.key)
        for (title, rows), visible in zip(
            engine.summary(spec, draft.answers, request.LANGUAGE_CODE),
            engine.visible_steps(spec, draft.answers),
            strict=False,
        )
    ]
    return render(
        request,
        "cases/review.html",
        {
            "draft": draft,
            "sections": sections,
            "fee": engine.compute_fee(spec, draft.answers),
            "procedure": procedure_selectors.procedure_by_code(draft.procedure_code),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@resident_required
def done(request: HttpRequest, receipt_number: str) -> HttpResponse:
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None:
        raise Http404
    return render(
        request,
        "cases/done.html",
        {
            "submission": submission,
            "status_path": selectors.status_path(submission),
            "guest": identity_selectors.is_guest(request.user),
        },
    )


def _payable(submission) -> bool:
    """A fee due online: before the case is received, or after staff completed it (unpaid)."""
    if submission.status == submission.Status.AWAITING_PAYMENT:
        return True
    return (
        submission.status == submission.Status.COMPLETED
        and submission.fee > 0
        and not payment_selectors.is_paid(services.payment_purpose(submission))
    )


@resident_required
def pay(request: HttpRequest, receipt_number: str) -> HttpResponse:
    """手数料の納付 — the fee of one case, paid at the provider's page; the resident returns here.

    The form carries an idempotency key made when the page was shown, so a double click or a
    retry after the provider failed starts the same payment, never a second one.
    """
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None:
        raise Http404
    purpose = services.payment_purpose(submission)
    latest = payment_selectors.payments_for_purpose(purpose).first()
    if latest is not None and latest.captured_at is not None:
        if submission.status == submission.Status.AWAITING_PAYMENT:
            # The capture's signal normally did this; if its receiver failed, the resident's
            # own visit must not leave a paid case waiting (receive_payment is idempotent).
            services.receive_payment(receipt_number=receipt_number, amount=latest.amount)
        return redirect("cases:done", receipt_number=receipt_number)
    if not _payable(submission):
        return redirect("cases:my_submission", receipt_number=receipt_number)
    error = ""
    key = uuid.uuid4().hex
    if request.method == "POST":
        key = request.POST.get("key", "")[:40] or key
        try:
            payment = payment_services.start_payment(
                payer=request.user,
                amount=submission.fee,
                description=submission.procedure_title,
                reference=submission.receipt_number,
                purpose=purpose,
                return_url=reverse("cases:pay", args=[receipt_number]),
                idempotency_key=f"{purpose}:{key}",
                department=submission.department,
            )
        except payment_services.PaymentError as failure:
            error = str(failure)
        else:
            if payment.next_url:
                return redirect(payment.next_url)
            error = _("この支払はすでに終わっています。もう一度お試しください。")
            key = uuid.uuid4().hex
    return render(
        request,
        "cases/pay.html",
        {"submission": submission, "latest": latest, "key": key, "error": error},
        status=400 if error else 200,
    )


@resident_required
def my_page(request: HttpRequest) -> HttpResponse:
    drafts = list(selectors.drafts_of(request.user))
    procedures = procedure_selectors.procedures_by_code(d.procedure_code for d in drafts)
    return render(
        request,
        "cases/my_page.html",
        {
            "submissions": selectors.submissions_of(request.user),
            "drafts": [(d, procedures.get(d.procedure_code)) for d in drafts],
        },
    )


@resident_required
def my_submission(request: HttpRequest, receipt_number: str) -> HttpResponse:
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None:
        raise Http404
    spec = form_selectors.spec_of(submission.form_version)
    return render(
        request,
        "cases/my_submission.html",
        {
            "submission": submission,
            "summary": engine.summary(spec, submission.answers, request.LANGUAGE_CODE),
            "history": submission.status_changes.all(),
            "attachments": selectors.current_attachments(submission),
            "messages_list": submission.messages.select_related("author"),
            "steps": engine.visible_steps(spec, submission.answers),
            "payable": _payable(submission),
            "payments": payment_selectors.payments_for_purpose(services.payment_purpose(submission)),
        },
    )


def status_link(request: HttpRequest, token: str) -> HttpResponse:
    """A guest's application status, reached from the link in the e-mail (no sign-in).

    It shows the status, its history and the department's messages — what the applicant needs
    to follow up — but not the answers or attachments: the link may be forwarded or kept in a
    mailbox longer than a session would last.
    """
    submission = selectors.submission_for_status_link(token)
    if submission is None:
        raise Http404
    return render(
        request,
        "cases/status_link.html",
        {
            "submission": submission,
            "history": submission.status_changes.all(),
            "staff_messages": submission.messages.filter(from_staff=True),
        },
    )


@require_POST
@resident_required
def my_message(request: HttpRequest, receipt_number: str) -> HttpResponse:
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None:
        raise Http404
    try:
        services.post_message(
            submission=submission, body=request.POST.get("body", ""), actor=request.user, from_staff=False
        )
    except services.ApplicationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("メッセージを送信しました。"))
    return redirect("cases:my_submission", receipt_number=receipt_number)


@resident_required
def amend(request: HttpRequest, receipt_number: str, step_key: str) -> HttpResponse:
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None or submission.status != submission.Status.CORRECTION_REQUESTED:
        raise Http404
    spec = form_selectors.spec_of(submission.form_version)
    current = next((s for s in engine.visible_steps(spec, submission.answers) if s.key == step_key), None)
    if current is None:
        raise Http404
    errors: dict = {}
    posted: dict | None = None
    if request.method == "POST":
        outcome = services.amend(
            submission=submission,
            step_key=step_key,
            data=request.POST,
            files=request.FILES,
            actor=request.user,
        )
        if outcome.ok:
            messages.success(request, _("修正した内容を送信しました。"))
            return redirect("cases:my_submission", receipt_number=receipt_number)
        errors, posted = outcome.errors, outcome.raw
    return render(
        request,
        "cases/amend.html",
        {
            "submission": submission,
            "spec": spec,
            "step": current,
            "answers": submission.answers,
            "errors": errors,
            "posted": posted,
            "prefilled": submission.draft.prefilled,
        },
        status=400 if errors else 200,
    )


@require_POST
@resident_required
def bundle_start(request: HttpRequest, life_event_code: str) -> HttpResponse:
    """Start drafts for the online procedures the resident ticked on a life-event guide."""
    try:
        bundle = services.start_bundle(
            applicant=request.user,
            life_event_code=life_event_code,
            procedure_codes=request.POST.getlist("procedure"),
            resident_code=identity_selectors.resident_code_of(request.user) or "",
        )
    except services.ApplicationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"/life-events/{life_event_code}/")
    return redirect("cases:bundle", bundle_id=bundle.pk)


@resident_required
def bundle(request: HttpRequest, bundle_id) -> HttpResponse:
    found = selectors.bundle_of(request.user, bundle_id)
    if found is None:
        raise Http404
    errors: list[str] = []
    assisted = found.drafts.filter(assisted_by=request.user).exists()
    if request.method == "POST" and assisted and request.POST.get("confirmed") != "yes":
        errors = [_("申請者ご本人に画面で内容を確認していただき、確認欄にチェックを入れてください。")]
    elif request.method == "POST":
        try:
            submissions = services.submit_bundle(bundle=found, actor=request.user)
        except services.ApplicationError as error:
            errors = error.messages
        else:
            messages.success(request, _("%(n)d 件の申請をまとめて受け付けました。") % {"n": len(submissions)})
            return redirect("cases:staff_counter" if assisted else "cases:my_page")
    in_bundle = list(found.drafts.select_related("form_version").order_by("created_at"))
    procedures = procedure_selectors.procedures_by_code(d.procedure_code for d in in_bundle)
    drafts = [(d, procedures.get(d.procedure_code), services.is_complete(d)) for d in in_bundle]
    return render(
        request,
        "cases/bundle.html",
        {"bundle": found, "drafts": drafts, "errors": errors, "assisted": assisted},
        status=400 if errors else 200,
    )


def submission_pdf_response(submission, language: str) -> HttpResponse:
    """申請内容の控え — what was submitted, as a PDF the resident (or staff) can keep or print."""
    spec = form_selectors.spec_of(submission.form_version)
    lines = [
        f"{_('受付番号')}: {submission.receipt_number}",
        f"{_('申請日時')}: {timezone.localtime(submission.submitted_at):%Y-%m-%d %H:%M}",
    ]
    if submission.fee:
        lines.append(f"{_('手数料')}: {submission.fee}円")
    content = sections_pdf(
        title=f"{submission.procedure_title}　{_('申請内容の控え')}",
        subtitle_lines=lines,
        sections=engine.summary(spec, submission.answers, language),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{submission.receipt_number}.pdf"'
    return response


@resident_required
def my_submission_pdf(request: HttpRequest, receipt_number: str) -> HttpResponse:
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None:
        raise Http404
    return submission_pdf_response(submission, request.LANGUAGE_CODE)


def attachment_response(submission, attachment_id, *, actor, purpose: str) -> FileResponse:
    """Send an attachment as a download, never inline, with its checked type; the look is audited."""
    attachment = selectors.attachment_of(submission, attachment_id)
    if attachment is None:
        raise Http404
    record_event(
        action="cases.attachment",
        actor=actor,
        object_type="cases.submission",
        object_id=submission.receipt_number,
        purpose=purpose,
        details={"attachment": str(attachment.pk)},
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@resident_required
def my_attachment(request: HttpRequest, receipt_number: str, attachment_id) -> HttpResponse:
    submission = selectors.submission_of(request.user, receipt_number)
    if submission is None:
        raise Http404
    return attachment_response(
        submission, attachment_id, actor=request.user, purpose="本人による添付書類の確認"
    )


@resident_required
@recent_authentication_required
def my_disclosure(request: HttpRequest, fmt: str) -> HttpResponse:
    """開示請求: all the city holds about the resident's applications, as JSON or PDF (audited).

    Everything at once is what a stolen session would want most, so the card is asked for again
    unless the resident signed in with it within MADOGUCHI_REAUTH_SECONDS.
    """
    if fmt not in {"json", "pdf"}:
        raise Http404
    document = disclosure.disclosure_for(request.user)
    if fmt == "pdf":
        response = HttpResponse(disclosure.as_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(disclosure.as_json(document), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="madoguchi-disclosure.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
