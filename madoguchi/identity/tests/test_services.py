"""Recording a card sign-in: the account, and its link to the registry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from madoguchi.identity import selectors, services
from madoguchi.identity.oidc import CardHolder

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

ISSUER = "https://idp.example.jp"


def _holder(**changes) -> CardHolder:
    fields = {
        "family_name": "佐貫",
        "given_name": "一郎",
        "birth_date": dt.date(1985, 1, 20),
        "address": "茨城県龍ケ崎市佐貫町2番地3",
    }
    return CardHolder(**{**fields, **changes})


def _sign_in(holder: CardHolder, subject: str = "subject-1"):
    return services.record_resident_sign_in(
        issuer=ISSUER, subject=subject, acr="urn:digital.go.jp:acr:jpki", auth_time=None, holder=holder
    )


def test_a_card_from_outside_the_registry_gets_an_unlinked_account(households):
    user = _sign_in(_holder(address="東京都千代田区霞が関1丁目"))
    assert user.kind == "resident"
    assert selectors.resident_code_of(user) is None


def test_the_registry_link_follows_the_card_on_the_next_sign_in(households):
    user = _sign_in(_holder(address="東京都千代田区霞が関1丁目"))
    assert _sign_in(_holder()) == user
    assert selectors.resident_code_of(user) == households["ichiro"]


def test_the_username_reveals_nothing_about_the_person(households):
    user = _sign_in(_holder())
    assert user.username == services.resident_username(issuer=ISSUER, subject="subject-1")
    assert "subject-1" not in user.username and households["ichiro"] not in user.username


def test_anonymous_visitors_have_no_resident_code():
    assert selectors.resident_code_of(AnonymousUser()) is None
