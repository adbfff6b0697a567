"""和暦 — Japanese era dates, for display only.

Dates are stored as ``datetime.date`` (西暦); the era is a way of showing them, because many
residents and every Japanese form still read dates that way. For the same reason residents may
*type* a date in the era form: ``parse_japanese_date`` reads it back into a ``date`` at the edge.
Eras are listed from their first day as proclaimed; dates before the Gregorian calendar was
adopted (明治6年1月1日) are out of scope.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from django.utils.translation import gettext as _


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


_GREGORIAN_PATTERN = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))")
_ERA_PATTERN = re.compile(r"(\D+?)(元|\d{1,3})[年./\-](\d{1,2})[月./\-](\d{1,2})日?")


def _era_named(name: str) -> Era:
    for era in ERAS:
        if name in {era.name, era.letter, era.letter.lower()}:
            return era
    letters = "・".join(era.letter for era in ERAS)
    raise ValueError(
        _("「%(name)s」という元号は使えません（令和・平成・昭和・大正・明治、または %(letters)s）")
        % {"name": name, "letters": letters}
    )


def _last_day_of(era: Era) -> dt.date | None:
    """The eve of the next era's first day; None for the current era."""
    newer = ERAS[: ERAS.index(era)]
    return newer[-1].first_day - dt.timedelta(days=1) if newer else None


def _calendar_date(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(_("%(month)d月という月はありません") % {"month": month})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            _("%(month)d月%(day)d日という日はありません") % {"month": month, "day": day}
        ) from None


def _from_era(era: Era, year: int, month: int, day: int) -> dt.date:
    first = era.first_day
    if year == 0:
        raise ValueError(
            _("%(era)s0年という年はありません。%(era)s元年（%(year)d年）は%(month)d月%(day)d日からです")
            % {"era": era.name, "year": first.year, "month": first.month, "day": first.day}
        )
    last = _last_day_of(era)
    if last is not None and year > last.year - first.year + 1:
        raise _era_ended(era, last)
    result = _calendar_date(first.year + year - 1, month, day)
    if result < first:
        raise ValueError(
            _("%(era)sは元年（%(year)d年）%(month)d月%(day)d日からです")
            % {"era": era.name, "year": first.year, "month": first.month, "day": first.day}
        )
    if last is not None and result > last:
        raise _era_ended(era, last)
    return result


def _era_ended(era: Era, last: dt.date) -> ValueError:
    return ValueError(
        _("%(era)sは%(era_year)d年（%(year)d年）%(month)d月%(day)d日までです")
        % {
            "era": era.name,
            "era_year": last.year - era.first_day.year + 1,
            "year": last.year,
            "month": last.month,
            "day": last.day,
        }
    )


def parse_japanese_date(text: str) -> dt.date:
    """Read a date as residents type it: 西暦 or 和暦, full-width or half-width, with or without 日.

    Accepted: ``2026-11-26``, ``2026/11/26``, ``2026年11月26日``, ``20261126``, ``令和8年11月26日``,
    ``令和元年5月1日``, ``R8.11.26``, ``r8/11/26``, ``H31.4.30``. Raises ``ValueError`` with a message
    that tells the resident what is wrong (``平成は31年（2019年）4月30日までです``), never a
    stack-trace word, because the message is shown next to the field as it is.
    """
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not compact:
        raise ValueError(_("日付を入力してください"))
    if gregorian := _GREGORIAN_PATTERN.fullmatch(compact):
        year, month, day = (int(part) for part in gregorian.groups() if part is not None)
        result = _calendar_date(year, month, day)
    elif japanese := _ERA_PATTERN.fullmatch(compact):
        name, year_text, month_text, day_text = japanese.groups()
        year = 1 if year_text == "元" else int(year_text)
        result = _from_era(_era_named(name), year, int(month_text), int(day_text))
    else:
        raise ValueError(_("日付の形式が正しくありません（例：令和8年11月26日、2026/11/26）"))
    if result < GREGORIAN_ADOPTED:
        raise ValueError(_("明治6年（1873年）1月1日より前の日付は扱えません"))
    return result
