"""Open-data journeys: a visitor searches, opens a dataset and its map; an editor uploads a file
with mistakes and reads the validation report."""

from __future__ import annotations

import pytest

from madoguchi.demo.services import seed_open_data, seed_organization, seed_staff
from tests.browser.conftest import axe_violations
from tests.browser.test_accessibility import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    municipality = seed_organization()
    seed_staff(municipality)
    seed_open_data(municipality)
    return municipality


def test_a_visitor_finds_the_evacuation_sites_and_sees_them_on_the_map(page, live_server, city):
    page.goto(f"{live_server.url}/dataset/")
    page.get_by_role("link", name="防災").first.click()
    page.get_by_label("キーワード").fill("避難")
    page.get_by_role("button", name="検索").click()
    page.get_by_role("link", name="指定緊急避難場所一覧（龍ヶ崎市）").click()
    assert page.get_by_role("heading", level=1).inner_text() == "指定緊急避難場所一覧（龍ヶ崎市）"
    assert axe_violations(page) == []
    page.get_by_role("link", name="地図で見る").click()
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 8
    assert page.locator("table tbody tr").count() == 8
    assert axe_violations(page) == []


def test_the_map_page_lists_the_points_without_javascript(browser, live_server, city):
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    page.goto(f"{live_server.url}/dataset/public-wifi/map/")
    assert page.locator("table tbody tr").count() == 10
    context.close()


def test_an_editor_uploads_a_table_and_reads_the_report(page, live_server, city, tmp_path):
    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.demo.data import opendata as demo_data
    from madoguchi.opendata import tabular

    sign_in_as(page, live_server.url, staff_by_username("admin.joho"))
    header, rows = demo_data.table("aed")
    rows[1][header.index("名称_カナ")] = "えーいーでぃー"
    path = tmp_path / "aed.csv"
    path.write_bytes(tabular.to_csv(header, rows).decode().encode("cp932"))
    page.goto(f"{live_server.url}/staff/opendata/aed/upload/")
    page.get_by_label("リソース名").fill("AED一覧（更新）")
    page.get_by_label("ファイル").set_input_files(str(path))
    page.get_by_label("検証に使うスキーマ").select_option("aed")
    page.get_by_role("button", name="登録して検証").click()
    assert "エラーが1件あります" in page.locator(".md-error-summary").inner_text()
    row = page.locator("table tbody tr").first.inner_text()
    assert "3" in row and "名称_カナ" in row and "全角カタカナ" in row
    assert axe_violations(page) == []
    page.get_by_role("link", name="AED設置箇所一覧（龍ヶ崎市）").click()
    assert page.get_by_role("button", name="公開を取りやめる").is_visible()
    page.goto(f"{live_server.url}/dataset/aed/")
    assert "AED一覧（更新）" not in page.content()  # a file with errors is never public
