import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from madoguchi.core.wareki import era_year, format_wareki, parse_japanese_date

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-26", dt.date(2026, 11, 26)),
        ("2026/11/26", dt.date(2026, 11, 26)),
        ("2026.1.5", dt.date(2026, 1, 5)),
        ("20261126", dt.date(2026, 11, 26)),
        ("2026年11月26日", dt.date(2026, 11, 26)),
        ("令和8年11月26日", dt.date(2026, 11, 26)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("令和1年5月1日", dt.date(2019, 5, 1)),
        ("R8.11.26", dt.date(2026, 11, 26)),
        ("r8/11/26", dt.date(2026, 11, 26)),
        ("H31.4.30", dt.date(2019, 4, 30)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("S64.1.7", dt.date(1989, 1, 7)),
        ("昭和45年3月14日", dt.date(1970, 3, 14)),
        ("T1.7.30", dt.date(1912, 7, 30)),
        ("明治6年1月1日", dt.date(1873, 1, 1)),
        ("２０２６年１１月２６日", dt.date(2026, 11, 26)),
        ("令和８年　１１月　２６日", dt.date(2026, 11, 26)),
        ("  R8-11-26 ", dt.date(2026, 11, 26)),
        ("Ｒ８．１１．２６", dt.date(2026, 11, 26)),
    ],
)
def test_parse_japanese_date_reads_gregorian_and_era_forms(text, expected):
    assert parse_japanese_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("令和0年1月1日", "令和0年という年はありません。令和元年（2019年）は5月1日からです"),
        ("平成32年1月1日", "平成は31年（2019年）4月30日までです"),
        ("平成31年5月1日", "平成は31年（2019年）4月30日までです"),
        ("S64.1.8", "昭和は64年（1989年）1月7日までです"),
        ("令和元年4月30日", "令和は元年（2019年）5月1日からです"),
        ("2026年2月30日", "2月30日という日はありません"),
        ("R8.13.1", "13月という月はありません"),
        ("X8.11.26", "「X」という元号は使えません"),
        ("慶応3年1月1日", "「慶応」という元号は使えません"),
        ("明治5年12月2日", "明治6年（1873年）1月1日より前の日付は扱えません"),
        ("きのう", "日付の形式が正しくありません（例：令和8年11月26日、2026/11/26）"),
        ("", "日付を入力してください"),
    ],
)
def test_parse_japanese_date_explains_what_is_wrong(text, message):
    with translation.override("ja"), pytest.raises(ValueError) as raised:
        parse_japanese_date(text)
    assert message in str(raised.value)
