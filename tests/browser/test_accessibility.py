"""Every page passes axe-core's WCAG 2.1 A/AA rules, in Japanese and English, and fits 320 px."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from madoguchi.accounts.testing import current_code, totp_device
from madoguchi.accounts.tests.factories import DEFAULT_PASSWORD, StaffUserFactory
from tests.browser.conftest import axe_violations
from tests.browser.pages import EXPECTED_STATUS, NOT_PAGES, PAGES, build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            names |= _names(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{prefix}{entry.name}")
    return names


def test_every_url_is_either_checked_or_explained():
    assert _names(get_resolver()) == set(PAGES) | set(NOT_PAGES)


@pytest.fixture
def site():
    return build_site()


def sign_in_as(page, base_url: str, user) -> None:
    """Give the browser a session for ``user`` (as the sign-in pages would, MFA included)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_page_is_free_of_wcag_violations(page, live_server, site, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    failures = {}
    audiences = (
        ("anonymous", None),
        ("resident", site.resident),
        ("staff", site.clerk),
        ("admin", site.admin),
        ("auditor", site.auditor),
        ("records_manager", site.records_manager),
    )
    for audience, user in audiences:
        if user is not None:
            page.context.clear_cookies(name="sessionid")
            sign_in_as(page, live_server.url, user)
        for name, (path, who) in PAGES.items():
            if who != audience:
                continue
            response = page.goto(f"{live_server.url}{path(site)}")
            expected = EXPECTED_STATUS.get(name, 200)
            assert response.status == expected, f"{name}: {response.status} {path(site)}"
            assert page.get_attribute("html", "lang") == language
            if violations := axe_violations(page):
                failures[name] = violations
    assert failures == {}


def test_error_states_are_accessible_too(page, live_server, site):
    page.goto(f"{live_server.url}/staff/login/")
    page.fill("#id_username", "someone")
    page.fill("#id_password", "not-the-password")
    page.click("#staff-login-form button[type=submit]")
    assert page.locator(".md-error-summary").is_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/no-such-page/")
    assert axe_violations(page) == []
    sign_in_as(page, live_server.url, site.resident)
    page.goto(f"{live_server.url}/apply/d/{site.draft.pk}/step/request/")
    page.fill("[name=copies]", "99")
    page.click("form[enctype] button[type=submit]")
    assert page.locator(".md-error-summary").is_visible()
    assert axe_violations(page) == []


def staff_sign_in(page, base_url: str, user) -> None:
    """Sign in through the pages: staff ID and password, then the authenticator app's code."""
    device = totp_device(user)
    page.goto(f"{base_url}/staff/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("#staff-login-form button[type=submit]")
    page.wait_for_url("**/staff/login/verify/**")
    page.fill("#id_token", current_code(device))
    page.click("#mfa-verify-form button[type=submit]")
    page.wait_for_url(f"{base_url}/staff/")


def test_sign_out_page(page, live_server, site):
    user = StaffUserFactory(username="axe.tester")
    staff_sign_in(page, live_server.url, user)
    page.click("form[action$='/staff/logout/'] button")
    assert page.locator("h1").inner_text() == "ログアウトしました"
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/organization/", "/procedures/", "/staff/login/", "/login/"])
def test_pages_fit_a_320px_screen_without_sideways_scrolling(browser, live_server, site, path):
    context = browser.new_context(locale="ja-JP", viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_application_steps_fit_a_320px_screen(browser, live_server, site):
    context = browser.new_context(locale="ja-JP", viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in_as(page, live_server.url, site.resident)
        for path in (
            f"/apply/d/{site.draft.pk}/step/applicant/",
            f"/apply/d/{site.complete_draft.pk}/review/",
            f"/my/{site.submission.receipt_number}/",
        ):
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    finally:
        context.close()


def test_200_percent_zoom_keeps_content_within_the_window(browser, live_server, site):
    # 200% zoom on a 1280-px window lays the page out like a 640-px one at double size.
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 640, "height": 400}, device_scale_factor=2
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/organization/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 640
    finally:
        context.close()


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server, site):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "md-skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_staff_sign_in_and_language_switch_work_without_javascript(browser, live_server, site):
    user = StaffUserFactory(username="nojs.tester")
    context = browser.new_context(locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    try:
        staff_sign_in(page, live_server.url, user)
        assert "職員メニュー" in page.locator("h1").inner_text()
        page.select_option("#language-select", "en")
        page.click(".md-lang-switch button")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Staff menu"
        assert page.get_attribute("html", "lang") == "en"
    finally:
        context.close()
