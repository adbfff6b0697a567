"""The relying party refuses ID tokens it cannot trust, and opens no session for them.

The sandbox's signing function is swapped for one that misbehaves, so each bad token reaches
the RP through the real token endpoint and Authlib's real validation.
"""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from madoguchi.identity.models import ResidentIdentity
from madoguchi.identity.sandbox import provider
from madoguchi.identity.tests.conftest import query, sign_in, start_sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def issue_altered_tokens(monkeypatch):
    """Make the sandbox sign ``claims | changes`` instead of the claims it meant to sign."""
    original = provider.sign_id_token

    def alter(**changes):
        monkeypatch.setattr(provider, "sign_id_token", lambda claims: original({**claims, **changes}))

    return alter


def _assert_refused(client, response) -> None:
    assert response.status_code == 400
    assert "ログインできませんでした" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not ResidentIdentity.objects.exists()


def test_a_token_signed_with_another_key_is_refused(client, households, monkeypatch):
    impostor = RSAKey.generate_key(2048, private=True)

    def forge(claims):
        # The genuine key id, so the RP tries the genuine public key and the signature fails.
        return jwt.encode({"alg": "RS256", "kid": provider.signing_key().kid}, claims, impostor)

    monkeypatch.setattr(provider, "sign_id_token", forge)
    _assert_refused(client, sign_in(client, households["taro"]))


def test_a_token_with_an_unknown_key_id_is_refused(client, households, monkeypatch):
    impostor = RSAKey.generate_key(2048, private=True, parameters={"kid": "someone-else"})
    monkeypatch.setattr(
        provider,
        "sign_id_token",
        lambda claims: jwt.encode({"alg": "RS256", "kid": "someone-else"}, claims, impostor),
    )
    _assert_refused(client, sign_in(client, households["taro"]))


def test_a_token_with_another_nonce_is_refused(client, households, issue_altered_tokens):
    issue_altered_tokens(nonce="replayed-nonce")
    _assert_refused(client, sign_in(client, households["taro"]))


def test_a_token_for_another_client_is_refused(client, households, issue_altered_tokens):
    issue_altered_tokens(aud="another-client")
    _assert_refused(client, sign_in(client, households["taro"]))


def test_a_token_from_another_issuer_is_refused(client, households, issue_altered_tokens):
    issue_altered_tokens(iss="https://idp.example/")
    _assert_refused(client, sign_in(client, households["taro"]))


def test_an_expired_token_is_refused(client, households, issue_altered_tokens):
    now = int(time.time())
    issue_altered_tokens(iat=now - 3600, exp=now - 1800)
    _assert_refused(client, sign_in(client, households["taro"]))


def test_the_failure_is_logged_without_the_token(client, households, issue_altered_tokens, caplog):
    issue_altered_tokens(aud="another-client")
    with caplog.at_level("WARNING", logger="madoguchi.identity.views"):
        sign_in(client, households["taro"])
    (record,) = [r for r in caplog.records if r.name == "madoguchi.identity.views"]
    assert record.reason.startswith("invalid_id_token:")
    assert "eyJ" not in caplog.text


def test_a_token_whose_card_sign_in_is_too_old_is_refused(client, households, issue_altered_tokens, settings):
    issue_altered_tokens(auth_time=int(time.time()) - settings.MADOGUCHI_REAUTH_SECONDS - 120)
    _assert_refused(client, sign_in(client, households["taro"]))


def test_a_token_without_auth_time_is_refused(client, households, monkeypatch):
    original = provider.sign_id_token
    monkeypatch.setattr(
        provider,
        "sign_id_token",
        lambda claims: original({k: v for k, v in claims.items() if k != "auth_time"}),
    )
    _assert_refused(client, sign_in(client, households["taro"]))


def test_a_token_whose_auth_time_is_within_max_age_signs_in(
    client, households, issue_altered_tokens, settings
):
    issue_altered_tokens(auth_time=int(time.time()) - settings.MADOGUCHI_REAUTH_SECONDS + 30)
    assert sign_in(client, households["taro"]).status_code == 302
    assert "_auth_user_id" in client.session


def test_the_rp_asks_the_provider_for_the_card_now(client, settings):
    params = query(start_sign_in(client))
    assert params["prompt"] == "login"
    assert params["max_age"] == str(settings.MADOGUCHI_REAUTH_SECONDS)
