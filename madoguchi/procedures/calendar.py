"""開庁日 — the business-day calendar that 標準処理期間 (standard processing periods) count in.

City hall is closed on Saturdays, Sundays, national holidays (国民の祝日, including 振替休日 and
国民の休日, from ``jpholiday``) and over 年末年始, 29 December to 3 January (the closing days in
a typical 市の休日を定める条例). Everything else is a business day (開庁日).

Counting convention, 初日不算入 as in 民法第140条: the day of receipt (受付日) is never counted,
even when it is itself a business day; day 1 is the next business day after receipt.
So a procedure with a 3-day period received on a Friday is due on the following Wednesday, and
one received on a Sunday or a holiday (an online application at night) is counted from the next
business day in just the same way.
"""

from __future__ import annotations

import datetime as dt

import jpholiday

_ONE_DAY = dt.timedelta(days=1)


def is_year_end_closure(day: dt.date) -> bool:
    """年末年始: 29 December to 3 January inclusive."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: dt.date) -> bool:
    """開庁日: not a weekend, not a national holiday and not within 年末年始."""
    return day.weekday() < 5 and not is_year_end_closure(day) and not jpholiday.is_holiday(day)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The deadline ``days`` business days after receipt on ``start`` (``start`` itself never counts).

    ``days == 0`` returns ``start`` unchanged: a same-day (即日) procedure is due the day it arrives.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    day = start
    remaining = days
    while remaining:
        day += _ONE_DAY
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """How many business days lie after ``start`` up to and including ``end``.

    The inverse of ``add_business_days``: ``business_days_between(s, add_business_days(s, n)) == n``.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if is_business_day(day):
            count += 1
    return count
