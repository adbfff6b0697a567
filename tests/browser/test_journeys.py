"""The journeys that must always work, driven in Chromium and checked with axe on every page."""

from __future__ import annotations

import base64

import pytest

from madoguchi.cases.models import Submission
from tests.browser.conftest import axe_violations
from tests.browser.pages import build_site
from tests.browser.test_accessibility import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1×1 PNG: an attachment a phone camera might produce, checked by content on upload.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def site():
    return build_site()


def _accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def test_resident_applies_at_2am_from_a_phone(browser, live_server, site, tmp_path):
    """Sign in with the sandbox card → consent → prefilled form → upload → review → submit → status."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    base = live_server.url
    try:
        page.goto(f"{base}/procedures/test-certificate/")
        page.click("text=オンラインで申請する")
        _accessible(page)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/login/**")
        _accessible(page)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/sandbox-idp/authorize**")
        _accessible(page)
        page.check("input[name=persona][value='08208200001']")
        page.fill("#id_pin", "1234")
        page.click("main form button[type=submit]:not([name=cancel])")
        page.wait_for_url(f"{base}/apply/test-certificate/")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/consent/")
        _accessible(page)
        assert "生年月日" in page.content()
        page.click("button[value=accept]")
        page.wait_for_url("**/step/applicant/")
        _accessible(page)
        assert "リュウガサキ" in page.content() and "久保台2丁目3番4号" in page.content()
        page.fill("[name=email]", "taro@example.jp")
        page.click("form[enctype] button[type=submit]")
        page.wait_for_url("**/step/request/")
        page.check("input[name=purpose][value=bank]")
        page.fill("[name=copies]", "2")
        upload = tmp_path / "photo.png"
        upload.write_bytes(PNG)
        page.set_input_files("[name=attachment]", str(upload))
        page.click("form[enctype] button[type=submit]")
        page.wait_for_url("**/review/")
        _accessible(page)
        assert "600" in page.content() and "photo.png" in page.content()
        page.click("main form button[type=submit]")
        page.wait_for_url("**/done/")
        _accessible(page)
        receipt = page.locator(".md-receipt").inner_text()
        page.click("text=申請の状況を見る")
        _accessible(page)
        assert "受付" in page.locator(".md-tag").first.inner_text()
    finally:
        context.close()
    submission = Submission.objects.get(receipt_number=receipt)
    assert submission.answers["attachment"]["name"] == "photo.png"
    assert submission.draft.attachments.get().size == len(PNG)


def test_staff_ask_for_a_correction_the_resident_amends_and_staff_approve(browser, live_server, site):
    base = live_server.url
    receipt = site.submission.receipt_number
    staff = browser.new_context(locale="ja-JP")
    resident = browser.new_context(locale="ja-JP")
    try:
        clerk_page = staff.new_page()
        sign_in_as(clerk_page, base, site.clerk)
        clerk_page.goto(f"{base}/staff/inbox/")
        clerk_page.click(f"text={receipt}")
        _accessible(clerk_page)
        # The site already asked once (通数をご確認ください); the resident now amends.
        resident_page = resident.new_page()
        sign_in_as(resident_page, base, site.resident)
        resident_page.goto(f"{base}/my/{receipt}/")
        assert "通数をご確認ください。" in resident_page.content()
        resident_page.click("text=「請求内容」を修正する")
        _accessible(resident_page)
        resident_page.fill("[name=copies]", "3")
        resident_page.click("form[enctype] button[type=submit]")
        resident_page.wait_for_url(f"{base}/my/{receipt}/")
        assert "審査中" in resident_page.content()
        clerk_page.reload()
        clerk_page.select_option("#id_to_status", "completed")
        clerk_page.click("text=状態を変更する")
        _accessible(clerk_page)
        resident_page.reload()
        assert "完了" in resident_page.locator(".md-tag").first.inner_text()
    finally:
        staff.close()
        resident.close()
    site.submission.refresh_from_db()
    assert site.submission.status == "completed" and site.submission.fee == 900


def test_a_life_event_bundle_is_filled_in_and_sent_together(browser, live_server, site):
    base = live_server.url
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    try:
        sign_in_as(page, base, site.resident)
        page.goto(f"{base}/apply/b/{site.bundle.pk}/")
        _accessible(page)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/my/")
        _accessible(page)
    finally:
        context.close()
    assert Submission.objects.filter(bundle=site.bundle).count() == 1


def test_counter_assist_serves_a_resident_who_writes_nothing(browser, live_server, site):
    base = live_server.url
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    try:
        sign_in_as(page, base, site.clerk)
        page.goto(f"{base}/staff/counter/")
        page.fill("#id_kana", "りゅうがさき")
        page.fill("#id_birth_date", "昭和60年6月1日")
        page.click("main form button[type=submit]")
        _accessible(page)
        page.click("text=この方の申請をはじめる")
        page.check("#proc-test-certificate")
        page.click("text=申請書を作成する")
        page.wait_for_url("**/apply/b/**")
        bundle_url = page.url
        page.click("text=入力する")
        page.click("button[value=accept]")
        page.click("form[enctype] button[type=submit]")
        page.check("input[name=purpose][value=bank]")
        page.fill("[name=copies]", "1")
        page.click("form[enctype] button[type=submit]")
        page.goto(bundle_url)
        page.check("#confirmed")
        page.click("text=まとめて送信する")
        page.wait_for_url(f"{base}/staff/counter/")
    finally:
        context.close()
    assisted = Submission.objects.get(assisted_by=site.clerk)
    assert assisted.applicant == site.resident
