"""Browser tests: Playwright driving Debian's Chromium, with axe-core from npm.

They skip with the reason on a machine without Chromium or axe-core; CI sets
MADOGUCHI_REQUIRE_BROWSER=1 so that a missing browser fails instead of passing silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("MADOGUCHI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        skip_or_fail(
            "Debian's chromium is not installed (apt-get install chromium)",
            required_by="MADOGUCHI_REQUIRE_BROWSER",
        )
    if not AXE.exists():
        skip_or_fail("axe-core is not installed (npm ci)", required_by="MADOGUCHI_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the live server's
    # fixtures make from it are ordinary synchronous test code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 800})
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page as it is now."""
    # Evaluated through the DevTools protocol, not added as a <script>: the site's CSP forbids
    # inline scripts, and the check must see the page exactly as residents get it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


# A map tile served by the live server itself: browser tests never reach an outside tile server.
LOCAL_TILE_URL = "/static/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"


@pytest.fixture(autouse=True)
def _local_map_tiles(settings):
    settings.MADOGUCHI_MAP_TILE_URL = LOCAL_TILE_URL
