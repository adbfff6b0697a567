"""開庁日: weekends, national holidays (with 振替休日) and 年末年始 are not business days."""

import datetime as dt

import pytest

from madoguchi.procedures.calendar import add_business_days, business_days_between, is_business_day

pytestmark = pytest.mark.sqlite_subset

D = dt.date


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2026, 5, 2), "Saturday"),
        (D(2026, 5, 3), "Sunday, 憲法記念日"),
        (D(2026, 4, 29), "昭和の日"),
        (D(2026, 5, 6), "振替休日 for 憲法記念日 on a Sunday"),
        (D(2026, 9, 22), "国民の休日 between 敬老の日 and 秋分の日"),
        (D(2025, 2, 24), "振替休日 for 天皇誕生日"),
        (D(2026, 12, 29), "first day of 年末年始"),
        (D(2026, 12, 31), "大晦日"),
        (D(2027, 1, 3), "last day of 年末年始"),
    ],
)
def test_closed_days_are_not_business_days(day, why):
    assert not is_business_day(day), why


@pytest.mark.parametrize("day", [D(2026, 5, 1), D(2026, 5, 7), D(2026, 12, 28), D(2027, 1, 4)])
def test_ordinary_weekdays_around_closures_are_business_days(day):
    assert is_business_day(day)


def test_counting_starts_on_the_next_business_day_after_receipt():
    # Received Monday 2026-06-01: day 1 is Tuesday, day 3 is Thursday.
    assert add_business_days(D(2026, 6, 1), 3) == D(2026, 6, 4)


def test_a_friday_receipt_skips_the_weekend():
    assert add_business_days(D(2026, 6, 5), 1) == D(2026, 6, 8)


def test_golden_week_with_its_substitute_holiday_is_skipped():
    # Thu 4/30 receipt → Fri 5/1 (1), then 5/2–5/6 closed, Thu 5/7 (2), Fri 5/8 (3).
    assert add_business_days(D(2026, 4, 30), 3) == D(2026, 5, 8)


def test_year_end_closure_is_skipped():
    # Fri 12/25 → Mon 12/28 (1), 12/29–1/3 closed, Mon 2027-01-04 (2).
    assert add_business_days(D(2026, 12, 25), 2) == D(2027, 1, 4)


def test_a_receipt_on_a_holiday_counts_from_the_next_business_day():
    # An online application at night on みどりの日 (Mon 5/4): day 1 is Thu 5/7.
    assert add_business_days(D(2026, 5, 4), 1) == D(2026, 5, 7)


def test_a_receipt_on_a_sunday_counts_like_one_on_the_preceding_friday():
    assert add_business_days(D(2026, 6, 7), 2) == add_business_days(D(2026, 6, 5), 2) == D(2026, 6, 9)


def test_zero_days_is_the_day_of_receipt():
    assert add_business_days(D(2026, 5, 4), 0) == D(2026, 5, 4)


def test_negative_periods_are_refused():
    with pytest.raises(ValueError):
        add_business_days(D(2026, 6, 1), -1)


def test_business_days_between_counts_after_start_up_to_end():
    assert business_days_between(D(2026, 4, 30), D(2026, 5, 8)) == 3
    assert business_days_between(D(2026, 6, 1), D(2026, 6, 1)) == 0


@pytest.mark.parametrize("start", [D(2026, 4, 28), D(2026, 9, 18), D(2026, 12, 26), D(2025, 2, 21)])
@pytest.mark.parametrize("days", [1, 5, 10, 22])
def test_business_days_between_inverts_add_business_days(start, days):
    assert business_days_between(start, add_business_days(start, days)) == days


def test_business_days_between_refuses_an_end_before_the_start():
    with pytest.raises(ValueError):
        business_days_between(D(2026, 6, 2), D(2026, 6, 1))
