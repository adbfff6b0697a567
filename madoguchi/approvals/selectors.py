"""Reads for electronic approval: route proposals, the pending inbox, who may see a draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from madoguchi.approvals.models import Absence, Action, Draft, MatterClass, Stage, StageMember
from madoguchi.approvals.routes import MemberSpec, StageSpec
from madoguchi.organization import selectors as org_selectors

# The post that leads each level of the department tree (係長 leads a 係, and so on).
LEADER_OF_LEVEL = {"kakari": "kakaricho", "ka": "kacho", "bu": "bucho"}


def matter_classes() -> QuerySet[MatterClass]:
    return MatterClass.objects.select_related("decider")


def _member(membership) -> MemberSpec:
    return MemberSpec(membership.user_id, membership.department_id, membership.position_id)


def propose_route(*, department, matter: MatterClass, drafter, day: dt.date | None = None) -> list[StageSpec]:
    """The route the authority matrix (専決規程) gives a draft of ``matter`` from ``department``.

    Up the tree from the drafting unit, the head of each level (係長 → 課長 → 部長) approves until
    the level whose head is the decider; a decider above the 部 (副市長, 市長) is found wherever
    they are appointed. The divisions the matrix names are consulted (合議, all must agree) just
    before the decision. The drafter is never on their own route; a post nobody holds is left out.
    """
    decider_rank = matter.decider.rank
    approvers: list[StageSpec] = []
    decider: MemberSpec | None = None
    escalate = False  # the drafter holds the deciding post: the next head up decides
    unit = department
    while unit is not None and decider is None:
        leader_code = LEADER_OF_LEVEL.get(unit.level)
        everyone = org_selectors.holders_of(unit, leader_code, day)
        holders = [h for h in everyone if h.user_id != drafter.pk]
        if everyone and not holders and leader_code == matter.decider.code:
            escalate = True
        elif holders and escalate:
            decider = _member(holders[0])
        elif holders and holders[0].position.rank <= decider_rank:
            if holders[0].position.code == matter.decider.code:
                decider = _member(holders[0])
            break
        elif holders:
            approvers.append(StageSpec(Stage.Kind.APPROVE, members=(_member(holders[0]),)))
        unit = unit.parent
    if decider is None and matter.decider.code not in LEADER_OF_LEVEL.values():
        top = [
            m
            for m in org_selectors.memberships_on(day).filter(position=matter.decider)
            if m.user_id != drafter.pk
        ]
        if top:
            decider = _member(top[0])
    consulted = []
    for code in matter.consult_department_codes:
        municipality = department.municipality
        consulted_unit = org_selectors.department_by_code(municipality, code)
        heads = org_selectors.holders_of(consulted_unit, LEADER_OF_LEVEL[consulted_unit.level], day)
        if heads and heads[0].department_id != department.pk:
            consulted.append(_member(heads[0]))
    route = approvers
    if consulted:
        route.append(StageSpec(Stage.Kind.CONSULT, Stage.Mode.ALL, tuple(consulted)))
    if decider is not None:
        route.append(StageSpec(Stage.Kind.DECIDE, members=(decider,)))
    return route


def stand_ins_on(user_ids: Iterable[int], day: dt.date) -> dict[int, int]:
    """Absent user id → stand-in user id, for those of ``user_ids`` away on ``day``."""
    rows = Absence.objects.filter(user_id__in=list(user_ids), starts_on__lte=day, ends_on__gte=day).order_by(
        "created_at"
    )
    return {row.user_id: row.stand_in_id for row in rows}


def absences_standing_in(user, day: dt.date | None = None) -> QuerySet[Absence]:
    day = day or timezone.localdate()
    return Absence.objects.filter(stand_in=user, starts_on__lte=day, ends_on__gte=day)


def pending_for(user, day: dt.date | None = None) -> QuerySet[StageMember]:
    """承認待ち — stage places waiting for ``user``, or for someone ``user`` stands in for (代決).

    Members are WAITING only while their stage is active, so this is an index lookup on
    (user, status) however many drafts exist.
    """
    absent = list(absences_standing_in(user, day).values_list("user_id", flat=True))
    mine = Q(user=user)
    if absent:
        mine |= Q(user_id__in=absent, stage__kind=Stage.Kind.DECIDE)
    return (
        StageMember.objects.filter(mine, status=StageMember.Status.WAITING)
        .select_related("stage__draft__department", "stage__draft__drafter")
        .only(
            "id",
            "user_id",
            "stage__kind",
            "stage__order",
            "waiting_since",
            "stage__draft__id",
            "stage__draft__title",
            "stage__draft__department__name",
            "stage__draft__drafter__last_name",
            "stage__draft__drafter__first_name",
        )
        .order_by("waiting_since", "pk")
    )


@dataclass(frozen=True)
class PendingRow:
    """One line of the inbox (承認待ち一覧), as plain values."""

    draft_id: int
    title: str
    department: str
    drafter: str
    stage_order: int
    stage_kind: str
    waiting_since: dt.datetime | None
    stand_in: bool  # 代決: the place is someone's the user stands in for


def _display_name(last: str, first: str, username: str) -> str:
    """As ``User.display_name``, without building a user per line."""
    return f"{last} {first}".strip() or username


def pending_rows(user, limit: int, offset: int = 0) -> list[PendingRow]:
    """``limit`` places of ``pending_for`` from the ``offset``-th oldest, for the inbox page.

    Plain values in one query: five model instances and a lazily translated label per line cost
    the page more than the query did.
    """
    kinds = {value: str(label) for value, label in Stage.Kind.choices}
    rows = pending_for(user).values_list(
        "stage__draft_id",
        "stage__draft__title",
        "stage__draft__department__name",
        "stage__draft__drafter__last_name",
        "stage__draft__drafter__first_name",
        "stage__draft__drafter__username",
        "stage__order",
        "stage__kind",
        "waiting_since",
        "user_id",
    )[offset : offset + limit]
    return [
        PendingRow(
            draft_id=draft_id,
            title=title,
            department=department,
            drafter=_display_name(last, first, username),
            stage_order=order,
            stage_kind=kinds[kind],
            waiting_since=waiting_since,
            stand_in=member != user.pk,
        )
        for draft_id, title, department, last, first, username, order, kind, waiting_since, member in rows
    ]


PENDING_COUNT_TTL = 300


def pending_count_key(user_id: int) -> str:
    return f"approvals:pending-count:{user_id}"


def pending_count(user) -> int:
    """The number in the staff header, cached: services forget it for everyone an action touches."""
    key = pending_count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = pending_for(user).count()
        cache.set(key, count, PENDING_COUNT_TTL)
    return count


def post_reviews_owed(draft: Draft) -> list[StageMember]:
    """Members of a decided draft who owe a 後閲 and have not given it."""
    reviewed = Action.objects.filter(member=OuterRef("pk"), kind=Action.Kind.POST_REVIEW)
    return list(
        StageMember.objects.filter(
            stage__draft=draft, status__in=[StageMember.Status.SKIPPED, StageMember.Status.DELEGATED]
        )
        .exclude(Exists(reviewed))
        .select_related("user")
    )


def post_reviews_for(user) -> QuerySet[StageMember]:
    """Decided drafts on which ``user`` owes a 後閲."""
    reviewed = Action.objects.filter(member=OuterRef("pk"), kind=Action.Kind.POST_REVIEW)
    return (
        StageMember.objects.filter(
            user=user,
            status__in=[StageMember.Status.SKIPPED, StageMember.Status.DELEGATED],
            stage__draft__status=Draft.Status.DECIDED,
        )
        .exclude(Exists(reviewed))
        .select_related("stage__draft")
        .only("id", "status", "stage__id", "stage__draft__id", "stage__draft__title")
    )


def drafts_of(user) -> QuerySet[Draft]:
    return Draft.objects.filter(drafter=user, is_electronic=True).order_by("-created_at")


def latest_drafts_of(user, limit: int) -> list[Draft]:
    """The newest ``limit`` of ``drafts_of``, with only what a list shows (title and status)."""
    return list(drafts_of(user).only("id", "title", "status")[:limit])


def may_view(user, draft: Draft) -> bool:
    """The drafter, anyone on the route (and their stand-ins), and staff of the drafting division."""
    if draft.drafter_id == user.pk or user.is_superuser:
        return True
    route_users = set(StageMember.objects.filter(stage__draft=draft).values_list("user_id", flat=True))
    if user.pk in route_users:
        return True
    if Absence.objects.filter(user_id__in=route_users, stand_in=user).exists():
        return True
    posts = org_selectors.posts_held_by(user.pk)
    roots = {p.department_id for p in posts} | {
        p.department.parent_id for p in posts if p.department.level == "kakari"
    }
    return draft.department_id in org_selectors.subtree_ids(roots - {None})


def draft_by_id(draft_id: int) -> Draft | None:
    return (
        Draft.objects.select_related("department", "drafter", "matter", "file_class")
        .filter(pk=draft_id)
        .first()
    )


def route_of(draft: Draft) -> list[Stage]:
    return list(
        draft.stages.prefetch_related(
            Prefetch(
                "members",
                queryset=StageMember.objects.select_related("user", "department", "position", "acted_by"),
            )
        )
    )


def history_of(draft: Draft) -> QuerySet[Action]:
    return draft.actions.select_related("actor", "on_behalf_of", "member__position")


@dataclass(frozen=True)
class ApprovalColumnEntry:
    """One box of the 決裁欄: who, in which post, when, and how (代決・後閲 marks)."""

    post: str
    name: str
    kind: str
    acted_on: dt.datetime | None
    acted_by: str
    mark: str
    post_reviewed_on: dt.datetime | None


def approval_column(draft: Draft) -> list[ApprovalColumnEntry]:
    post_reviews = {
        a.member_id: a.at for a in draft.actions.filter(kind=Action.Kind.POST_REVIEW).only("member_id", "at")
    }
    entries = []
    for stage in route_of(draft):
        for member in stage.members.all():
            mark = ""
            if member.status == StageMember.Status.DELEGATED:
                mark = "代決"
            elif member.status == StageMember.Status.SKIPPED:
                mark = "後閲"
            entries.append(
                ApprovalColumnEntry(
                    post=f"{member.department.name} {member.position.name}",
                    name=member.user.display_name,
                    kind=stage.get_kind_display(),
                    acted_on=member.acted_at,
                    acted_by=member.acted_by.display_name if member.acted_by else "",
                    mark=mark,
                    post_reviewed_on=post_reviews.get(member.pk),
                )
            )
    return entries


def waiting_longer_than(days: int, now: dt.datetime | None = None) -> QuerySet[StageMember]:
    """Stage places that have waited more than ``days`` days (for reminders)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    return StageMember.objects.filter(
        status=StageMember.Status.WAITING, stage__activated_at__lt=cutoff
    ).select_related("user", "stage__draft")


