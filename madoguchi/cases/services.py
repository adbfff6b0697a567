"""Writes for applications and cases.

Every function that changes a submission locks its row first (``select_for_update``), so two
staff members acting at once, or a resident and a staff member, never interleave; and every
change is kept in the status history, the revisions or the audit trail.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.audit.services import record_event
from madoguchi.cases import prefill, selectors, workflow, written
from madoguchi.cases.emails import send_status_notification, send_submission_confirmation
from madoguchi.cases.models import (
    Attachment,
    Bundle,
    Draft,
    Message,
    Note,
    PrefillConsent,
    Revision,
    StatusChange,
    Submission,
)
from madoguchi.cases.receipts import new_receipt_number
from madoguchi.core.errors import ServiceError
from madoguchi.formbuilder import engine
from madoguchi.formbuilder import selectors as form_selectors
from madoguchi.formbuilder import services as form_services
from madoguchi.payments import purposes
from madoguchi.procedures import selectors as procedure_selectors
from madoguchi.registry import selectors as registry_selectors


class ApplicationError(ServiceError):
    """A request that cannot be carried out; ``messages`` are shown to the person as they are."""


class PrefillMismatch(ApplicationError):
    """A prefilled answer no longer matches the registry (changed there, or tampered with)."""

    def __init__(self, field_key: str) -> None:
        super().__init__(
            _("住民記録から自動入力した内容が確認できませんでした。もう一度自動入力からやり直してください。")
        )
        self.field_key = field_key


def _spec(draft_or_submission: Draft | Submission) -> engine.FormSpec:
    return form_selectors.spec_of(draft_or_submission.form_version)


def _audit(submission: Submission, *, action: str, actor, purpose: str, details: dict | None = None) -> None:
    record_event(
        action=action,
        actor=actor,
        object_type="cases.submission",
        object_id=submission.receipt_number,
        purpose=purpose,
        details=details,
    )


# --- Residents: drafts ---------------------------------------------------------------------------


@transaction.atomic
def start_draft(
    *, applicant, procedure_code: str, resident_code: str = "", assisted_by=None, bundle: Bundle | None = None
) -> Draft:
    """A draft for an online procedure, or the applicant's unfinished one for it (to resume)."""
    procedure = procedure_selectors.procedure_by_code(procedure_code)
    if procedure is None or not procedure.is_published or not procedure.form_code:
        raise ApplicationError(_("この手続はオンラインでは申請できません。"))
    version = form_selectors.current_version(procedure.form_code)
    if version is None:
        raise ApplicationError(_("この手続の申請フォームは準備中です。"))
    existing = (
        Draft.objects.filter(
            applicant=applicant, procedure_code=procedure_code, submitted_at__isnull=True, bundle=bundle
        )
        .order_by("-updated_at")
        .first()
    )
    if existing is not None:
        return existing
    return Draft.objects.create(
        applicant=applicant,
        procedure_code=procedure_code,
        form_version=version,
        resident_code=resident_code,
        assisted_by=assisted_by,
        bundle=bundle,
    )


def _prefill_purpose(procedure) -> str:
    return f"「{procedure.title}」の申請書への自動入力（本人の同意による）"


@transaction.atomic
def consent_to_prefill(*, draft: Draft, actor) -> Draft:
    """同意 — read the registry items the form asks for, once, and keep the values in the draft."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    spec = _spec(draft)
    attributes = prefill.attributes_of(spec)
    if not attributes or not draft.resident_code:
        raise ApplicationError(_("この申請には住民記録からの自動入力はありません。"))
    data = registry_selectors.resident_data(
        draft.resident_code,
        actor=actor,
        purpose=_prefill_purpose(procedure_selectors.procedure_by_code(draft.procedure_code)),
        attributes=attributes,
        moving_in=True,
    )
    if data is None:
        raise ApplicationError(_("住民記録が見つかりませんでした。窓口にお問い合わせください。"))
    draft.prefilled = prefill.values_for(spec, data)
    draft.prefill_consent_at = timezone.now()
    draft.save(update_fields=["prefilled", "prefill_consent_at", "updated_at"])
    PrefillConsent.objects.create(
        user=actor,
        draft=draft,
        resident_code=draft.resident_code,
        procedure_code=draft.procedure_code,
        attributes=attributes,
    )
    return draft


@transaction.atomic
def decline_prefill(*, draft: Draft) -> Draft:
    """The resident prefers to type everything: nothing is read from the registry."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.prefill_declined = True
    draft.save(update_fields=["prefill_declined", "updated_at"])
    return draft


