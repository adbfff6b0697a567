"""The sandbox identity provider follows OpenID Connect, so any client can use it."""

from __future__ import annotations

import base64
import hashlib
import secrets
import stat
import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from madoguchi.identity.sandbox import provider
from madoguchi.identity.tests.conftest import CALLBACK, ISSUER, query

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

CLIENT_ID = "madoguchi-demo"


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def _authorization(challenge: str, **overrides: str) -> dict[str, str]:
    return {
        "client_id": CLIENT_ID,
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "openid profile address",
        "state": "state-123",
        "nonce": "nonce-456",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **overrides,
    }


def _code(client, resident_code: str, challenge: str) -> str:
    response = client.post(
        "/sandbox-idp/authorize", {**_authorization(challenge), "persona": resident_code, "pin": "0000"}
    )
    assert response.status_code == 302
    return query(response["Location"])["code"]


def _redeem(client, code: str, verifier: str, **extra):
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "client_id": CLIENT_ID,
        "code_verifier": verifier,
    }
    return client.post("/sandbox-idp/token", {**body, **extra.pop("body", {})}, **extra)


def test_discovery_describes_the_provider(client):
    document = client.get("/sandbox-idp/.well-known/openid-configuration").json()
    assert document["issuer"] == ISSUER
    assert document["authorization_endpoint"] == f"{ISSUER}/authorize"
    assert document["token_endpoint"] == f"{ISSUER}/token"
    assert document["userinfo_endpoint"] == f"{ISSUER}/userinfo"
    assert document["jwks_uri"] == f"{ISSUER}/jwks.json"
    assert document["response_types_supported"] == ["code"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert "client_secret_basic" in document["token_endpoint_auth_methods_supported"]
    assert "urn:digital.go.jp:acr:jpki" in document["acr_values_supported"]


def test_the_issuer_follows_the_configured_base_url(client, settings):
    settings.MADOGUCHI_BASE_URL = "https://madoguchi.example.jp"
    document = client.get("/sandbox-idp/.well-known/openid-configuration").json()
    assert document["issuer"] == "https://madoguchi.example.jp/sandbox-idp"


def test_the_signing_key_is_created_once_and_kept_private(client, settings):
    first = client.get("/sandbox-idp/jwks.json").json()
    path = settings.VAR_DIR / "sandbox-idp-key.pem"
    provider._keys.clear()
    again = client.get("/sandbox-idp/jwks.json").json()
    assert first == again
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (key,) = first["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and "d" not in key


def test_the_card_page_lists_personas_and_needs_a_pin(client, households):
    _, challenge = _pkce()
    page = client.get("/sandbox-idp/authorize", _authorization(challenge))
    html = page.content.decode()
    assert page.status_code == 200
    assert "マイナンバーカードでログイン（検証用）" in html
    assert "龍ケ崎 太郎" in html and "佐貫 一郎" in html
    assert "龍ケ崎 花子" not in html  # not a head of household, so not a persona
    assert 'name="pin"' in html and "キャンセル" in html


@pytest.mark.parametrize("pin", ["12a4", "１２３４", "123", "12345", ""])
def test_a_pin_that_is_not_four_digits_is_refused(client, households, pin):
    _, challenge = _pkce()
    response = client.post(
        "/sandbox-idp/authorize", {**_authorization(challenge), "persona": households["taro"], "pin": pin}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "暗証番号" in html and 'aria-invalid="true"' in html
    assert "<title>エラー：" in html


def test_an_unregistered_redirect_uri_is_never_redirected_to(client):
    _, challenge = _pkce()
    response = client.get(
        "/sandbox-idp/authorize", _authorization(challenge, redirect_uri="https://evil.example/cb")
    )
    assert response.status_code == 400


def test_an_unknown_client_is_refused(client):
    _, challenge = _pkce()
    assert (
        client.get("/sandbox-idp/authorize", _authorization(challenge, client_id="stranger")).status_code
        == 400
    )


def test_an_authorization_request_without_pkce_is_sent_back(client):
    _, challenge = _pkce()
    params = _authorization(challenge)
    del params["code_challenge"]
    response = client.get("/sandbox-idp/authorize", params)
    assert response.status_code == 302
    assert query(response["Location"])["error"] == "invalid_request"
    assert query(response["Location"])["state"] == "state-123"


def test_plain_pkce_is_not_accepted(client):
    verifier, _ = _pkce()
    response = client.get("/sandbox-idp/authorize", _authorization(verifier, code_challenge_method="plain"))
    assert query(response["Location"])["error"] == "invalid_request"


def test_a_code_buys_a_signed_id_token_with_the_card_claims(client, households):
    verifier, challenge = _pkce()
    response = _redeem(client, _code(client, households["taro"], challenge), verifier)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    keys = KeySet.import_key_set(client.get("/sandbox-idp/jwks.json").json())
    claims = jwt.decode(body["id_token"], keys, algorithms=["RS256"]).claims
    assert claims["iss"] == ISSUER and claims["aud"] == CLIENT_ID and claims["nonce"] == "nonce-456"
    assert claims["acr"] == "urn:digital.go.jp:acr:jpki"
    assert claims["exp"] > claims["iat"] and claims["auth_time"] <= claims["iat"]
    assert claims["sub"] == provider.subject_for(households["taro"]) != households["taro"]
    assert (claims["family_name"], claims["given_name"], claims["birthdate"]) == (
        "龍ケ崎",
        "太郎",
        "1970-05-05",
    )
    assert claims["address"] == {"formatted": "茨城県龍ケ崎市馴柴町1番地"}
    assert claims["gender"] == "male"


def test_a_wrong_code_verifier_is_refused(client, households):
    _, challenge = _pkce()
    other_verifier, _ = _pkce()
    response = _redeem(client, _code(client, households["taro"], challenge), other_verifier)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_grant"}


def test_a_missing_code_verifier_is_refused(client, households):
    _, challenge = _pkce()
    response = _redeem(client, _code(client, households["taro"], challenge), "")
    assert response.json() == {"error": "invalid_grant"}


def test_a_code_can_be_redeemed_only_once(client, households):
    verifier, challenge = _pkce()
    code = _code(client, households["taro"], challenge)
    assert _redeem(client, code, verifier).status_code == 200
    second = _redeem(client, code, verifier)
    assert second.status_code == 400 and second.json() == {"error": "invalid_grant"}


def test_a_code_is_bound_to_its_redirect_uri(client, households):
    verifier, challenge = _pkce()
    response = _redeem(
        client,
        _code(client, households["taro"], challenge),
        verifier,
        body={"redirect_uri": "http://testserver/other/"},
    )
    assert response.json() == {"error": "invalid_grant"}


def test_a_code_expires_after_sixty_seconds(client, households, monkeypatch):
    verifier, challenge = _pkce()
    code = _code(client, households["taro"], challenge)
    issued_at = time.time()
    monkeypatch.setattr(time, "time", lambda: issued_at + 61)
    assert _redeem(client, code, verifier).json() == {"error": "invalid_grant"}


def test_a_confidential_client_authenticates_with_http_basic(client, households, settings):
    settings.MADOGUCHI_OIDC = {**settings.MADOGUCHI_OIDC, "CLIENT_SECRET": "s3cret-value"}
    verifier, challenge = _pkce()
    basic = base64.b64encode(f"{CLIENT_ID}:s3cret-value".encode()).decode()
    response = _redeem(
        client, _code(client, households["taro"], challenge), verifier, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert response.status_code == 200


def test_a_confidential_client_authenticates_with_the_secret_in_the_body(client, households, settings):
    settings.MADOGUCHI_OIDC = {**settings.MADOGUCHI_OIDC, "CLIENT_SECRET": "s3cret-value"}
    verifier, challenge = _pkce()
    response = _redeem(
        client, _code(client, households["taro"], challenge), verifier, body={"client_secret": "s3cret-value"}
    )
    assert response.status_code == 200


def test_a_confidential_client_with_a_wrong_secret_is_refused(client, households, settings):
    settings.MADOGUCHI_OIDC = {**settings.MADOGUCHI_OIDC, "CLIENT_SECRET": "s3cret-value"}
    verifier, challenge = _pkce()
    basic = base64.b64encode(f"{CLIENT_ID}:wrong".encode()).decode()
    response = _redeem(
        client, _code(client, households["taro"], challenge), verifier, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert response.status_code == 401
    assert response.json() == {"error": "invalid_client"}
    assert response["WWW-Authenticate"].startswith("Basic")


def test_the_token_endpoint_only_accepts_post(client):
    assert client.get("/sandbox-idp/token").status_code == 405


def test_userinfo_answers_for_a_bearer_access_token(client, households):
    verifier, challenge = _pkce()
    access_token = _redeem(client, _code(client, households["ichiro"], challenge), verifier).json()[
        "access_token"
    ]
    response = client.get("/sandbox-idp/userinfo", HTTP_AUTHORIZATION=f"Bearer {access_token}")
    assert response.status_code == 200
    assert response.json()["sub"] == provider.subject_for(households["ichiro"])
    assert response.json()["name"] == "佐貫 一郎"


def test_userinfo_refuses_an_unknown_token(client):
    response = client.get("/sandbox-idp/userinfo", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_the_sandbox_is_absent_in_production(client, settings):
    settings.IS_PRODUCTION = True
    assert client.get("/sandbox-idp/.well-known/openid-configuration").status_code == 404


# --- Single sign-on, prompt and max_age (OpenID Connect Core §3.1.2.1) ---------------------------


def _id_token_claims(client, response, verifier: str) -> dict:
    assert response.status_code == 302 and response["Location"].startswith(CALLBACK)
    body = _redeem(client, query(response["Location"])["code"], verifier).json()
    keys = KeySet.import_key_set(client.get("/sandbox-idp/jwks.json").json())
    return jwt.decode(body["id_token"], keys, algorithms=["RS256"]).claims


def _card_used_seconds_ago(client, households, seconds: int) -> int:
    """A card sign-in at the provider ``seconds`` ago, remembered in its cookie; returns auth_time."""
    _code(client, households["taro"], _pkce()[1])  # sets the provider's cookie
    auth_time = int(time.time()) - seconds
    client.cookies[provider.SESSION_COOKIE] = provider.card_session_value(households["taro"], auth_time)
    return auth_time


def test_an_earlier_card_sign_in_stands_when_the_client_allows_it(client, households):
    auth_time = _card_used_seconds_ago(client, households, 300)
    verifier, challenge = _pkce()
    claims = _id_token_claims(
        client, client.get("/sandbox-idp/authorize", _authorization(challenge)), verifier
    )
    assert claims["sub"] == provider.subject_for(households["taro"])
    assert claims["auth_time"] == auth_time  # the old sign-in, said honestly


def test_prompt_login_asks_for_the_card_again(client, households):
    _card_used_seconds_ago(client, households, 5)
    response = client.get("/sandbox-idp/authorize", _authorization(_pkce()[1], prompt="login"))
    assert response.status_code == 200 and "persona" in response.content.decode()


def test_max_age_asks_for_the_card_when_the_sign_in_is_older(client, households):
    _card_used_seconds_ago(client, households, 700)
    response = client.get("/sandbox-idp/authorize", _authorization(_pkce()[1], max_age="600"))
    assert response.status_code == 200 and "persona" in response.content.decode()
    verifier, challenge = _pkce()
    recent = client.get("/sandbox-idp/authorize", _authorization(challenge, max_age="800"))
    assert _id_token_claims(client, recent, verifier)["auth_time"] <= time.time() - 700


def test_a_card_presented_again_gives_a_fresh_auth_time(client, households):
    _card_used_seconds_ago(client, households, 3000)
    verifier, challenge = _pkce()
    response = client.post(
        "/sandbox-idp/authorize",
        {**_authorization(challenge, prompt="login"), "persona": households["taro"], "pin": "0000"},
    )
    assert _id_token_claims(client, response, verifier)["auth_time"] >= time.time() - 5


def test_prompt_none_without_a_sign_in_answers_login_required(client, households):
    response = client.get("/sandbox-idp/authorize", _authorization(_pkce()[1], prompt="none"))
    assert response.status_code == 302
    assert query(response["Location"])["error"] == "login_required"


def test_a_forged_provider_cookie_is_ignored(client, households):
    client.cookies[provider.SESSION_COOKIE] = "forged"
    response = client.get("/sandbox-idp/authorize", _authorization(_pkce()[1]))
    assert response.status_code == 200 and "persona" in response.content.decode()


@pytest.mark.parametrize("params", [{"max_age": "ten"}, {"prompt": "none login"}, {"prompt": "sideways"}])
def test_malformed_prompt_or_max_age_is_sent_back_as_invalid_request(client, params):
    response = client.get("/sandbox-idp/authorize", _authorization(_pkce()[1], **params))
    assert response.status_code == 302 and query(response["Location"])["error"] == "invalid_request"
