"""Template filters shared by every app's pages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone, translation

from madoguchi.core.wareki import format_wareki

register = template.Library()

_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def wareki(value: dt.date | dt.datetime | None) -> str:
    """令和8年11月26日 — the era form Japanese forms expect."""
    if not value:
        return ""
    return format_wareki(_as_local_date(value))


@register.filter
def display_date(value: dt.date | dt.datetime | None) -> str:
    """A date for the reader's language: ``2026年（令和8年）11月26日`` or ``26 November 2026``.

    Datetimes are shown as their day in Asia/Tokyo, whatever the server's clock zone.
    """
    if not value:
        return ""
    day = _as_local_date(value)
    if translation.get_language() == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    era = format_wareki(day).split("年", 1)[0] + "年"
    return f"{day.year}年（{era}）{day.month}月{day.day}日"


@register.filter
def localized(obj: object, field: str = "name") -> str:
    """``obj.name_en`` when the page is in English and the record has one, else ``obj.name``."""
    if translation.get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@register.filter
def localized_text(value: dict | str | None) -> str:
    """A ``{"ja": …, "en": …}`` text from form or catalogue data, in the page's language."""
    if isinstance(value, dict):
        return value.get(translation.get_language() or "ja") or value.get("ja", "")
    return value or ""
