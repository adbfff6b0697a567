"""保存期間 — retention of application data, and expiry of unsent drafts.

A closed case (完了・却下) keeps its content for the procedure's 保存年限 (``retention_years``)
counted from the day it was closed; then its personal content is removed: answers, revisions,
messages, notes, uploaded files and the link to the resident record. What remains (receipt number,
procedure, department, status history, dates, fee) supports statistics and the audit trail,
which is never touched. Drafts never sent expire ``MADOGUCHI_DRAFT_EXPIRY_DAYS`` after their last
change. Both run daily as Celery tasks and by ``madoguchi retention``; ``now`` can be passed so the
rules are tested at any date. Guest accounts (a visitor applying without signing in) left with no
draft and no case are removed ``MADOGUCHI_GUEST_ACCOUNT_DAYS`` after they were opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q

from madoguchi.audit.services import record_event
from madoguchi.cases.models import (
    Attachment,
    Bundle,
    Draft,
    Message,
    Note,
    PrefillConsent,
    Revision,
    Submission,
)
from madoguchi.identity import selectors as identity_selectors
from madoguchi.identity import services as identity_services
from madoguchi.procedures.selectors import retention_years_by_code

CLOSED = (Submission.Status.COMPLETED, Submission.Status.REJECTED)
REMOVED = "（保存期間の経過により削除）"


@dataclass(frozen=True)
class RetentionResult:
    anonymised: list[str]
    drafts_expired: int


def _years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def due_for_anonymisation(*, now: dt.datetime) -> list[Submission]:
    """Closed, not yet anonymised cases whose procedure's retention ended before ``now``."""
    years = retention_years_by_code()
    candidates = (
        Submission.objects.filter(status__in=CLOSED, anonymised_at__isnull=True)
        .annotate(closed_at=Max("status_changes__at", filter=Q(status_changes__to_status__in=CLOSED)))
        .order_by("pk")
    )
    return [
        submission
        for submission in candidates
        if submission.procedure_code in years
        and submission.closed_at is not None
        and submission.closed_at <= _years_before(now, years[submission.procedure_code])
    ]


def _delete_files(attachments) -> None:
    for attachment in attachments:
        attachment.file.delete(save=False)


@transaction.atomic
def anonymise(*, submission: Submission, now: dt.datetime) -> None:
    """Remove the personal content of one closed case; leave its skeleton and the audit trail."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.anonymised_at is not None:
        return
    attachments = list(Attachment.objects.filter(draft_id=submission.draft_id))
    transaction.on_commit(lambda: _delete_files(attachments))
    Attachment.objects.filter(draft_id=submission.draft_id).delete()
    PrefillConsent.objects.filter(draft_id=submission.draft_id).update(attributes=[], resident_code="")
    Draft.objects.filter(pk=submission.draft_id).update(answers={}, prefilled={}, resident_code="")
    Revision.objects.filter(submission=submission).update(answers={})
    Message.objects.filter(submission=submission).update(body=REMOVED)
    Note.objects.filter(submission=submission).update(body=REMOVED)
    submission.answers = {}
    submission.resident_code = ""
    submission.anonymised_at = now
    submission.save(update_fields=["answers", "resident_code", "anonymised_at", "updated_at"])
    record_event(
        action="cases.retention_anonymise",
        object_type="cases.submission",
        object_id=submission.receipt_number,
        purpose="保存年限の経過",
        details={"procedure": submission.procedure_code, "attachments": len(attachments)},
    )


def expire_drafts(*, now: dt.datetime) -> int:
    """Delete drafts not sent and not changed for MADOGUCHI_DRAFT_EXPIRY_DAYS; returns how many."""
    cutoff = now - dt.timedelta(days=settings.MADOGUCHI_DRAFT_EXPIRY_DAYS)
    expired = 0
    for draft_id in Draft.objects.filter(submitted_at__isnull=True, updated_at__lt=cutoff).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            draft = Draft.objects.select_for_update().filter(pk=draft_id, submitted_at__isnull=True).first()
            if draft is None or draft.updated_at >= cutoff:
                continue  # sent or touched meanwhile
            attachments = list(draft.attachments.all())
            transaction.on_commit(lambda attachments=attachments: _delete_files(attachments))
            draft.attachments.all().delete()
            draft.consents.all().delete()
            draft.delete()
            expired += 1
    if expired:
        record_event(
            action="cases.drafts_expired",
            object_type="cases.draft",
            purpose="下書きの保存期限の経過",
            details={"count": expired, "days": settings.MADOGUCHI_DRAFT_EXPIRY_DAYS},
        )
    return expired


def apply_retention(*, now: dt.datetime) -> RetentionResult:
    anonymised = []
    for submission in due_for_anonymisation(now=now):
        anonymise(submission=submission, now=now)
        anonymised.append(submission.receipt_number)
    return RetentionResult(anonymised=anonymised, drafts_expired=expire_drafts(now=now))


def remove_idle_guest_accounts(*, now: dt.datetime) -> int:
    """Remove guest accounts opened MADOGUCHI_GUEST_ACCOUNT_DAYS ago that own no draft or case.

    A guest's account exists only to own the visitor's drafts and submissions; once its drafts
    have been sent or have expired and it owns no case, nobody can use it again (it has no
    password and its session is gone). Returns how many were removed.
    """
    idle = identity_selectors.idle_guest_accounts(
        opened_before=now - dt.timedelta(days=settings.MADOGUCHI_GUEST_ACCOUNT_DAYS),
        owners=[
            Draft.objects.values("applicant_id"),
            Submission.objects.values("applicant_id"),
            Bundle.objects.values("applicant_id"),
        ],
    )
    return identity_services.remove_guest_accounts(user_ids=idle)
