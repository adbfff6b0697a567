"""Reads of the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from madoguchi.audit.chain import Verification, verify
from madoguchi.audit.models import AuditEvent


def verify_trail(progress: Callable[[int], None] | None = None) -> Verification:
    """Recompute the whole chain in ``seq`` order, streaming so memory stays flat.

    ``progress`` is called once per event (for a progress bar).
    """

    def stream():
        for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=5000):
            if progress is not None:
                progress(1)
            yield event

    return verify(stream())


def event_count() -> int:
    return AuditEvent.objects.count()


# --- Personal-data access log (個人情報の閲覧記録) -------------------------------------------------------

# Actions that are a look at (or a change made with) a resident's personal data, and how a resident
# reads each on their own page.
PERSONAL_DATA_ACTIONS: dict[str, str] = {
    "registry.read": gettext_noop("住民記録の閲覧"),
    "registry.match": gettext_noop("住民記録との照合"),
    "registry.search": gettext_noop("住民記録の検索"),
    "registry.read_household": gettext_noop("世帯情報の閲覧"),
    "cases.view": gettext_noop("申請内容の閲覧"),
    "cases.attachment": gettext_noop("添付書類の閲覧"),
    "cases.status": gettext_noop("申請の処理"),
    "cases.assign": gettext_noop("担当者の割り当て"),
    "cases.message": gettext_noop("申請に関する連絡"),
    "certificates.view": gettext_noop("証明書の閲覧"),
    "payments.view": gettext_noop("支払の閲覧"),
}


@dataclass(frozen=True)
class AccessEntry:
    """One look at a resident's data as the resident sees it: which office, which post, when, why."""

    occurred_at: dt.datetime
    action: str
    what: str
    department: str
    role: str
    purpose: str


def _resident_events(*, resident_code: str | None, receipt_numbers: list[str]) -> Q:
    condition = Q(object_type="cases.submission", object_id__in=receipt_numbers)
    if resident_code:
        condition |= Q(object_type="registry.resident", object_id=resident_code)
        # A counter search shows the people it found: each found resident sees it.
        condition |= Q(action="registry.search", details__icontains=resident_code)
    return condition


def access_log_for_resident(
    *, user_id: int, resident_code: str | None, receipt_numbers: list[str], limit: int = 200
) -> list[AccessEntry]:
    """Who looked at this resident's data — by department and post, never by name — newest first.

    The resident's own looks and sign-ins are left out: the page answers "who at the city".
    The post is the one the staff member held that day (appointments are dated), so a later
    transfer does not rewrite the history.
    """
    from madoguchi.organization.selectors import posts_held_by

    events = list(
        AuditEvent.objects.filter(
            _resident_events(resident_code=resident_code, receipt_numbers=receipt_numbers)
        )
        .filter(action__in=PERSONAL_DATA_ACTIONS)
        .exclude(actor_id=user_id)
        .order_by("-seq")[:limit]
    )
    posts_cache: dict[tuple[int, dt.date], tuple[str, str]] = {}
    entries = []
    for event in events:
        department, role = "", ""
        if event.actor_id is not None:
            day = timezone.localtime(event.occurred_at).date()
            key = (event.actor_id, day)
            if key not in posts_cache:
                posts = posts_held_by(event.actor_id, day)
                posts_cache[key] = (str(posts[0].department), str(posts[0].position)) if posts else ("", "")
            department, role = posts_cache[key]
        entries.append(
            AccessEntry(
                occurred_at=event.occurred_at,
                action=event.action,
                what=PERSONAL_DATA_ACTIONS[event.action],
                department=department,
                role=role,
                purpose=event.purpose,
            )
        )
    return entries


@dataclass(frozen=True)
class TrailQuery:
    action: str = ""
    actor: str = ""
    object_id: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def search_trail(query: TrailQuery) -> QuerySet[AuditEvent]:
    """The audit trail filtered for an auditor (監査), newest first."""
    events = AuditEvent.objects.all()
    if query.action:
        events = events.filter(action__startswith=query.action)
    if query.actor:
        events = events.filter(actor_label__icontains=query.actor)
    if query.object_id:
        events = events.filter(object_id=query.object_id)
    if query.date_from:
        events = events.filter(occurred_at__date__gte=query.date_from)
    if query.date_to:
        events = events.filter(occurred_at__date__lte=query.date_to)
    return events.order_by("-seq")


def events_about(object_ids: list[str]) -> list[AuditEvent]:
    """Every event whose object is one of ``object_ids`` (a resident's code, their receipt numbers),
    oldest first — for 開示請求, where a resident receives the log of what was done with their data."""
    ids = [object_id for object_id in object_ids if object_id]
    return list(AuditEvent.objects.filter(object_id__in=ids).order_by("seq")) if ids else []
