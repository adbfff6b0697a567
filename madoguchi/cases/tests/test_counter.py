"""書かない窓口: a clerk serves a resident who writes nothing."""

from __future__ import annotations

import pytest

from madoguchi.cases.models import Draft, Submission
from madoguchi.cases.tests.conftest import HEAD_CODE

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture(autouse=True)
def _fresh_card_reader():
    """A card's PIN failures live in the cache; each test starts with cards unlocked."""
    from django.core.cache import cache

    cache.clear()


def test_a_clerk_finds_the_resident_and_submits_prefilled_applications_for_them(
    client, procedure, household, clerk
):
    client.force_login(clerk)
    found = client.get("/staff/counter/", {"kana": "りゅうがさき", "birth_date": "昭和60年6月1日"})
    assert found.status_code == 200 and f"/staff/counter/{HEAD_CODE}/" in found.content.decode()
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
    assert f"/staff/counter/{HEAD_CODE}/" not in response.content.decode()
    assert client.get("/staff/counter/", {"kana": "", "birth_date": "1985-06-01"}).status_code == 400


def test_the_clerk_finds_the_resident_by_reading_their_card_with_the_pin(client, clerk, household):
    client.force_login(clerk)
    page = client.get("/staff/counter/").content.decode()
    assert f'<option value="{HEAD_CODE}">' in page
    response = client.post("/staff/counter/card/", {"card": HEAD_CODE, "pin": "1234"})
    assert response.status_code == 302 and response["Location"] == f"/staff/counter/{HEAD_CODE}/"


def test_three_wrong_pins_lock_the_card_even_for_the_right_pin(client, clerk, household):
    client.force_login(clerk)
    first = client.post("/staff/counter/card/", {"card": HEAD_CODE, "pin": "0000"}, follow=True)
    assert "あと2回でロックされます" in first.content.decode()
    client.post("/staff/counter/card/", {"card": HEAD_CODE, "pin": "1111"})
    client.post("/staff/counter/card/", {"card": HEAD_CODE, "pin": "2222"})
    locked = client.post("/staff/counter/card/", {"card": HEAD_CODE, "pin": "1234"}, follow=True)
    assert locked.redirect_chain[-1][0] == "/staff/counter/"
    assert "ロックされています" in locked.content.decode()


def test_a_forged_reading_is_refused(household):
    from madoguchi.identity import cardreader

    token = cardreader.read_sandbox_card(card_id=HEAD_CODE, pin="1234", actor=None)
    header, payload, signature = token.split(".")
    forged = ".".join([header, payload, signature[:-4] + ("AAAA" if signature[-4:] != "AAAA" else "BBBB")])
    with pytest.raises(cardreader.CardReadError):
        cardreader.verify_reading(forged)
    assert cardreader.verify_reading(token).birth_date.isoformat() == "1985-06-01"


def test_a_card_whose_address_the_registry_no_longer_has_finds_nobody(client, clerk, household, monkeypatch):
    from madoguchi.identity import cardreader
    from madoguchi.registry.models import Household

    reading_before_the_move = cardreader.read_sandbox_card(card_id=HEAD_CODE, pin="1234", actor=None)
    monkeypatch.setattr(cardreader, "read_sandbox_card", lambda **kwargs: reading_before_the_move)
    Household.objects.update(address="茨城県龍ケ崎市別の町1-1")
    client.force_login(clerk)
    response = client.post("/staff/counter/card/", {"card": HEAD_CODE, "pin": "1234"}, follow=True)
    assert response.redirect_chain[-1][0] == "/staff/counter/"
    assert "一致する住民記録も転出証明書情報もありません" in response.content.decode()