def needs_prefill_decision(draft: Draft) -> bool:
    """Ask for consent before the first step when the form reads the registry and nobody has chosen."""
    return bool(
        draft.resident_code
        and not draft.prefill_consent_at
        and not draft.prefill_declined
        and prefill.attributes_of(_spec(draft))
    )


def carried_answers(draft: Draft) -> dict[str, Any]:
    """書かせない within a bundle: what the resident already said in another form of it.

    For each question not answered here yet and not filled in from the registry: the earlier
    answer to the same key and type, else to one of its ``same_as`` keys, else its default for
    the bundle's life event (``life_event_defaults``). They are offered filled in and stay
    editable; ``written.bundle_stats`` counts exactly these as derived.
    """
    if draft.bundle_id is None:
        return {}
    wanted = [
        question
        for question in _spec(draft).all_fields()
        if question.type in written.CARRIED_TYPES
        and not question.prefill
        and question.key not in draft.answers
    ]
    if not wanted:
        return {}
    earlier: dict[tuple[str, str], Any] = {}
    # The bundle comes with its drafts (this one among them), so it costs no query of its own.
    drafts = list(
        Draft.objects.filter(bundle_id=draft.bundle_id)
        .select_related("form_version", "bundle")
        .order_by("updated_at")
    )
    for sibling in drafts:
        if sibling.pk == draft.pk:
            continue
        types = {question.key: question.type for question in _spec(sibling).all_fields()}
        earlier |= {(key, types[key]): value for key, value in sibling.answers.items() if key in types}
    life_event = drafts[0].bundle.life_event_code
    carried: dict[str, Any] = {}
    for question in wanted:
        source = next(
            (
                (key, question.type)
                for key in (question.key, *question.same_as)
                if (key, question.type) in earlier
            ),
            None,
        )
        if source is not None:
            carried[question.key] = earlier[source]
        elif question.life_event_defaults and life_event in question.life_event_defaults:
            carried[question.key] = question.life_event_defaults[life_event]
    return carried


def _store_upload(
    *, draft: Draft, field_key: str, upload: UploadedFile, checked: dict[str, Any]
) -> dict[str, Any]:
    """Keep an upload the engine has checked; ``checked`` holds its safe name and real type.

    The browser's own file name and declared type are never trusted: the name is sanitised and
    the type is what the content says it is.
    """
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        draft=draft,
        field_key=field_key,
        original_name=checked["name"],
        content_type=checked["content_type"],
        size=upload.size,
        sha256=digest.hexdigest(),
        created_at=timezone.now(),
    )
    attachment.file.save(attachment.id.hex, upload, save=False)
    attachment.save()
    return {**checked, "attachment": str(attachment.id)}


@dataclass
class StepOutcome:
    ok: bool
    errors: dict[str, list[str]] = field(default_factory=dict)
    action: str | None = None
    next_step: str | None = None  # None after the last step: go to the review page
    raw: dict[str, Any] = field(default_factory=dict)  # what was typed, to show it again


