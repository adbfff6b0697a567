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
    domicile: str = ""  # 本籍: carried by the 転出証明書情報; the reference registry does not hold it
    household: tuple[ResidentData, ...] = field(default=(), compare=False)

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def household_members(self) -> tuple[ResidentData, ...]:
        """Everyone else in the household (世帯員), head first."""
        return tuple(member for member in self.household if member.resident_code != self.resident_code)

    @property
    def head_of_household(self) -> ResidentData | None:
        """世帯主 — the member whose 続柄 is 世帯主 (this person, for one living alone)."""
        return next((member for member in self.household or (self,) if member.is_head), None)

    @property
    def household_children(self) -> tuple[ResidentData, ...]:
        return tuple(member for member in self.household_members if member.relationship == "子")


class RegistryAdapter(Protocol):
    def resident(self, resident_code: str) -> ResidentData | None:
        """One resident with their household, or None if the code is unknown."""

    def moving_in(self, resident_code: str) -> ResidentData | None:
        """転出証明書情報 — a person moving in, with those moving with them, or None.

        What the municipality they leave sent this city through 住基ネット ahead of the move
        (転出・転入手続のワンストップ化). Returned in the same shape as a resident: ``address`` is
        the planned address here, ``became_resident_on`` the planned moving date, ``household``
        the people moving together. In production the core system's 住基ネット interface (CS) is
        asked; the person is not in the registry until the 転入届 is accepted at the counter.
        """
