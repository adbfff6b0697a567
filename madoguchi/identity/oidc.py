"""The relying party (RP): residents sign in with the My Number Card through OpenID Connect.

Authlib's Django client does the protocol: authorization code flow with PKCE (S256), ``state``
and ``nonce`` kept in the session, discovery from ``<issuer>/.well-known/openid-configuration``,
and the ID token verified against the provider's JWKS. This module only configures it and turns
its outcome (or its failure) into a :class:`VerifiedSignIn` or a :class:`SignInFailed`.

The provider is ``settings.MADOGUCHI_OIDC["ISSUER"]`` (the Digital Agency's デジタル認証アプリ in
production) or, when that is empty, the built-in sandbox at this site's ``/sandbox-idp``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from joserfc.errors import JoseError

from madoguchi.identity.adapters.inprocess import InProcessWSGIAdapter

#: The authentication context class the RP asks for (``acr_values``) and that marks a sign-in as
#: made with the My Number Card (利用者証明用電子証明書, JPKI). Configuration point: change this
#: module constant if the provider names the card's context differently.
JPKI_ACR = "urn:digital.go.jp:acr:jpki"

# Seconds the RP waits for the provider before giving up with the error page.
PROVIDER_TIMEOUT = 10

# Seconds of clock difference with the provider tolerated when checking ``auth_time``.
CLOCK_SKEW = 60


def max_age() -> int:
    """How old the card sign-in behind an ID token may be (OIDC ``max_age``), in seconds.

    A resident's sign-in counts as a fresh authentication for sensitive actions (再認証), so the
    card must have been used within the same window those actions allow.
    """
    return settings.MADOGUCHI_REAUTH_SECONDS


_oauth = OAuth()
_registration_lock = threading.Lock()


class SignInFailed(Exception):
    """The sign-in could not be completed; ``reason`` is a short code, safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CardHolder:
    """基本4情報 — name, date of birth and address, as the provider read them from the card."""

    family_name: str
    given_name: str
    birth_date: dt.date | None
    address: str


@dataclass(frozen=True)
class VerifiedSignIn:
    """What a verified ID token says: who (issuer, subject), how (acr, auth_time) and the card."""

    issuer: str
    subject: str
    acr: str
    auth_time: dt.datetime
    holder: CardHolder


def site_base_url(request: HttpRequest) -> str:
    """This site's public scheme and host: ``MADOGUCHI_BASE_URL``, else the request's own."""
    return settings.MADOGUCHI_BASE_URL or f"{request.scheme}://{request.get_host()}"


def sandbox_issuer(request: HttpRequest) -> str:
    """The built-in sandbox provider's issuer URL, e.g. ``https://example.jp/sandbox-idp``."""
    discovery = reverse("identity:sandbox_discovery")
    return site_base_url(request) + discovery.removesuffix("/.well-known/openid-configuration")


def issuer_for(request: HttpRequest) -> str:
    return settings.MADOGUCHI_OIDC["ISSUER"] or sandbox_issuer(request)


def callback_url(request: HttpRequest) -> str:
    return site_base_url(request) + reverse("identity:callback")


