"""Japanese is the source language; the English catalogue must be complete and current."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

pytestmark = pytest.mark.sqlite_subset


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated: {untranslated}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]|%[sd]", text))


def test_english_translations_keep_their_placeholders():
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        if entry.msgid_plural:
            for translation in entry.msgstr_plural.values():
                assert _placeholders(entry.msgid_plural) == _placeholders(translation), entry.msgid
        else:
            assert _placeholders(entry.msgid) == _placeholders(entry.msgstr), entry.msgid


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Run makemessages on a copy of the tree: it must not find a string the catalogue lacks."""
    if shutil.which("xgettext") is None:
        skip_or_fail("needs GNU gettext (apt-get install gettext)", required_by="CI")
    shutil.copytree(
        ROOT / "madoguchi",
        tmp_path / "madoguchi",
        ignore=shutil.ignore_patterns("__pycache__", "vendor", "tests", "data"),
    )
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "madoguchi.settings",
        "MADOGUCHI_VAR_DIR": str(tmp_path / "var"),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "en", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = {entry.msgid for entry in polib.pofile(str(tmp_path / "locale/en/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    assert fresh - committed == set(), "run `make makemessages` and translate the new strings"
    assert committed - fresh == set(), "run `make makemessages`: the catalogue has strings no longer used"


@pytest.mark.django_db
def test_pages_follow_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    english = client.get("/staff/login/").content.decode()
    assert 'lang="en"' in english and "Staff sign-in" in english and "Skip to main content" in english
    client.cookies["django_language"] = "ja"
    japanese = client.get("/staff/login/").content.decode()
    assert 'lang="ja"' in japanese and "職員ログイン" in japanese


@pytest.mark.django_db
def test_japanese_is_the_default_even_for_an_english_speaking_browser_without_a_choice(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="ja"' in page
