"""Reads of applications and cases, with the access rule in the query itself.

A resident only ever gets their own submissions; staff only those of the departments they hold a
post in (or below). Views cannot forget the rule because there is no other way to fetch a case.
Looking at a case's content is personal data: those selectors write an audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from madoguchi.audit.services import record_event
from madoguchi.cases import workflow
from madoguchi.cases.models import Attachment, Bundle, Draft, Submission
from madoguchi.core import versions
from madoguchi.formbuilder import engine
from madoguchi.formbuilder import selectors as form_selectors
from madoguchi.identity import selectors as identity_selectors
from madoguchi.organization.selectors import posts_held_by, subtree_ids
from madoguchi.procedures import selectors as procedure_selectors

# A guest's status link (see ``status_path``) works for a little over a year.
STATUS_LINK_SALT = "cases.status-link"
STATUS_LINK_MAX_AGE = dt.timedelta(days=400)


def status_path(submission: Submission) -> str:
    """Where the applicant follows the application: the マイページ page, or a guest's signed link.

    A guest (no sign-in) has no マイページ after the browser session ends; the link carries the
    receipt number signed with the site's key, so it cannot be guessed from a receipt number.
    """
    if identity_selectors.is_guest(submission.applicant):
        token = signing.dumps(submission.receipt_number, salt=STATUS_LINK_SALT)
        return reverse("cases:status_link", kwargs={"token": token})
    return reverse("cases:my_submission", kwargs={"receipt_number": submission.receipt_number})


def submission_for_status_link(token: str) -> Submission | None:
    """The submission a guest's status link names, or None for a forged or expired link."""
    try:
        receipt_number = signing.loads(token, salt=STATUS_LINK_SALT, max_age=STATUS_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Submission.objects.select_related("department").filter(receipt_number=receipt_number).first()


def applicant_name(submission: Submission) -> str:
    """The name to greet the applicant by: the account's, else the name given in the form."""
    if not identity_selectors.is_guest(submission.applicant):
        return submission.applicant.display_name
    name = submission.answers.get("name")
    if isinstance(name, dict) and name.get("last"):
        return f"{name.get('last', '')} {name.get('first', '')}".strip()
    return "申請者"


def submission_for_system(receipt_number: str) -> Submission | None:
    """A submission by receipt number for another app's background work (no person is looking).

    For example certificates, issuing the document a paid application asked for. It is not a
    look at the answers by staff, so it writes no audit event; the caller's own actions do.
    """
    return Submission.objects.select_related("applicant").filter(receipt_number=receipt_number).first()


def contact_email(submission: Submission) -> str:
    """Where to write to the applicant: the address in the form, else the account's."""
    answered = submission.answers.get("email")
    return answered if isinstance(answered, str) and answered else submission.applicant.email


# --- Residents -------------------------------------------------------------------------------------


def drafts_of(user) -> QuerySet[Draft]:
    return Draft.objects.filter(applicant=user, submitted_at__isnull=True).order_by("-updated_at")


def drafts_in_hand(user) -> QuerySet[Draft]:
    """The drafts ``user`` may work on: their own, and those a counter clerk fills in for a resident."""
    return Draft.objects.filter(Q(applicant=user) | Q(assisted_by=user))


def draft_of(user, draft_id) -> Draft | None:
    """One draft in the user's hands (see ``drafts_in_hand``), or None."""
    return drafts_in_hand(user).select_related("form_version").filter(pk=draft_id).first()


def submissions_of(user) -> QuerySet[Submission]:
    return Submission.objects.filter(applicant=user).order_by("-submitted_at")


def submission_of(user, receipt_number: str) -> Submission | None:
    return (
        Submission.objects.select_related("department", "form_version", "draft")
        .filter(applicant=user, receipt_number=receipt_number)
        .first()
    )


# --- Staff -----------------------------------------------------------------------------------------


def department_ids_of(user, day: dt.date | None = None) -> set[int]:
    """The departments whose cases a staff member may see: where they hold a post, and below.

    A 係 member handles the cases of their 課, which is where procedures are assigned.
    """
    posts = posts_held_by(user.pk, day)
    roots = {post.department_id for post in posts}
    roots |= {post.department.parent_id for post in posts if post.department.level == "kakari"}
    return subtree_ids(roots - {None})


@dataclass(frozen=True)
class StaffScope:
    """What one staff member may see, worked out once per request.

    ``case_departments`` keeps only the departments responsible for a procedure — where every
    case is filed — so that a 課 member's inbox filters on that one department, which the
    (department, status, submitted_at) index answers in order without sorting thousands of rows.
    (Cases of a department abolished in a reorganisation stay reachable by receipt number.)
    """

    user: Any
    case_departments: frozenset[int]
    procedures: tuple[tuple[str, str], ...]


def staff_scope(user) -> StaffScope:
    """Worked out from the posts and the catalogue, and cached until either changes.

    The inbox is the page staff open most; without the cache the scope alone took more database
    round trips than the list itself.
    """
    organization, catalogue = versions.current("organization", "procedures")
    key = f"cases:scope:{user.pk}:{timezone.localdate()}:{organization}:{catalogue}"
    cached = cache.get(key)
    if cached is None:
        rows = procedure_selectors.procedures_of_departments(department_ids_of(user)).values_list(
            "code", "title", "department_id"
        )
        cached = (frozenset(row[2] for row in rows), tuple((row[0], row[1]) for row in rows))
        if not versions.pending("organization", "procedures"):
            cache.set(key, cached, timeout=600)  # not while this transaction's change may roll back
    case_departments, procedures = cached
    return StaffScope(user=user, case_departments=case_departments, procedures=procedures)


@dataclass(frozen=True)
class InboxFilter:
    status: str = ""
    procedure: str = ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    overdue: bool = False
    assigned_to_me: bool = False


INBOX_COLUMNS = (
    "receipt_number",
    "procedure_title",
    "status",
    "submitted_at",
    "due_on",
    "assisted_by_id",
    "assigned_to__username",
    "assigned_to__last_name",
    "assigned_to__first_name",
)


def inbox(scope: StaffScope, criteria: InboxFilter) -> QuerySet[Submission]:
    """A department inbox: newest first, only the staff member's departments.

    Only the columns a list shows are loaded: decoding fifty sets of answers would cost more
    than the query.
    """
    user = scope.user
    cases = (
        Submission.objects.filter(department_id__in=scope.case_departments)
        .select_related("assigned_to")
        .only(*INBOX_COLUMNS)
    )
    if criteria.status:
        cases = cases.filter(status=criteria.status)
    else:
        # A case waiting for its fee is not yet received: listed only when asked for by status.
        cases = cases.exclude(status=Submission.Status.AWAITING_PAYMENT)
    if criteria.procedure:
        cases = cases.filter(procedure_code=criteria.procedure)
    if criteria.received_from:
        cases = cases.filter(submitted_at__date__gte=criteria.received_from)
    if criteria.received_to:
        cases = cases.filter(submitted_at__date__lte=criteria.received_to)
    if criteria.overdue:
        cases = cases.filter(status__in=workflow.OPEN, due_on__lt=timezone.localdate())
    if criteria.assigned_to_me:
        cases = cases.filter(assigned_to=user)
    return cases.order_by("-submitted_at")


def case_for_staff(user, receipt_number: str, *, purpose: str) -> Submission | None:
    """One case, if it belongs to the staff member's departments; the look is audited."""
    submission = (
        Submission.objects.select_related("department", "applicant", "assigned_to", "form_version", "draft")
        .filter(department_id__in=department_ids_of(user), receipt_number=receipt_number)
        .first()
    )
    if submission is not None:
        record_event(
            action="cases.view",
            actor=user,
            object_type="cases.submission",
            object_id=receipt_number,
            purpose=purpose,
        )
    return submission


def export_rows(scope: StaffScope, criteria: InboxFilter) -> tuple[list[str], list[list[Any]]]:
    """The inbox as rows for CSV (受付番号, 手続, 状態, 申請日時, 処理期限, 担当者) — no answers."""
    header = ["受付番号", "手続", "状態", "申請日時", "処理期限", "担当者", "窓口で代行"]
    rows = [
        [
            case.receipt_number,
            case.procedure_title,
            Submission.Status(case.status).label,
            timezone.localtime(case.submitted_at).strftime("%Y-%m-%d %H:%M"),
            case.due_on.isoformat() if case.due_on else "",
            case.assigned_to.display_name if case.assigned_to else "",
            "はい" if case.assisted_by_id else "",
        ]
        for case in inbox(scope, criteria)
    ]
    record_event(
        action="cases.export",
        actor=scope.user,
        object_type="cases.submission",
        purpose="受付一覧の出力",
        details={"rows": len(rows)},
    )
    return header, rows


def bundle_of(user, bundle_id) -> Bundle | None:
    """A bundle of the applicant's, or one whose drafts the clerk is filling in at the counter."""
    return (
        Bundle.objects.filter(Q(applicant=user) | Q(drafts__assisted_by=user), pk=bundle_id)
        .distinct()
        .first()
    )


def attachment_of(submission: Submission, attachment_id) -> Attachment | None:
    """An attachment of this submission's draft (the caller has already checked the submission)."""
    return Attachment.objects.filter(draft_id=submission.draft_id, pk=attachment_id).first()


def current_attachments(submission: Submission) -> list[Attachment]:
    """The files the latest answers point to (a replaced upload stays in the history only)."""
    ids = [
        value["attachment"]
        for value in submission.answers.values()
        if isinstance(value, dict) and "attachment" in value
    ]
    return list(Attachment.objects.filter(draft_id=submission.draft_id, pk__in=ids))


def monthly_submission_counts() -> list[dict[str, Any]]:
    """申請件数の月別集計 — per procedure and month (Asia/Tokyo): all and submitted online.

    Counts only, no applicant data (so no audit event): the open-data portal publishes them as
    the city's own statistics. "Online" means the resident sent it; the rest were filled in at the
    counter (``assisted_by``).
    """
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    rows = (
        Submission.objects.annotate(month=TruncMonth("submitted_at", tzinfo=timezone.get_default_timezone()))
        .values("month", "procedure_code", "procedure_title")
        .annotate(total=Count("pk"), online=Count("pk", filter=Q(assisted_by__isnull=True)))
        .order_by("month", "procedure_code")
    )
    return [
        {
            "month": row["month"].date() if hasattr(row["month"], "date") else row["month"],
            "procedure_code": row["procedure_code"],
            "procedure_title": row["procedure_title"],
            "total": row["total"],
            "online": row["online"],
        }
        for row in rows
    ]


def case_summary_text(submission: Submission, language: str = "ja") -> str:
    """The answers as plain text, e.g. to pre-fill a draft (起案) for the case's decision."""
    spec = form_selectors.spec_of(submission.form_version)
    lines = []
    for title, rows in engine.summary(spec, submission.answers, language):
        lines.append(f"【{title}】")
        lines += [f"{label}: {value}" for label, value in rows]
    return "\n".join(lines)


def requires_decision(submission: Submission) -> bool:
    procedure = procedure_selectors.procedure_by_code(submission.procedure_code)
    return bool(procedure and procedure.requires_decision)
