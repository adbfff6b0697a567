"""Chatbot journeys in Chromium: the widget answers on any page and shows markup as text.

The no-JavaScript page, escalation with the staff reply, and the flows are covered through
Django's test client in ``madoguchi/chatbot/tests/test_web.py``."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.pages import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    return build_site()


def test_the_widget_answers_on_any_page_and_shows_html_as_text(page, live_server, site):
    page.goto(f"{live_server.url}/procedures/")
    page.click(".md-chat__open")
    page.fill("#md-chat-q", "マイナの暗証番号わすれた")
    page.press("#md-chat-q", "Enter")
    page.wait_for_selector(".md-chat__answer")
    assert "窓口で再設定" in page.inner_text(".md-chat__log")
    page.fill("#md-chat-q", "<img src=x onerror=alert(1)>")
    page.press("#md-chat-q", "Enter")
    # A locator, not wait_for_function: the site's CSP forbids evaluating strings as script.
    page.locator(".md-chat__bot").nth(1).wait_for()
    assert page.locator(".md-chat__log img").count() == 0
    assert "<img src=x" in page.inner_text(".md-chat__log")
    assert axe_violations(page) == []
