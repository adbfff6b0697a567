"""検証用IdP — a standards-following OpenID Connect provider with fictional card holders.

It imitates the Digital Agency's デジタル認証アプリ closely enough that the relying party cannot
tell the difference: discovery, JWKS (RS256), authorization code flow with mandatory PKCE (S256),
``state``, ``nonce``, ``acr`` and ``auth_time``, ``prompt`` and ``max_age`` against its own
sign-in session (single sign-on, a signed cookie), client authentication (``client_secret_basic``,
``client_secret_post``, or a public client proving itself with PKCE), and a UserInfo endpoint.
Any OIDC client can use it; the one registered client is this site's own
(``settings.MADOGUCHI_OIDC``), with this site's ``/oidc/callback/`` as its only redirect URI.

Codes and access tokens live in the Django cache, not in a model: they are short-lived by nature
(60 s and 10 min), the cache's TTL expires them with no clean-up job, ``cache.add`` makes a code
single-use atomically on both local memory and Redis, and losing them on a restart only means
signing in again. Only the 住民票コード of the chosen persona is kept there; the claims are read
from the registry (through its audited selectors) when a token or UserInfo is issued.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import salted_hmac
from joserfc import jwt
from joserfc.jwk import RSAKey

from madoguchi.identity.oidc import JPKI_ACR, callback_url, sandbox_issuer, site_base_url

if TYPE_CHECKING:
    from madoguchi.registry.selectors import CardItems

CODE_TTL = 60
ACCESS_TOKEN_TTL = 600
ID_TOKEN_TTL = 600
SUPPORTED_SCOPES = ("openid", "profile", "address")
KEY_FILE_NAME = "sandbox-idp-key.pem"

_CACHE_PREFIX = "identity:sandbox-idp"
# RFC 7636 §4.1: 43–128 characters from the unreserved set.
_CODE_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
_keys: dict[Path, RSAKey] = {}
_keys_lock = threading.Lock()


@dataclass(frozen=True)
class RegisteredClient:
    """A client the sandbox knows: a public client when ``client_secret`` is empty."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]


@dataclass(frozen=True)
class AuthorizationRequest:
    """A validated request to the authorization endpoint."""

    client_id: str
    redirect_uri: str
    scope: str
    state: str
    nonce: str
    code_challenge: str
    # OpenID Connect Core §3.1.2.1: what the client asks about re-authentication.
    prompt: frozenset[str] = frozenset()
    max_age: int | None = None


@dataclass(frozen=True)
class CardSession:
    """The provider's own memory of a card sign-in in this browser (its single sign-on)."""

    resident_code: str
    auth_time: int


class InvalidClientOrRedirect(Exception):
    """Unknown client or redirect URI: shown to the user, never redirected (RFC 6749 §4.1.2.1)."""


class AuthorizationError(Exception):
    """An error the sandbox reports back to the client's redirect URI (RFC 6749 §4.1.2.1)."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(error)
        self.error = error
        self.description = description


def _key_path() -> Path:
    return Path(settings.VAR_DIR) / KEY_FILE_NAME


def _load_or_create_key(path: Path) -> RSAKey:
    """Read the PEM, or create it once; a concurrent creator's file wins (os.link is atomic)."""
    if not path.exists():
        fresh = RSAKey.generate_key(2048, private=True)
        scratch = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        scratch.write_bytes(fresh.as_pem(private=True))
        scratch.chmod(0o600)
        try:
            with contextlib.suppress(FileExistsError):
                os.link(scratch, path)
        finally:
            scratch.unlink()
    key = RSAKey.import_key(path.read_bytes())
    return RSAKey.import_key(
        key.as_dict(private=True), {"kid": key.thumbprint(), "use": "sig", "alg": "RS256"}
    )


def signing_key() -> RSAKey:
    """The RS256 signing key, kept in ``VAR_DIR/sandbox-idp-key.pem`` so it survives restarts."""
    path = _key_path()
    with _keys_lock:
        if path not in _keys:
            _keys[path] = _load_or_create_key(path)
        return _keys[path]


def jwks() -> dict[str, Any]:
    return {"keys": [signing_key().as_dict(private=False)]}


