"""The interface every registry adapter provides, and the data it returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ResidentData:
    """住民記録 — the national standard items of one resident, as an adapter returns them.

    Attribute names are the vocabulary forms use to ask for prefill (``"prefill": "birth_date"``).
    """

    resident_code: str
    last_name: str
    first_name: str
    last_name_kana: str
    first_name_kana: str
    birth_date: dt.date
    sex: str
    postal_code: str
    address: str
    building: str
    relationship: str
    is_head: bool
    became_resident_on: dt.date
    previous_address: str
    household_code: str
    household: tuple[ResidentData, ...] = field(default=(), compare=False)

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def household_members(self) -> tuple[ResidentData, ...]:
        """Everyone else in the household (世帯員), head first."""
        return tuple(member for member in self.household if member.resident_code != self.resident_code)

    @property
    def household_children(self) -> tuple[ResidentData, ...]:
        return tuple(member for member in self.household_members if member.relationship == "子")


class RegistryAdapter(Protocol):
    def resident(self, resident_code: str) -> ResidentData | None:
        """One resident with their household, or None if the code is unknown."""
