"""Residents sign in with the (sandbox) My Number Card, end to end through the test client."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from madoguchi.accounts.models import User
from madoguchi.accounts.tests.factories import StaffUserFactory
from madoguchi.audit.models import AuditEvent
from madoguchi.identity import selectors
from madoguchi.identity.models import ResidentIdentity
from madoguchi.identity.oidc import JPKI_ACR
from madoguchi.identity.sandbox import provider
from madoguchi.identity.tests.conftest import CALLBACK, ISSUER, present_card, query, sign_in, start_sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def _signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_the_login_page_explains_the_card_sign_in(client):
    page = client.get("/login/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1>") == 1
    assert "マイナンバーカードでログイン" in html
    assert 'action="/login/"' in html


def test_the_button_sends_the_resident_to_the_provider_with_pkce_state_nonce_and_acr(client):
    location = start_sign_in(client)
    params = query(location)
    assert location.startswith(f"{ISSUER}/authorize?")
    assert params["response_type"] == "code"
    assert params["redirect_uri"] == CALLBACK
    assert params["code_challenge_method"] == "S256"
    assert params["code_challenge"] and params["state"] and params["nonce"]
    assert params["acr_values"] == JPKI_ACR
    assert params["scope"].split() == ["openid", "profile", "address"]


def test_a_resident_signs_in_and_is_linked_to_their_registry_record(client, households):
    response = sign_in(client, households["ichiro"], next_url="/procedures/")
    assert response.status_code == 302 and response["Location"] == "/procedures/"
    user = User.objects.get(pk=_signed_in_user_id(client))
    assert user.kind == User.Kind.RESIDENT
    assert user.username.startswith("r-")
    assert (user.last_name, user.first_name) == ("佐貫", "一郎")
    identity = ResidentIdentity.objects.get(user=user)
    assert identity.issuer == ISSUER
    assert identity.subject == provider.subject_for(households["ichiro"])
    assert identity.resident_code == households["ichiro"]
    assert identity.acr == JPKI_ACR
    assert identity.auth_time is not None
    assert selectors.resident_code_of(user) == households["ichiro"]


def test_sign_in_is_audited_without_personal_data(client, households):
    sign_in(client, households["ichiro"])
    user_id = int(_signed_in_user_id(client))
    event = AuditEvent.objects.get(action="identity.sign_in")
    assert event.actor_id == user_id
    assert set(event.details) == {"issuer", "acr", "new_account", "registry_linked"}
    assert "佐貫" not in str(event.details) and households["ichiro"] not in str(event.details)
    # On a first sign-in the account does not exist yet: the system matches on the person's behalf.
    match = AuditEvent.objects.get(action="registry.match")
    assert match.actor_label == "system" and match.details == {"found": True}


def test_the_session_reports_the_card_sign_in_level(client, households):
    sign_in(client, households["taro"])
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=_signed_in_user_id(client))
    request.session = client.session
    assert selectors.sign_in_level(request) == "mynumber_card"


def test_a_session_without_the_card_has_no_sign_in_level(client):
    request = RequestFactory().get("/")
    request.user = StaffUserFactory()
    request.session = client.session
    assert selectors.sign_in_level(request) == "none"


def test_signing_in_again_reuses_the_account(client, households):
    sign_in(client, households["taro"])
    first = _signed_in_user_id(client)
    client.post("/logout/")
    sign_in(client, households["taro"])
    assert _signed_in_user_id(client) == first
    assert User.objects.filter(kind=User.Kind.RESIDENT).count() == 1


def test_without_next_the_resident_lands_on_their_page(client, households):
    assert sign_in(client, households["taro"])["Location"] == "/my/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "http://testserver/x"]
)
def test_a_next_url_off_this_site_is_ignored(client, households, next_url):
    assert sign_in(client, households["taro"], next_url=next_url)["Location"] == "/my/"


def test_a_tampered_state_is_refused(client, households):
    card = present_card(client, start_sign_in(client), households["taro"])
    params = query(card["Location"])
    response = client.get("/oidc/callback/", {**params, "state": "forged-state"})
    assert response.status_code == 400
    assert "ログインできませんでした" in response.content.decode()
    assert _signed_in_user_id(client) is None


def test_a_callback_from_another_browser_is_refused(client, households):
    card = present_card(client, start_sign_in(client), households["taro"])
    client.cookies.clear()
    response = client.get(card["Location"])
    assert response.status_code == 400
    assert _signed_in_user_id(client) is None


def test_cancelling_at_the_provider_shows_the_error_page(client, households):
    authorize_url = start_sign_in(client)
    cancelled = client.post("/sandbox-idp/authorize", {**query(authorize_url), "cancel": "1"})
    assert query(cancelled["Location"])["error"] == "access_denied"
    response = client.get(cancelled["Location"])
    html = response.content.decode()
    assert response.status_code == 400
    assert "ログインできませんでした" in html and "中止されました" in html
    assert 'href="/login/"' in html
    assert _signed_in_user_id(client) is None
    assert AuditEvent.objects.get(action="identity.sign_in_failed").details == {"reason": "access_denied"}


def test_a_staff_account_cannot_be_opened_with_the_card(client, households):
    staff = StaffUserFactory()
    ResidentIdentity.objects.create(
        user=staff,
        issuer=ISSUER,
        subject=provider.subject_for(households["taro"]),
        last_sign_in_at="2026-01-01T00:00:00Z",
    )
    response = sign_in(client, households["taro"])
    assert response.status_code == 400
    assert _signed_in_user_id(client) is None


def test_sign_out_needs_a_post_and_ends_the_session(client, households):
    sign_in(client, households["taro"])
    user_id = int(_signed_in_user_id(client))
    assert client.get("/logout/").status_code == 405
    assert _signed_in_user_id(client) is not None
    response = client.post("/logout/")
    assert response.status_code == 302
    assert _signed_in_user_id(client) is None
    assert AuditEvent.objects.filter(action="accounts.logout", actor_id=user_id).exists()


def test_an_unreachable_provider_shows_the_error_page(client, settings):
    # Nothing listens on the discard port: the RP really goes over the network to a configured issuer.
    settings.MADOGUCHI_OIDC = {**settings.MADOGUCHI_OIDC, "ISSUER": "http://127.0.0.1:9"}
    response = client.post("/login/")
    assert response.status_code == 400
    assert "ログインできませんでした" in response.content.decode()


def test_signing_in_again_before_a_sensitive_action_needs_the_card_again(client, households):
    """The provider remembers the first card sign-in, yet the RP's prompt=login makes it ask again."""
    sign_in(client, households["taro"])
    assert client.cookies.get(provider.SESSION_COOKIE)  # the provider's own single sign-on
    authorize_url = start_sign_in(client, "/my/disclosure.json")
    card_page = client.get(authorize_url)
    assert card_page.status_code == 200 and "persona" in card_page.content.decode()