def discovery_document(request: HttpRequest) -> dict[str, Any]:
    """OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3)."""
    site = site_base_url(request)
    return {
        "issuer": sandbox_issuer(request),
        "authorization_endpoint": site + reverse("identity:sandbox_authorize"),
        "token_endpoint": site + reverse("identity:sandbox_token"),
        "userinfo_endpoint": site + reverse("identity:sandbox_userinfo"),
        "jwks_uri": site + reverse("identity:sandbox_jwks"),
        "scopes_supported": list(SUPPORTED_SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "acr_values_supported": [JPKI_ACR],
        "claims_supported": [
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "acr",
            "name",
            "family_name",
            "given_name",
            "birthdate",
            "gender",
            "address",
        ],
        "authorization_response_iss_parameter_supported": True,
        "ui_locales_supported": ["ja", "en"],
    }


def registered_client(request: HttpRequest, client_id: str) -> RegisteredClient | None:
    """This site's own client, the only one registered: its callback is the only redirect URI."""
    config = settings.MADOGUCHI_OIDC
    if not client_id or not hmac.compare_digest(client_id, config["CLIENT_ID"]):
        return None
    return RegisteredClient(
        client_id=config["CLIENT_ID"],
        client_secret=config["CLIENT_SECRET"],
        redirect_uris=(callback_url(request),),
    )


def authorization_request(request: HttpRequest, params: Any) -> AuthorizationRequest:
    """Validate the parameters of an authorization request (GET query or the confirming POST)."""
    client = registered_client(request, params.get("client_id", ""))
    redirect_uri = params.get("redirect_uri", "")
    if client is None or redirect_uri not in client.redirect_uris:
        raise InvalidClientOrRedirect
    if params.get("response_type") != "code":
        raise AuthorizationError("unsupported_response_type", "response_type must be code")
    scopes = params.get("scope", "").split()
    if "openid" not in scopes:
        raise AuthorizationError("invalid_scope", "scope must include openid")
    for required in ("state", "nonce", "code_challenge"):
        if not params.get(required):
            raise AuthorizationError("invalid_request", f"{required} is required")
    if params.get("code_challenge_method") != "S256":
        raise AuthorizationError("invalid_request", "code_challenge_method must be S256")
    prompt = frozenset(params.get("prompt", "").split())
    if not prompt <= {"none", "login", "consent", "select_account"} or ("none" in prompt and len(prompt) > 1):
        raise AuthorizationError("invalid_request", "unsupported prompt value")
    raw_max_age = params.get("max_age", "")
    if raw_max_age and not raw_max_age.isdigit():
        raise AuthorizationError("invalid_request", "max_age must be a number of seconds")
    return AuthorizationRequest(
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        scope=" ".join(scope for scope in scopes if scope in SUPPORTED_SCOPES),
        state=params["state"],
        nonce=params["nonce"],
        code_challenge=params["code_challenge"],
        prompt=prompt,
        max_age=int(raw_max_age) if raw_max_age else None,
    )


# The sandbox's single sign-on: a signed cookie naming the persona and when the card was used.
SESSION_COOKIE = "sandbox_idp_session"
_SESSION_SALT = "madoguchi.identity.sandbox-idp.session"
SESSION_TTL = 8 * 3600


def card_session_value(resident_code: str, auth_time: int) -> str:
    return signing.dumps({"resident_code": resident_code, "auth_time": auth_time}, salt=_SESSION_SALT)


def card_session(request: HttpRequest) -> CardSession | None:
    """The card sign-in this browser made at the provider, if its cookie is genuine and recent."""
    try:
        data = signing.loads(request.COOKIES.get(SESSION_COOKIE, ""), salt=_SESSION_SALT, max_age=SESSION_TTL)
        return CardSession(resident_code=str(data["resident_code"]), auth_time=int(data["auth_time"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def reusable_session(authorization: AuthorizationRequest, session: CardSession | None) -> CardSession | None:
    """The earlier card sign-in, if the client lets it stand; None means "use the card again".

    ``prompt=login`` always asks for the card; ``max_age`` asks for it when the earlier sign-in
    is older than that many seconds — as OpenID Connect Core §3.1.2.1 requires of a provider.
    """
    if session is None or "login" in authorization.prompt:
        return None
    if authorization.max_age is not None and time.time() - session.auth_time > authorization.max_age:
        return None
    return session


def subject_for(resident_code: str) -> str:
    """The persona's ``sub``: stable, but an HMAC so that it does not reveal the 住民票コード."""
    return salted_hmac("madoguchi.identity.sandbox-idp.sub", resident_code, algorithm="sha256").hexdigest()


def _digest(secret: str) -> str:
    # Cache keys hold a hash of the code or token, so a cache dump hands out nothing usable.
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_code(*, authorization: AuthorizationRequest, resident_code: str, auth_time: int) -> str:
    code = secrets.token_urlsafe(32)
    cache.set(
        f"{_CACHE_PREFIX}:code:{_digest(code)}",
        {
            "client_id": authorization.client_id,
            "redirect_uri": authorization.redirect_uri,
            "scope": authorization.scope,
            "nonce": authorization.nonce,
            "code_challenge": authorization.code_challenge,
            "resident_code": resident_code,
            "auth_time": auth_time,
            "expires_at": time.time() + CODE_TTL,
        },
        timeout=CODE_TTL,
    )
    return code


def redeem_code(code: str) -> dict[str, Any] | None:
    """The grant behind a code, exactly once: the first redemption claims it atomically."""
    digest = _digest(code)
    if not cache.add(f"{_CACHE_PREFIX}:used:{digest}", True, timeout=CODE_TTL):
        return None
    grant = cache.get(f"{_CACHE_PREFIX}:code:{digest}")
    # The cache's own expiry is coarse (Redis rounds, a busy store may keep a key a little
    # longer); the grant carries its deadline so that 60 s means 60 s on every backend.
    if grant is None or grant["expires_at"] < time.time():
        return None
    return grant


def pkce_matches(code_verifier: str, code_challenge: str) -> bool:
    """RFC 7636 S256: BASE64URL(SHA256(verifier)) must equal the challenge."""
    if not _CODE_VERIFIER.match(code_verifier):
        return False
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return hmac.compare_digest(computed, code_challenge)


def issue_access_token(*, client_id: str, scope: str, resident_code: str) -> str:
    token = secrets.token_urlsafe(32)
    cache.set(
        f"{_CACHE_PREFIX}:access:{_digest(token)}",
        {
            "client_id": client_id,
            "scope": scope,
            "resident_code": resident_code,
            "expires_at": time.time() + ACCESS_TOKEN_TTL,
        },
        timeout=ACCESS_TOKEN_TTL,
    )
    return token


def access_grant(token: str) -> dict[str, Any] | None:
    grant = cache.get(f"{_CACHE_PREFIX}:access:{_digest(token)}")
    if grant is None or grant["expires_at"] < time.time():
        return None
    return grant


def person_claims(record: CardItems, scope: str) -> dict[str, Any]:
    """The card holder's claims the granted scopes allow (OpenID Connect Core §5.1, §5.4)."""
    scopes = scope.split()
    claims: dict[str, Any] = {"sub": subject_for(record.resident_code)}
    if "profile" in scopes:
        claims |= {
            "name": f"{record.last_name} {record.first_name}",
            "family_name": record.last_name,
            "given_name": record.first_name,
            "birthdate": record.birth_date.isoformat(),
            "gender": record.sex,
        }
    if "address" in scopes:
        claims["address"] = {"formatted": record.address}
    return claims


def id_token_claims(*, request: HttpRequest, grant: dict[str, Any], record: CardItems) -> dict[str, Any]:
    now = int(time.time())
    return {
        **person_claims(record, grant["scope"]),
        "iss": sandbox_issuer(request),
        "aud": grant["client_id"],
        "iat": now,
        "exp": now + ID_TOKEN_TTL,
        "auth_time": grant["auth_time"],
        "nonce": grant["nonce"],
        "acr": JPKI_ACR,
    }


def sign_id_token(claims: dict[str, Any]) -> str:
    """Sign the ID token with the sandbox's RS256 key (its ``kid`` names the key in the JWKS)."""
    key = signing_key()
    return jwt.encode({"alg": "RS256", "typ": "JWT", "kid": key.kid}, claims, key)
