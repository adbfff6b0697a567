"""Uploads: encodings detected and normalised, Excel converted with warnings, rules reported by row
and column, formula cells and ragged rows refused, publishing blocked while errors exist."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from madoguchi.demo.data import opendata as demo_data
from madoguchi.opendata import datastore, selectors, services, tabular
from madoguchi.opendata.models import Resource
from madoguchi.opendata.standards import STANDARD_DATASETS, standard_by_code

WIFI_HEADER, WIFI_ROWS = demo_data.table("public-wifi")


def _csv(header, rows, encoding="utf-8") -> bytes:
    return tabular.to_csv(header, rows).decode("utf-8").encode(encoding)


def _draft(city, name="wifi-upload"):
    from madoguchi.organization.selectors import department_by_code

    return services.save_dataset(
        actor=None,
        name=name,
        title="テスト",
        notes="テスト用",
        organization=department_by_code(city, "somu-joho"),
        standard_code="public-wifi",
    )


@pytest.mark.parametrize(
    ("encoding", "label"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932")]
)
def test_each_encoding_is_detected_and_normalised_to_utf8(encoding, label):
    table = tabular.read_csv(_csv(WIFI_HEADER, WIFI_ROWS, encoding))
    assert table.encoding == label
    assert table.header == WIFI_HEADER
    assert table.rows[0][WIFI_HEADER.index("地方公共団体名")] == "龍ヶ崎市"


def test_shift_jis_with_windows_only_characters_is_read_as_cp932():
    data = "名称,備考\r\n㈱りゅうがさき,①番窓口\r\n".encode("cp932")
    table = tabular.read_csv(data)
    assert table.rows == [["㈱りゅうがさき", "①番窓口"]]


def test_bytes_that_are_not_text_are_unreadable():
    with pytest.raises(tabular.UnreadableTable):
        tabular.read_csv(bytes(range(256)) * 4)


@pytest.mark.parametrize("standard", STANDARD_DATASETS, ids=lambda item: item.code)
def test_every_standard_demo_table_validates(standard):
    header, rows = demo_data.table(standard.code)
    mapped, report = tabular.validate(tabular.Table(header=header, rows=rows), standard)
    assert report.errors == []
    assert mapped == header
    if standard.located:
        for row in rows:
            latitude, longitude = float(row[header.index("緯度")]), float(row[header.index("経度")])
            assert 35.88 <= latitude <= 35.94 and 140.14 <= longitude <= 140.24
            assert len(row[header.index("緯度")].split(".")[1]) == 6


def test_the_older_header_generation_is_mapped_to_the_current_one():
    old = [
        "住所" if name == "所在地_連結表記" else "方書" if name == "所在地_方書" else name
        for name in WIFI_HEADER
    ]
    old[old.index("設置箇所名称")] = "名称"
    mapped, report = tabular.validate(
        tabular.Table(header=old, rows=WIFI_ROWS), standard_by_code("public-wifi")
    )
    assert mapped == WIFI_HEADER
    assert report.errors == []
    assert any("旧い項目名「住所」" in item["message"] for item in report.warnings)


def _report_for(header, rows, code="public-wifi"):
    return tabular.validate(tabular.Table(header=header, rows=rows), standard_by_code(code))[1]


def _with(column: str, value: str) -> list[list[str]]:
    rows = [list(row) for row in WIFI_ROWS]
    rows[1][WIFI_HEADER.index(column)] = value
    return rows


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("全国地方公共団体コード", "082081", "検査数字"),
        ("全国地方公共団体コード", "08208", "形式"),
        ("設置箇所名称_カナ", "りゅうがさき", "全角カタカナ"),
        ("緯度", "135.9", "以下の値"),
        ("経度", "東経140度", "数値ではありません"),
        ("開始時間", "9時", "hh:mm"),
        ("利用可能曜日", "平日", "月火水木金"),
        ("URL", "www.example.jp", "http://"),
        ("SSID", "", "必須項目"),
    ],
)
def test_a_broken_rule_is_reported_with_row_and_column_in_japanese(column, value, message):
    report = _report_for(WIFI_HEADER, _with(column, value))
    assert [(item["row"], item["column"]) for item in report.errors] == [(3, column)]
    assert message in report.errors[0]["message"]


def test_coordinates_without_six_decimals_are_a_warning():
    report = _report_for(WIFI_HEADER, _with("緯度", "35.9"))
    assert report.errors == []
    assert report.warnings[0]["column"] == "緯度"


def test_formula_cells_and_ragged_rows_are_errors_but_negative_numbers_are_not():
    rows = _with("備考", "=cmd|' /C calc'!A0")
    rows[2] = rows[2][:-2]
    rows[3][WIFI_HEADER.index("備考")] = "-12.5"
    report = _report_for(WIFI_HEADER, rows)
    assert [(item["row"], item["column"]) for item in report.errors] == [(3, "備考"), (4, "")]
    assert "数式" in report.errors[0]["message"]
    assert "列の数" in report.errors[1]["message"]


def test_a_missing_required_column_is_reported_on_the_header_row():
    header = [name for name in WIFI_HEADER if name != "SSID"]
    rows = [
        [value for name, value in zip(WIFI_HEADER, row, strict=True) if name != "SSID"] for row in WIFI_ROWS
    ]
    report = _report_for(header, rows)
    assert report.errors == [{"row": 1, "column": "SSID", "message": "必須の項目「SSID」がありません。"}]


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "一覧"
    sheet.append(["公衆無線LAN一覧（令和8年4月1日現在）"])
    sheet.append(WIFI_HEADER)
    for row in WIFI_ROWS:
        sheet.append(
            [float(v) if name in {"緯度", "経度"} else v for name, v in zip(WIFI_HEADER, row, strict=True)]
        )
    sheet.merge_cells("A20:C20")
    sheet["A20"] = "※ 注記"
    book.create_sheet("メモ")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_is_converted_with_warnings_about_what_is_not_machine_readable():
    table = tabular.read_excel(_workbook())
    assert table.header == WIFI_HEADER
    messages = " ".join(item["message"] for item in table.warnings)
    assert "シートが複数" in messages
    assert "結合" in messages
    assert "見出しなどの行が 1 行" in messages
    assert table.rows[0][WIFI_HEADER.index("SSID")] == "Ryugasaki_Free_Wi-Fi"


@pytest.mark.django_db
def test_an_upload_with_errors_is_kept_with_its_report_and_blocks_publishing(city):
    dataset = _draft(city)
    resource = services.upload_file(
        dataset=dataset,
        actor=None,
        name="Wi-Fi",
        filename="wifi.csv",
        data=_csv(WIFI_HEADER, _with("備考", '=HYPERLINK("http://x")'), "cp932"),
    )
    assert resource.source_encoding == "cp932"
    assert resource.has_errors
    assert resource.import_status == Resource.ImportStatus.NONE
    with pytest.raises(ValidationError, match="検証にエラー"):
        services.submit_for_review(dataset=dataset, actor=None)


@pytest.mark.django_db
def test_a_clean_upload_is_stored_as_utf8_imported_and_publishable(city, django_capture_on_commit_callbacks):
    dataset = _draft(city)
    with django_capture_on_commit_callbacks(execute=True):
        resource = services.upload_file(
            dataset=dataset,
            actor=None,
            name="Wi-Fi",
            filename="wifi.csv",
            data=_csv(WIFI_HEADER, WIFI_ROWS, "cp932"),
        )
    resource.refresh_from_db()
    assert resource.datastore_active
    assert resource.import_rows_done == resource.import_rows_total == len(WIFI_ROWS)
    assert resource.file.open("rb").read().decode("utf-8").startswith("全国地方公共団体コード")
    page = datastore.search(resource.datastore_table, datastore.Query(fields=WIFI_HEADER, filters={}))
    assert page.total == len(WIFI_ROWS)
    services.submit_for_review(dataset=dataset, actor=None)
    services.publish(dataset=dataset, actor=None)
    assert selectors.published_dataset("wifi-upload") is not None


@pytest.mark.django_db
def test_publishing_skips_no_step(city):
    dataset = _draft(city)
    services.add_link(
        dataset=dataset, actor=None, name="外部", url="https://example.jp/data.csv", format="csv"
    )
    with pytest.raises(ValidationError):
        services.publish(dataset=dataset, actor=None)
    services.submit_for_review(dataset=dataset, actor=None)
    services.publish(dataset=dataset, actor=None)
    dataset.refresh_from_db()
    assert dataset.state == "published"