def absences_of(user) -> QuerySet[Absence]:
    return Absence.objects.filter(user=user).select_related("stand_in").order_by("-starts_on")


@dataclass(frozen=True)
class PaperlessRow:
    """One department's decisions: how many electronically, how many on paper, average days."""

    department: str
    electronic: int
    paper: int
    electronic_days: float | None
    paper_days: float | None

    @property
    def electronic_share(self) -> float:
        total = self.electronic + self.paper
        return round(100 * self.electronic / total, 1) if total else 0.0


def paperless_figures() -> list[PaperlessRow]:
    """ペーパーレス率 and days from draft to decision, per department, for the EBPM dashboard."""
    from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F

    span = ExpressionWrapper(F("closed_at") - F("created_at"), output_field=DurationField())
    rows = (
        Draft.objects.filter(status=Draft.Status.DECIDED)
        .values("department__name", "is_electronic")
        .annotate(n=Count("pk"), days=Avg(span))
        .order_by("department__name")
    )
    table: dict[str, dict] = {}
    for row in rows:
        entry = table.setdefault(row["department__name"], {"e": 0, "p": 0, "ed": None, "pd": None})
        days = round(row["days"].total_seconds() / 86400, 1) if row["days"] is not None else None
        if row["is_electronic"]:
            entry["e"], entry["ed"] = row["n"], days
        else:
            entry["p"], entry["pd"] = row["n"], days
    return [PaperlessRow(name, v["e"], v["p"], v["ed"], v["pd"]) for name, v in table.items()]


def all_drafts_for_index() -> QuerySet[Draft]:
    return Draft.objects.select_related("department").only("pk", "title", "body", "department__name")


def viewable_drafts(user, draft_ids: Iterable[int]) -> list[Draft]:
    """Of ``draft_ids``, those ``user`` may read (as ``may_view``), in two queries, in the given order."""
    ids = list(draft_ids)
    posts = org_selectors.posts_held_by(user.pk)
    roots = {p.department_id for p in posts} | {
        p.department.parent_id for p in posts if p.department.level == "kakari"
    }
    scope = org_selectors.subtree_ids(roots - {None})
    mine = Q(drafter=user) | Q(department_id__in=scope) | Q(stages__members__user=user)
    if not user.is_superuser:
        found = Draft.objects.filter(mine, pk__in=ids)
    else:
        found = Draft.objects.filter(pk__in=ids)
    by_id = {d.pk: d for d in found.select_related("department").distinct()}
    return [by_id[i] for i in ids if i in by_id]
