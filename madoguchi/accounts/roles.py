"""Who may do what, where, on a given day: roles from appointments and from role assignments.

The one question other apps ask is :func:`has_role` (or ``role_required`` on a view). Which
*objects* a role reaches is decided in each app's selectors (e.g. a case officer's inbox holds only
the cases of their departments), so a view cannot forget the check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from madoguchi.accounts.models import Role, RoleAssignment, User
from madoguchi.organization.selectors import memberships_on, subtree_ids, today

# Posts whose holders head their department (所属長): 課長 and above.
HEAD_POSITIONS = frozenset({"shicho", "fukushicho", "kyoikucho", "bucho", "jicho", "kacho"})


@dataclass(frozen=True)
class Grant:
    """One role, in the departments listed (with everything below them), or everywhere if None."""

    role: str
    departments: frozenset[int] | None
    source: str  # "appointment" or "assignment"


def grants_of(user: User, day: dt.date | None = None) -> list[Grant]:
    day = day or today()
    if not user.is_authenticated:
        return []
    if not user.is_staff_member:
        return [Grant(Role.RESIDENT, None, "account")]
    grants = []
    for post in memberships_on(day).filter(user_id=user.pk):
        # A 係 member handles the work of their 課, where procedures and files are assigned.
        root = post.department.parent_id if post.department.level == "kakari" else post.department_id
        scope = frozenset(subtree_ids([root or post.department_id]))
        grants.append(Grant(Role.CASE_OFFICER, scope, "appointment"))
        if post.position.code in HEAD_POSITIONS:
            grants.append(Grant(Role.DEPARTMENT_HEAD, scope, "appointment"))
    assignments = RoleAssignment.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), user_id=user.pk, valid_from__lte=day
    )
    for assignment in assignments:
        scope = (
            None if assignment.department_id is None else frozenset(subtree_ids([assignment.department_id]))
        )
        grants.append(Grant(assignment.role, scope, "assignment"))
    return grants


def has_role(user: User, role: str, *, department_id: int | None = None, day: dt.date | None = None) -> bool:
    """Whether ``user`` holds ``role`` on ``day`` — in ``department_id`` when one is given."""
    for grant in grants_of(user, day):
        if grant.role != role:
            continue
        if department_id is None or grant.departments is None or department_id in grant.departments:
            return True
    return False


def roles_of(user: User, day: dt.date | None = None) -> set[str]:
    return {grant.role for grant in grants_of(user, day)}


@dataclass(frozen=True)
class Reach:
    """Where a staff member may act in one of some roles: every department, or the ones listed.

    Selectors narrow their queries with :meth:`filter`, so an object outside the reach is never
    fetched (the pattern of ``cases.selectors.case_for_staff``).
    """

    everywhere: bool
    departments: frozenset[int]

    def __bool__(self) -> bool:
        return self.everywhere or bool(self.departments)

    def filter(self, queryset: QuerySet, field: str = "department_id") -> QuerySet:
        """``queryset`` limited to rows whose ``field`` is a department within reach."""
        return queryset if self.everywhere else queryset.filter(**{f"{field}__in": self.departments})


def reach(user: User, *roles: str, day: dt.date | None = None) -> Reach:
    """The departments in which ``user`` holds any of ``roles`` on ``day`` (and everything below).

    A grant without a department (e.g. a city-wide records manager) reaches every department.
    """
    grants = [grant for grant in grants_of(user, day) if grant.role in roles]
    if any(grant.departments is None for grant in grants):
        return Reach(everywhere=True, departments=frozenset())
    return Reach(everywhere=False, departments=frozenset().union(*(grant.departments for grant in grants)))
