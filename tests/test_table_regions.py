"""A wide table scrolls inside its wrapper, and axe requires a scrollable region to be reachable by
keyboard: every wrapper is a named, focusable region. Whether a table overflows depends on the
language and the data (English labels are longer), so the browser sweep alone finds it only when
it happens to overflow; this check holds for every template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_subset

TEMPLATES = Path(__file__).resolve().parent.parent / "madoguchi"
WRAPPER = re.compile(r"<div\b[^>]*\bclass=\"md-table-wrap\"[^>]*>")


def test_every_table_wrapper_is_a_named_focusable_region():
    wrappers = [
        (path.relative_to(TEMPLATES).as_posix(), tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in WRAPPER.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(wrappers) > 20  # the pattern still finds them
    unreachable = [
        (name, tag)
        for name, tag in wrappers
        if 'role="region"' not in tag
        or 'tabindex="0"' not in tag
        or not ("aria-label=" in tag or "aria-labelledby=" in tag)
    ]
    assert unreachable == []