@transaction.atomic
def save_step(*, draft: Draft, step_key: str, data, files, actor) -> StepOutcome:
    """Validate one step and keep its answers. A step with errors changes nothing."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.submitted_at is not None:
        raise ApplicationError(_("この申請はすでに送信されています。"))
    spec = _spec(draft)
    result = engine.clean_step(spec, step_key, data, files, draft.answers, draft.prefilled)
    if not result.ok:
        return StepOutcome(ok=False, errors=result.errors, action=result.action, raw=result.raw)
    answers = {**draft.answers, **result.answers}
    for key, upload in result.uploads.items():
        answers[key] = _store_upload(draft=draft, field_key=key, upload=upload, checked=result.answers[key])
    draft.answers = answers
    if step_key not in draft.completed_steps:
        draft.completed_steps = [*draft.completed_steps, step_key]
    draft.save(update_fields=["answers", "completed_steps", "updated_at"])
    steps = [step.key for step in engine.visible_steps(spec, answers)]
    position = steps.index(step_key) if step_key in steps else len(steps) - 1
    return StepOutcome(ok=True, next_step=steps[position + 1] if position + 1 < len(steps) else None)


# --- Residents: submitting -------------------------------------------------------------------------


def _recheck_prefilled(draft: Draft, spec: engine.FormSpec, actor, procedure) -> None:
    """Every prefilled value must still be what the registry says, and what the answers hold."""
    if not draft.prefilled:
        return
    data = registry_selectors.resident_data(
        draft.resident_code,
        actor=actor,
        purpose=_prefill_purpose(procedure) + "の申請時確認",
        attributes=prefill.attributes_of(spec),
        moving_in=True,
    )
    current = prefill.values_for(spec, data) if data else {}
    for key, value in draft.prefilled.items():
        if current.get(key) != value or draft.answers.get(key) != value:
            raise PrefillMismatch(key)


def submit(*, draft_id, actor) -> Submission:
    """送信 — turn a complete draft in the actor's hands into a submission, exactly once.

    Idempotent: a double click, a browser retry or a network retry of the same draft returns the
    submission already made. The draft row is locked and the database refuses a second submission
    for the same draft, so even two requests at the same instant make only one. Takes the draft's
    id, not a draft read earlier: the one locked read here is also the ownership check
    (``Draft.DoesNotExist`` if the draft is not the actor's to submit).
    """
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _submit(draft_id=draft_id, actor=actor)
        except PrefillMismatch as mismatch:
            # Recorded after the rollback, so the attempt stays on the trail on every database.
            record_event(
                action="cases.prefill_mismatch",
                actor=actor,
                object_type="cases.draft",
                object_id=str(draft_id),
                purpose="申請時の自動入力値の確認",
                details={"field": mismatch.field_key},
            )
            raise
        except IntegrityError:
            existing = Submission.objects.filter(draft_id=draft_id).first()
            if existing is not None:
                return existing
            if attempt == 2:
                raise
            # Otherwise two submissions drew the same receipt number: draw again.
    raise AssertionError("unreachable")


def _submit(*, draft_id, actor) -> Submission:
    # Locked, so a second request for the same draft waits here and then sees submitted_at.
    # The form's definition is read only while its version is not locked yet (spec_of keeps the
    # parse). The confirmation e-mail greets the applicant: almost always the actor, already read.
    draft = (
        selectors.drafts_in_hand(actor)
        .select_for_update(of=("self",))
        .select_related("form_version")
        .defer("form_version__definition")
        .get(pk=draft_id)
    )
    if draft.applicant_id == actor.pk:
        draft.applicant = actor
    if draft.submitted_at is not None:
        return Submission.objects.get(draft=draft)
    spec = _spec(draft)
    errors = engine.validate_all(spec, draft.answers)
    if errors:
        raise ApplicationError(*[message for messages in errors.values() for message in messages])
    procedure = procedure_selectors.procedure_by_code(draft.procedure_code)
    _recheck_prefilled(draft, spec, actor, procedure)
    now = timezone.now()
    fee = engine.compute_fee(spec, draft.answers)
    # 事前納付: the case is received only once its fee is captured (see ``receive_payment``).
    status = (
        Submission.Status.AWAITING_PAYMENT
        if fee > 0 and procedure.fee_paid_before_submission
        else Submission.Status.RECEIVED
    )
    submission = Submission.objects.create(
        # Seven random digits a day: a clash is a one-in-ten-million event, and the unique
        # constraint turns it into an IntegrityError that ``submit`` reports rather than hides.
        receipt_number=new_receipt_number(timezone.localdate(now)),
        draft=draft,
        applicant=draft.applicant,
        resident_code=draft.resident_code,
        procedure_code=draft.procedure_code,
        procedure_title=procedure.title,
        department=procedure.department,
        form_version=draft.form_version,
        answers=draft.answers,
        fee=fee,
        status=status,
        submitted_at=now,
        due_on=procedure_selectors.deadline_for(procedure, timezone.localdate(now)),
        assisted_by_id=draft.assisted_by_id,
        bundle_id=draft.bundle_id,
    )
    Revision.objects.create(submission=submission, number=1, answers=draft.answers)
    StatusChange.objects.create(submission=submission, to_status=status, actor=actor)
    draft.submitted_at = now
    draft.save(update_fields=["submitted_at", "updated_at"])
    if draft.form_version.locked_at is None:  # only the first submission to a version locks it
        form_services.lock_version(version=draft.form_version)
    _audit(
        submission,
        action="cases.submit",
        actor=actor,
        purpose="申請の受付",
        details={"procedure": submission.procedure_code, "assisted_by": draft.assisted_by_id},
    )
    if status == Submission.Status.RECEIVED:
        # Written in this transaction (the Notification row is the outbox): if the broker is down
        # at commit, the e-mail is still recorded and the outbox sweeper delivers it later.
        send_submission_confirmation(submission)
    return submission


def payment_purpose(submission: Submission) -> str:
    """The ``purpose`` a payment for this case carries (see payments.services.start_payment)."""
    return purposes.purpose(purposes.CASE, submission.receipt_number)


@transaction.atomic
def receive_payment(*, receipt_number: str, amount: int) -> Submission | None:
    """手数料の納付 — a captured payment for a case: receive the case, or flag a wrong amount.

    Called by the ``payment_captured`` receiver (cases/receivers.py) once per payment; a case
    already received stays as it is, so a second payment for the same case changes no status.
    An amount other than the fee flags the case: it is received (staff must see it) but cannot
    be completed until staff sort the money out.
    """
    submission = Submission.objects.select_for_update().filter(receipt_number=receipt_number).first()
    if submission is None:
        return None
    if amount != submission.fee:
        submission.payment_flag = _("納付額 %(paid)s円 が手数料 %(fee)s円 と異なります。") % {
            "paid": f"{amount:,}",
            "fee": f"{submission.fee:,}",
        }
        submission.save(update_fields=["payment_flag", "updated_at"])
        _audit(
            submission,
            action="cases.payment_mismatch",
            actor=None,
            purpose="手数料の納付の確認",
            details={"paid": amount, "fee": submission.fee},
        )
    if submission.status == Submission.Status.AWAITING_PAYMENT:
        now = timezone.now()
        submission.status = Submission.Status.RECEIVED
        submission.due_on = procedure_selectors.deadline_for(
            procedure_selectors.procedure_by_code(submission.procedure_code), timezone.localdate(now)
        )
        submission.save(update_fields=["status", "due_on", "updated_at"])
        StatusChange.objects.create(
            submission=submission,
            from_status=Submission.Status.AWAITING_PAYMENT,
            to_status=Submission.Status.RECEIVED,
            reason=_("手数料の納付を確認しました"),
            actor=None,
        )
        _audit(
            submission,
            action="cases.paid",
            actor=None,
            purpose="手数料の納付の確認",
            details={"paid": amount},
        )
        send_submission_confirmation(submission)  # into the outbox, in this transaction
    return submission


# --- Staff: handling a case ----------------------------------------------------------------------


# The changes an applicant is told about by e-mail (every change shows on their status page).
NOTIFIED_STATUSES = frozenset(
    {Submission.Status.CORRECTION_REQUESTED, Submission.Status.COMPLETED, Submission.Status.REJECTED}
)


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


@transaction.atomic
def change_status(
    *, submission: Submission, to_status: str, reason: str = "", actor, decided_by: str = ""
) -> Submission:
    """Move a case on; ``decided_by`` names the decided draft (決裁) for a procedure that needs one."""
    submission = _locked(submission)
    if to_status in workflow.NEEDS_DECISION and not decided_by:
        procedure = procedure_selectors.procedure_by_code(submission.procedure_code)
        if procedure is not None and procedure.requires_decision:
            raise ApplicationError(
                _("この手続の処分には決裁が必要です。「決裁を起案する」から決裁を受けてください。")
            )
    if not workflow.can_move(submission.status, to_status):
        raise ApplicationError(
            _("「%(from)s」から「%(to)s」には変更できません。")
            % {"from": Submission.Status(submission.status).label, "to": Submission.Status(to_status).label}
        )
    if (submission.status, to_status) in workflow.PAYMENT_ONLY:
        raise ApplicationError(_("手数料の納付が確認されると自動で受付になります。"))
    if to_status == Submission.Status.COMPLETED and submission.payment_flag:
        raise ApplicationError(
            _("納付に確認事項があるため完了にできません: %(flag)s") % {"flag": submission.payment_flag}
        )
    if to_status in workflow.NEEDS_REASON and not reason.strip():
        raise ApplicationError(_("理由を入力してください。"))
    previous = submission.status
    submission.status = to_status
    submission.save(update_fields=["status", "updated_at"])
    StatusChange.objects.create(
        submission=submission, from_status=previous, to_status=to_status, reason=reason.strip(), actor=actor
    )
    if to_status in NOTIFIED_STATUSES:
        send_status_notification(submission, to_status)  # into the outbox, in this transaction
    _audit(
        submission,
        action="cases.status",
        actor=actor,
        purpose="案件の処理",
        details={"from": previous, "to": to_status, "decided_by": decided_by},
    )
    return submission


@transaction.atomic
def record_decision(*, receipt_number: str, outcome: str, decided: bool, reference: str, actor) -> None:
    """The hook the approvals app calls when a draft about a case closes.

    A decided draft carries the case to ``outcome`` (完了 or 却下) citing the draft; a draft that
    was itself rejected leaves the case open, with a note saying so.
    """
    submission = Submission.objects.get(receipt_number=receipt_number)
    if decided:
        change_status(
            submission=submission,
            to_status=outcome,
            reason=_("決裁（%(reference)s）による処分") % {"reference": reference},
            actor=actor,
            decided_by=reference,
        )
    else:
        Note.objects.create(
            submission=submission,
            author=actor,
            body=_("決裁（%(reference)s）で却下されました。処分は未決定です。") % {"reference": reference},
        )


@transaction.atomic
def request_correction(*, submission: Submission, message: str, actor) -> Submission:
    """補正依頼 — ask the applicant to amend; the request is also posted as a message."""
    submission = change_status(
        submission=submission, to_status=Submission.Status.CORRECTION_REQUESTED, reason=message, actor=actor
    )
    Message.objects.create(submission=submission, author=actor, from_staff=True, body=message.strip())
    return submission


@transaction.atomic
def assign(*, submission: Submission, assignee, actor) -> Submission:
    submission = _locked(submission)
    submission.assigned_to = assignee
    submission.save(update_fields=["assigned_to", "updated_at"])
    _audit(
        submission,
        action="cases.assign",
        actor=actor,
        purpose="担当者の割当て",
        details={"assignee": assignee.pk if assignee else None},
    )
    return submission


def add_note(*, submission: Submission, body: str, actor) -> Note:
    if not body.strip():
        raise ApplicationError(_("メモを入力してください。"))
    return Note.objects.create(submission=submission, author=actor, body=body.strip())


def post_message(*, submission: Submission, body: str, actor, from_staff: bool) -> Message:
    if not body.strip():
        raise ApplicationError(_("メッセージを入力してください。"))
    message = Message.objects.create(
        submission=submission, author=actor, from_staff=from_staff, body=body.strip()
    )
    _audit(submission, action="cases.message", actor=actor, purpose="申請に関する連絡")
    return message


# --- Residents: amending after a correction request ----------------------------------------------


@transaction.atomic
def amend(*, submission: Submission, step_key: str, data, files, actor) -> StepOutcome:
    """補正 — the applicant changes one step of the same submission; every version is kept."""
    submission = _locked(submission)
    if submission.status != Submission.Status.CORRECTION_REQUESTED:
        raise ApplicationError(_("この申請は現在修正できません。"))
    spec = _spec(submission)
    prefilled = submission.draft.prefilled
    result = engine.clean_step(spec, step_key, data, files, submission.answers, prefilled)
    if not result.ok:
        return StepOutcome(ok=False, errors=result.errors, action=result.action, raw=result.raw)
    answers = {**submission.answers, **result.answers}
    for key, upload in result.uploads.items():
        answers[key] = _store_upload(
            draft=submission.draft, field_key=key, upload=upload, checked=result.answers[key]
        )
    errors = engine.validate_all(spec, answers)
    if errors:
        return StepOutcome(ok=False, errors=errors, raw=result.raw)
    submission.answers = answers
    submission.fee = engine.compute_fee(spec, answers)
    submission.save(update_fields=["answers", "fee", "updated_at"])
    Revision.objects.create(submission=submission, number=submission.revisions.count() + 1, answers=answers)
    change_status(
        submission=submission,
        to_status=Submission.Status.UNDER_REVIEW,
        reason=_("申請者が補正しました"),
        actor=actor,
    )
    return StepOutcome(ok=True)


# --- Life-event bundles ----------------------------------------------------------------------------


@transaction.atomic
def start_bundle(
    *, applicant, life_event_code: str, procedure_codes: list[str], resident_code: str = "", assisted_by=None
) -> Bundle:
    """ライフイベントの一括申請 — one draft per online procedure the resident chose."""
    if not procedure_codes:
        raise ApplicationError(_("申請する手続を選んでください。"))
    bundle = Bundle.objects.create(applicant=applicant, life_event_code=life_event_code)
    for code in procedure_codes:
        start_draft(
            applicant=applicant,
            procedure_code=code,
            resident_code=resident_code,
            assisted_by=assisted_by,
            bundle=bundle,
        )
    return bundle


@transaction.atomic
def submit_bundle(*, bundle: Bundle, actor) -> list[Submission]:
    """Submit every draft of the bundle together: all of them, or none if one fails.

    Each draft still becomes exactly one submission (see ``submit``), so a retried request
    returns the same submissions.
    """
    drafts = list(bundle.drafts.order_by("created_at"))
    incomplete = [d for d in drafts if d.submitted_at is None and not is_complete(d)]
    if incomplete:
        raise ApplicationError(_("入力が終わっていない申請があります。すべて入力してから送信してください。"))
    return [submit(draft_id=draft.pk, actor=actor) for draft in drafts]


def is_complete(draft: Draft) -> bool:
    spec = _spec(draft)
    steps = [step.key for step in engine.visible_steps(spec, draft.answers)]
    return all(key in draft.completed_steps for key in steps) and not engine.validate_all(spec, draft.answers)
