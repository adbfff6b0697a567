"""Fixtures for the identity tests: a tiny registry, a fresh sandbox key, an empty cache."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from madoguchi.registry.services import Member, register_household

ISSUER = "http://testserver/sandbox-idp"
CALLBACK = "http://testserver/oidc/callback/"


def _member(code: str, last: str, first: str, born: dt.date, sex: str, relationship: str) -> Member:
    return Member(
        resident_code=code,
        last_name=last,
        first_name=first,
        last_name_kana="テスト",
        first_name_kana="テスト",
        birth_date=born,
        sex=sex,
        relationship=relationship,
        became_resident_on=born,
    )


@pytest.fixture(autouse=True)
def _sandbox(settings, tmp_path):
    """Each test gets its own signing key (in a temporary VAR_DIR) and an empty code store."""
    settings.VAR_DIR = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def households() -> dict[str, str]:
    """Two fictional households; returns the heads' 住民票コード by a nickname."""
    register_household(
        household_code="H0001",
        postal_code="3010000",
        address="茨城県龍ケ崎市馴柴町1番地",
        town="馴柴町",
        members=[
            _member("00000000001", "龍ケ崎", "太郎", dt.date(1970, 5, 5), "male", "世帯主"),
            _member("00000000002", "龍ケ崎", "花子", dt.date(1972, 8, 1), "female", "妻"),
        ],
    )
    register_household(
        household_code="H0002",
        postal_code="3010001",
        address="茨城県龍ケ崎市佐貫町2番地3",
        town="佐貫町",
        members=[_member("00000000003", "佐貫", "一郎", dt.date(1985, 1, 20), "male", "世帯主")],
    )
    return {"taro": "00000000001", "ichiro": "00000000003"}


def query(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def start_sign_in(client, next_url: str | None = None) -> str:
    """Press the button on /login/; returns the provider's authorization URL."""
    response = client.post("/login/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    return response["Location"]


def present_card(client, authorize_url: str, resident_code: str, pin: str = "1234"):
    """Choose the persona and enter the PIN on the sandbox's card page; returns its response."""
    assert client.get(authorize_url).status_code == 200
    return client.post(
        "/sandbox-idp/authorize", {**query(authorize_url), "persona": resident_code, "pin": pin}
    )


def sign_in(client, resident_code: str, next_url: str | None = None):
    """The whole journey, one redirect at a time; returns the callback's response."""
    card = present_card(client, start_sign_in(client, next_url), resident_code)
    assert card.status_code == 302 and card["Location"].startswith(CALLBACK)
    return client.get(card["Location"])
