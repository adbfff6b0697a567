"""A small FAQ set of the chatbot's own, so its tests do not depend on the large content files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings

from madoguchi.chatbot.data.flows import FLOWS
from madoguchi.chatbot.services import embed_faqs, load_faq_files, seed_flows
from madoguchi.demo.data import places
from madoguchi.demo.data.organization import DEPARTMENTS
from madoguchi.organization import services as org_services

FIXTURES = Path(__file__).parent / "fixtures"


def _seed_departments_used() -> None:
    """The city and just the 部 and 課 the fixture FAQs name (the full chart takes seconds)."""
    content = json.loads((FIXTURES / "faqs.json").read_text(encoding="utf-8"))
    wanted = {entry["department"] for entry in content["entries"]} | {settings.MADOGUCHI_CHATBOT_DEPARTMENT}
    municipality = org_services.upsert_municipality(
        code=places.LOCAL_GOVERNMENT_CODE, name=places.CITY_NAME_PROSE, prefecture=places.PREFECTURE
    )
    start = dt.date(2024, 4, 1)
    for bu in DEPARTMENTS:
        sections = [ka for ka in bu["sections"] if ka["code"] in wanted]
        if not sections:
            continue
        parent = org_services.upsert_department(
            municipality=municipality,
            code=bu["code"],
            name=bu["name"],
            name_en=bu["name_en"],
            valid_from=start,
        )
        for ka in sections:
            org_services.upsert_department(
                municipality=municipality,
                code=ka["code"],
                name=ka["name"],
                name_en=ka["name_en"],
                parent=parent,
                valid_from=start,
            )


@pytest.fixture
def text_search_only(settings):
    """For tests of the text index itself: with semantic retrieval on (CI runs the chatbot's
    tests once more so), a question the index cannot match may still be answered by meaning."""
    settings.MADOGUCHI_CHATBOT_SEMANTIC = False


@pytest.fixture
def faqs(db):
    """Eight published, indexed FAQs in four languages, their departments, and the demo flows."""
    _seed_departments_used()
    load_faq_files(paths=[FIXTURES / "faqs.json"])
    seed_flows(FLOWS)
    if settings.MADOGUCHI_CHATBOT_SEMANTIC:  # CI runs these tests once more with it on
        embed_faqs()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
