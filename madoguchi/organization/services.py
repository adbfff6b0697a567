"""Writes to the organisation. Each change is validated and written to the audit trail."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.audit.services import record_event
from madoguchi.core.versions import bump
from madoguchi.organization.models import Department, Membership, Municipality, Position
from madoguchi.organization.selectors import HOME_MUNICIPALITY_CACHE_KEY


def _level_under(parent: Department | None) -> str:
    if parent is None:
        return Department.Level.BU
    if parent.level == Department.Level.BU:
        return Department.Level.KA
    if parent.level == Department.Level.KA:
        return Department.Level.KAKARI
    raise ValidationError(_("係の下に組織は作れません。"))


@transaction.atomic
def upsert_municipality(
    *, code: str, name: str, prefecture: str, name_kana: str = "", name_en: str = "", **contact: str
) -> Municipality:
    """Create or update a municipality by its 全国地方公共団体コード (validated, check digit included)."""
    municipality = Municipality.objects.filter(code=code).first() or Municipality(code=code)
    for field, value in {
        "name": name,
        "prefecture": prefecture,
        "name_kana": name_kana,
        "name_en": name_en,
        **contact,
    }.items():
        setattr(municipality, field, value)
    municipality.full_clean()
    municipality.save()
    cache.delete(HOME_MUNICIPALITY_CACHE_KEY)
    return municipality


@transaction.atomic
def upsert_department(
    *,
    municipality: Municipality,
    code: str,
    name: str,
    parent: Department | None = None,
    name_en: str = "",
    phone: str = "",
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    sort_order: int = 0,
) -> Department:
    """Create or update a 部・課・係; the level follows from the parent (部 → 課 → 係)."""
    level = _level_under(parent)
    if parent is not None and parent.municipality_id != municipality.pk:
        raise ValidationError(_("上位組織が別の地方公共団体に属しています。"))
    department = Department.objects.filter(municipality=municipality, code=code).first() or Department(
        municipality=municipality, code=code
    )
    for field, value in {
        "name": name,
        "parent": parent,
        "level": level,
        "name_en": name_en,
        "phone": phone,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "sort_order": sort_order,
    }.items():
        setattr(department, field, value)
    department.full_clean()
    department.save()
    bump("organization")
    return department


def upsert_position(*, code: str, name: str, name_en: str, rank: int) -> Position:
    position, _created = Position.objects.update_or_create(
        code=code, defaults={"name": name, "name_en": name_en, "rank": rank}
    )
    return position


@transaction.atomic
def appoint(
    *,
    user,
    department: Department,
    position: Position,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    is_concurrent: bool = False,
    actor=None,
) -> Membership:
    """発令 — appoint a staff member to a post from ``valid_from`` (and record who did it)."""
    if not user.is_staff_member:
        raise ValidationError(_("職員以外のアカウントは配属できません。"))
    membership = Membership(
        user=user,
        department=department,
        position=position,
        valid_from=valid_from,
        valid_to=valid_to,
        is_concurrent=is_concurrent,
    )
    membership.full_clean()
    membership.save()
    bump("organization")
    record_event(
        action="organization.appoint",
        actor=actor,
        object_type="organization.membership",
        object_id=str(membership.pk),
        purpose="人事異動の登録",
        details={
            "user_id": user.pk,
            "department": department.code,
            "position": position.code,
            "valid_from": valid_from.isoformat(),
            "concurrent": is_concurrent,
        },
    )
    return membership


@transaction.atomic
def end_appointment(*, membership: Membership, last_day: dt.date, actor=None) -> Membership:
    """The post is held up to and including ``last_day``."""
    if last_day < membership.valid_from:
        raise ValidationError(_("終了日は開始日以降の日付にしてください。"))
    membership.valid_to = last_day
    membership.save(update_fields=["valid_to"])
    bump("organization")
    record_event(
        action="organization.end_appointment",
        actor=actor,
        object_type="organization.membership",
        object_id=str(membership.pk),
        purpose="人事異動の登録",
        details={"valid_to": last_day.isoformat()},
    )
    return membership
