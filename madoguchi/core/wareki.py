"""和暦 — Japanese era dates, for display only.

Dates are stored as ``datetime.date`` (西暦); the era is a way of showing them, because many
residents and every Japanese form still read dates that way. Eras are listed from their first
day as proclaimed; dates before the Gregorian calendar was adopted (明治6年1月1日) are out of scope.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Era(NamedTuple):
    name: str  # 令和
    letter: str  # R
    name_en: str  # Reiwa
    first_day: dt.date


ERAS: tuple[Era, ...] = (
    Era("令和", "R", "Reiwa", dt.date(2019, 5, 1)),
    Era("平成", "H", "Heisei", dt.date(1989, 1, 8)),
    Era("昭和", "S", "Showa", dt.date(1926, 12, 25)),
    Era("大正", "T", "Taisho", dt.date(1912, 7, 30)),
    Era("明治", "M", "Meiji", dt.date(1868, 1, 25)),
)
GREGORIAN_ADOPTED = dt.date(1873, 1, 1)


class EraYear(NamedTuple):
    era: Era
    year: int  # 1 is shown as 元年

    def label(self) -> str:
        return f"{self.era.name}{'元' if self.year == 1 else self.year}年"


def era_year(day: dt.date) -> EraYear:
    """The era and the year within it for a Gregorian date."""
    if day < GREGORIAN_ADOPTED:
        raise ValueError(f"{day.isoformat()} is before 明治6年 (the Gregorian calendar in Japan)")
    for era in ERAS:
        if day >= era.first_day:
            return EraYear(era, day.year - era.first_day.year + 1)
    raise AssertionError("unreachable: 明治 covers every date after GREGORIAN_ADOPTED")


def format_wareki(day: dt.date) -> str:
    """``令和8年11月26日`` (``令和元年5月1日`` in an era's first year)."""
    return f"{era_year(day).label()}{day.month}月{day.day}日"
