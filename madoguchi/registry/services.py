"""Writes to the reference registry."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction

from madoguchi.registry.models import Household, ResidentRecord


@dataclass(frozen=True)
class Member:
    resident_code: str
    last_name: str
    first_name: str
    last_name_kana: str
    first_name_kana: str
    birth_date: dt.date
    sex: str
    relationship: str
    became_resident_on: dt.date
    previous_address: str = ""


@transaction.atomic
def register_household(
    *,
    household_code: str,
    postal_code: str,
    address: str,
    town: str,
    building: str = "",
    members: list[Member],
) -> Household:
    """Register a household with its members; the first member is the head (世帯主).

    Idempotent by household code and resident codes, so demo seeding can run again safely.
    """
    household, _created = Household.objects.update_or_create(
        household_code=household_code,
        defaults={"postal_code": postal_code, "address": address, "town": town, "building": building},
    )
    for index, member in enumerate(members):
        ResidentRecord.objects.update_or_create(
            resident_code=member.resident_code,
            defaults={**asdict(member), "household": household, "is_head": index == 0},
        )
    return household