class _SandboxSession(OAuth2Session):
    """An OAuth 2 session whose requests to the built-in sandbox stay inside this process."""

    def __init__(self, *args: Any, sandbox_issuer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mount(f"{sandbox_issuer}/", InProcessWSGIAdapter())


class _SandboxApp(DjangoOAuth2App):
    client_cls = _SandboxSession


def _client(request: HttpRequest) -> DjangoOAuth2App:
    """The Authlib client for the current issuer, registered once per (issuer, client id).

    Registered lazily because the sandbox's issuer depends on the host the site is reached at.
    The client caches discovery and JWKS, and fetches the JWKS again when a token names a key id
    it does not know (key rotation).
    """
    config = settings.MADOGUCHI_OIDC
    issuer = issuer_for(request)
    name = "oidc-" + hashlib.sha256(f"{issuer}\n{config['CLIENT_ID']}".encode()).hexdigest()[:16]
    with _registration_lock:
        client = _oauth.create_client(name)
        if client is None:
            client_kwargs: dict[str, Any] = {
                "scope": config["SCOPES"],
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic" if config["CLIENT_SECRET"] else "none",
                "default_timeout": PROVIDER_TIMEOUT,
            }
            extra: dict[str, Any] = {}
            if not config["ISSUER"]:
                client_kwargs["sandbox_issuer"] = issuer
                extra["client_cls"] = _SandboxApp
            _oauth.register(
                name=name,
                client_id=config["CLIENT_ID"],
                client_secret=config["CLIENT_SECRET"] or None,
                server_metadata_url=f"{issuer}/.well-known/openid-configuration",
                client_kwargs=client_kwargs,
                **extra,
            )
            client = _oauth.create_client(name)
    return client


def authorization_redirect(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider's authorization endpoint, asking for the card.

    ``prompt=login`` and ``max_age`` make the provider ask for the card now rather than reuse an
    earlier sign-in in the browser: the session this opens counts as a fresh authentication, and
    a resident sent back to sign in before a sensitive action must really present the card again.
    """
    try:
        return _client(request).authorize_redirect(
            request,
            redirect_uri=callback_url(request),
            acr_values=JPKI_ACR,
            prompt="login",
            max_age=str(max_age()),
        )
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        raise SignInFailed(f"discovery_failed:{type(error).__name__}") from error


def _birth_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _recent_auth_time(value: object) -> dt.datetime:
    """``auth_time`` as a moment, if the card was used within ``max_age`` (OIDC Core §3.1.3.7).

    A provider that ignored ``prompt=login`` and ``max_age`` and reused an old sign-in is refused,
    as is a token without ``auth_time`` (required when ``max_age`` is asked for).
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise SignInFailed("invalid_id_token:auth_time_missing")
    age = time.time() - value
    if age > max_age() + CLOCK_SKEW:
        raise SignInFailed("invalid_id_token:auth_time_too_old")
    if age < -CLOCK_SKEW:
        raise SignInFailed("invalid_id_token:auth_time_in_future")
    return dt.datetime.fromtimestamp(value, tz=dt.UTC)


def verified_sign_in(request: HttpRequest) -> VerifiedSignIn:
    """Finish the flow at the callback: check ``state``, redeem the code, verify the ID token.

    Authlib checks the signature against the provider's JWKS (RS256 as the provider declares),
    ``nonce`` against the session and ``exp``; ``iss`` and ``aud`` are pinned here because Authlib
    only checks them when told to.
    """
    client = _client(request)
    claims_options = {
        "iss": {"essential": True, "value": issuer_for(request)},
        "aud": {"essential": True, "value": settings.MADOGUCHI_OIDC["CLIENT_ID"]},
        "sub": {"essential": True},
        "exp": {"essential": True},
    }
    try:
        token = client.authorize_access_token(request, claims_options=claims_options)
    except MismatchingStateError as error:
        raise SignInFailed("state_mismatch") from error
    except OAuthError as error:
        # access_denied is the resident pressing キャンセル at the provider.
        reason = "access_denied" if error.error == "access_denied" else f"provider_error:{error.error}"
        raise SignInFailed(reason) from error
    except JoseError as error:
        raise SignInFailed(f"invalid_id_token:{type(error).__name__}") from error
    except (requests.RequestException, ValueError, KeyError, TypeError, RuntimeError) as error:
        raise SignInFailed(f"token_request_failed:{type(error).__name__}") from error
    claims = token.get("userinfo")
    if not claims:
        raise SignInFailed("no_id_token")
    address = claims.get("address")
    auth_time = _recent_auth_time(claims.get("auth_time"))
    return VerifiedSignIn(
        issuer=claims["iss"],
        subject=claims["sub"],
        acr=str(claims.get("acr", "")),
        auth_time=auth_time,
        holder=CardHolder(
            family_name=str(claims.get("family_name", "")),
            given_name=str(claims.get("given_name", "")),
            birth_date=_birth_date(claims.get("birthdate")),
            address=str(address.get("formatted", "")) if isinstance(address, dict) else "",
        ),
    )
