"""Reads of the organisation, always "as of" a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from madoguchi.organization.models import Department, Membership, Municipality, Position

HOME_MUNICIPALITY_CACHE_KEY = "organization:home-municipality"


def _effective_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def today() -> dt.date:
    """Today in Asia/Tokyo: a post ends at midnight in Japan, not in UTC."""
    return timezone.localdate()


def home_municipality() -> Municipality | None:
    """The municipality this installation serves (``MADOGUCHI_MUNICIPALITY_CODE``), cached.

    It is shown on every page, so it is cached for a few minutes; None before the first seeding.
    """
    cached = cache.get(HOME_MUNICIPALITY_CACHE_KEY)
    if cached is not None:
        return cached
    municipality = Municipality.objects.filter(code=settings.MADOGUCHI_MUNICIPALITY_CODE).first()
    if municipality is not None:
        cache.set(HOME_MUNICIPALITY_CACHE_KEY, municipality, timeout=300)
    return municipality


def departments_on(municipality: Municipality, day: dt.date | None = None) -> QuerySet[Department]:
    """Every department (部・課・係) that exists on ``day``."""
    return Department.objects.filter(_effective_on(day or today()), municipality=municipality)


def department_tree(municipality: Municipality, day: dt.date | None = None) -> list[dict]:
    """The 部 → 課 → 係 tree on ``day`` as nested dicts, built from one query."""
    departments = list(departments_on(municipality, day).order_by("sort_order", "code"))
    children: dict[int | None, list[Department]] = {}
    for department in departments:
        children.setdefault(department.parent_id, []).append(department)

    def build(parent_id: int | None) -> list[dict]:
        return [{"department": d, "children": build(d.pk)} for d in children.get(parent_id, [])]

    return build(None)


def memberships_on(day: dt.date | None = None) -> QuerySet[Membership]:
    return Membership.objects.filter(_effective_on(day or today())).select_related(
        "department", "department__parent", "position", "user"
    )


def posts_held_by(user_id: int, day: dt.date | None = None) -> list[Membership]:
    """The posts a staff member held on ``day``, 本務 first."""
    return list(memberships_on(day).filter(user_id=user_id).order_by("is_concurrent", "position__rank"))


def holders_of(department: Department, position_code: str, day: dt.date | None = None) -> list[Membership]:
    """Who held ``position_code`` in ``department`` on ``day`` (an approval route asks this)."""
    return list(
        memberships_on(day)
        .filter(department=department, position__code=position_code)
        .order_by("is_concurrent", "valid_from")
    )


def has_appointment(*, user_id: int, department: Department, position_code: str, valid_from: dt.date) -> bool:
    return Membership.objects.filter(
        user_id=user_id, department=department, position__code=position_code, valid_from=valid_from
    ).exists()


def department_by_code(municipality: Municipality, code: str) -> Department:
    return Department.objects.get(municipality=municipality, code=code)


def subtree_ids(department_ids: Iterable[int]) -> set[int]:
    """The departments given and every unit below them (one query per level of the tree)."""
    found = set(department_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def positions_by_code() -> dict[str, Position]:
    return {position.code: position for position in Position.objects.all()}
