"""書かない窓口: a clerk serves a resident who writes nothing."""

from __future__ import annotations

import pytest

from madoguchi.cases.models import Draft, Submission
from madoguchi.cases.tests.conftest import HEAD_CODE

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_a_clerk_finds_the_resident_and_submits_prefilled_applications_for_them(
    client, procedure, household, clerk
):
    client.force_login(clerk)
    found = client.get("/staff/counter/", {"kana": "りゅうがさき", "birth_date": "昭和60年6月1日"})
    assert found.status_code == 200 and HEAD_CODE in found.content.decode()
    response = client.post(f"/staff/counter/{HEAD_CODE}/", {"procedure": ["test-certificate"]})
    bundle_url = response["Location"]
    draft = Draft.objects.get()
    assert draft.assisted_by == clerk and draft.applicant.kind == "resident"
    client.post(client.get(f"/apply/d/{draft.pk}/")["Location"], {"decision": "accept"})
    client.post(client.get(f"/apply/d/{draft.pk}/")["Location"], {})
    client.post(client.get(f"/apply/d/{draft.pk}/")["Location"], {"purpose": "bank", "copies": "1"})
    refused = client.post(bundle_url, {})
    assert refused.status_code == 400 and not Submission.objects.exists()
    client.post(bundle_url, {"confirmed": "yes"})
    submission = Submission.objects.get()
    assert submission.assisted_by == clerk and submission.applicant == draft.applicant
    assert submission.answers["name"]["first"] == "太郎"


def test_the_search_needs_both_kana_and_birth_date_and_explains_bad_dates(client, clerk, household):
    client.force_login(clerk)
    response = client.get("/staff/counter/", {"kana": "リュウガサキ", "birth_date": "平成32年1月1日"})
    assert response.status_code == 400
    assert "平成は31年" in response.content.decode()
    assert HEAD_CODE not in response.content.decode()
    assert client.get("/staff/counter/", {"kana": "", "birth_date": "1985-06-01"}).status_code == 400
