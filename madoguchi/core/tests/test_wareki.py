import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from madoguchi.core.wareki import era_year, format_wareki

pytestmark = pytest.mark.sqlite_subset


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 26), "令和8年11月26日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
        (dt.date(1926, 12, 24), "大正15年12月24日"),
        (dt.date(1912, 7, 30), "大正元年7月30日"),
        (dt.date(1912, 7, 29), "明治45年7月29日"),
        (dt.date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_format_wareki_at_era_boundaries(day, expected):
    assert format_wareki(day) == expected


def test_dates_before_the_gregorian_calendar_are_refused():
    with pytest.raises(ValueError, match="明治6年"):
        era_year(dt.date(1872, 12, 31))


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_display_date_follows_the_page_language():
    day = dt.date(2026, 11, 26)
    with translation.override("ja"):
        assert _render("{{ d|display_date }}", d=day) == "2026年（令和8年）11月26日"
    with translation.override("en"):
        assert _render("{{ d|display_date }}", d=day) == "26 November 2026"


def test_datetimes_are_shown_as_their_day_in_tokyo():
    # 15:30 UTC on the 25th is already 00:30 on the 26th in Japan.
    moment = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)
    with translation.override("ja"):
        assert _render("{{ m|wareki }}", m=moment) == "令和8年11月26日"
