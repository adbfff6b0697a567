"""A department decides a matter electronically and disposes of expired files with approval."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.approvals import services as approval_services
from madoguchi.approvals.models import Draft
from madoguchi.demo.services import seed_approvals, seed_organization, seed_records, seed_staff
from madoguchi.records.models import DisposalEntry, RecordFile
from tests.browser.conftest import axe_violations
from tests.browser.test_accessibility import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    municipality = seed_organization()
    seed_staff(municipality)
    seed_approvals(municipality)
    seed_records(municipality)
    return municipality


def _accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def _as(page, base: str, username: str) -> None:
    page.context.clear_cookies(name="sessionid")
    sign_in_as(page, base, staff_by_username(username))


def _act(page, base: str, draft_id: int, username: str, button: str, comment: str = "") -> None:
    _as(page, base, username)
    page.goto(f"{base}/staff/approvals/{draft_id}/")
    if comment:
        page.fill("#comment", comment)
    page.click(f"button:has-text('{button}')")
    page.wait_for_url(f"{base}/staff/approvals/{draft_id}/")


def test_draft_consultation_send_back_resubmit_delegated_decision_post_review_pdf(browser, live_server, city):
    base = live_server.url
    today = dt.date.today()
    approval_services.register_absence(
        user=staff_by_username("ebihara.m"),
        starts_on=today,
        ends_on=today + dt.timedelta(days=3),
        stand_in=staff_by_username("owada.t"),
        reason="出張",
        actor=staff_by_username("ebihara.m"),
    )
    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    try:
        _as(page, base, "admin.joho")
        page.goto(f"{base}/staff/approvals/new/")
        _accessible(page)
        page.fill("#id_title", "庁内無線LANアクセスポイントの更新について")
        page.fill("#id_body", "老朽化したアクセスポイント40台を更新してよろしいか伺います。")
        page.select_option("#id_matter", label="部長専決（50万円以上の支出負担行為）")
        page.click("button:has-text('起案して回議ルートへ進む')")
        assert "/route/" in page.url
        _accessible(page)
        route = page.locator("table.md-table").inner_text()
        assert "菅谷" in route and "石塚" in route and "海老原" in route and "合議" in route
        page.click("button:has-text('このルートで回議を始める')")
        draft_id = int(page.url.rstrip("/").split("/")[-1])

        _act(page, base, draft_id, "sugaya.t", "承認する")
        _act(page, base, draft_id, "terakado.s", "承認する")
        _as(page, base, "ishizuka.m")
        page.goto(f"{base}/staff/approvals/")
        assert "庁内無線LAN" in page.content()
        _accessible(page)
        _act(page, base, draft_id, "ishizuka.m", "差し戻す", comment="見積書を添付してください")
        assert Draft.objects.get(pk=draft_id).status == "sent_back"

        _as(page, base, "admin.joho")
        page.goto(f"{base}/staff/approvals/{draft_id}/edit/")
        page.set_input_files(
            "#id_attachment",
            files=[{"name": "mitsumori.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}],
        )
        page.click("button:has-text('保存する')")
        page.click("button:has-text('再回議する')")
        for username in ("sugaya.t", "terakado.s", "ishizuka.m"):
            _act(page, base, draft_id, username, "承認する")

        _as(page, base, "owada.t")  # stands in for the absent 部長
        page.goto(f"{base}/staff/approvals/")
        assert "代決" in page.content()
        _act(page, base, draft_id, "owada.t", "決裁する")
        assert Draft.objects.get(pk=draft_id).status == "decided"

        _act(page, base, draft_id, "ebihara.m", "後閲する", comment="確認した")
        _accessible(page)
        column = page.locator("#kessai-ran + div table").inner_text()
        assert "代決" in column and "大和田" in column
        with page.expect_download() as download:
            page.click("text=決裁文書を PDF で出力")
        reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
        text = "".join(p.extract_text() for p in reader.pages)
        assert "代決" in text and "後閲" in text and "決裁欄" in text
        assert [f for f in reader.get_fields().values() if f.get("/FT") == "/Sig" and f.get("/V")]
    finally:
        context.close()


def test_year_end_disposal_of_expired_files_with_approval(browser, live_server, city):
    base = live_server.url
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    try:
        _as(page, base, "sugaya.t")  # 情報管理課's records manager (文書取扱主任)
        page.goto(f"{base}/staff/records/expiry/?fiscal_year=2025")
        _accessible(page)
        page.check("label:has-text('令和元年度 庁内ネットワーク機器更新') >> xpath=../../td/input")
        page.click("button:has-text('廃棄・移管を起案する')")
        assert "/route/" in page.url
        page.click("button:has-text('このルートで回議を始める')")
        draft_id = int(page.url.rstrip("/").split("/")[-1])
        _act(page, base, draft_id, "gunji.m", "承認する")  # 総務課, the records division, agrees
        _act(page, base, draft_id, "terakado.s", "決裁する")
        _as(page, base, "admin.joho")
        page.goto(f"{base}/staff/records/register/")
        _accessible(page)
        assert "令和元年度 庁内ネットワーク機器更新" in page.locator("table").inner_text()
    finally:
        context.close()
    assert RecordFile.objects.get(title="令和元年度 庁内ネットワーク機器更新").status == "disposed"
    assert DisposalEntry.objects.count() == 1
