"""検証用IdP endpoints: discovery, JWKS, authorization, token and UserInfo.

Error bodies follow RFC 6749 §5.2 and RFC 6750 §3 so that any OIDC client understands them. The
whole provider is absent in production, where the registry holds real residents.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from madoguchi.identity.oidc import sandbox_issuer
from madoguchi.identity.sandbox import provider
from madoguchi.identity.sandbox.forms import CardSignInForm
from madoguchi.registry.selectors import card_items, sandbox_personas

PERSONA_COUNT = 12
AUTHORIZATION_FIELDS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "prompt",
    "max_age",
)


def sandbox_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 in production: the sandbox would list real residents from the registry there."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.IS_PRODUCTION:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def _oauth_error(error: str, status: int = 400, challenge: str = "") -> JsonResponse:
    response = JsonResponse({"error": error}, status=status)
    response["Cache-Control"] = "no-store"
    if challenge:
        response["WWW-Authenticate"] = challenge
    return response


def _redirect_with(redirect_uri: str, params: dict[str, str]) -> HttpResponseRedirect:
    separator = "&" if "?" in redirect_uri else "?"
    return HttpResponseRedirect(f"{redirect_uri}{separator}{urlencode(params)}")


@sandbox_only
@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    return JsonResponse(provider.discovery_document(request))


@sandbox_only
@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(provider.jwks())


@sandbox_only
@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """The card step. GET shows it; POST (the same parameters, hidden) confirms or cancels it."""
    params = request.GET if request.method == "GET" else request.POST
    issuer = sandbox_issuer(request)
    try:
        authorization = provider.authorization_request(request, params)
    except provider.InvalidClientOrRedirect:
        return render(request, "identity/sandbox_invalid_request.html", status=400)
    except provider.AuthorizationError as error:
        return _redirect_with(
            params["redirect_uri"],
            {
                "error": error.error,
                "error_description": error.description,
                "state": params.get("state", ""),
                "iss": issuer,
            },
        )
    if request.method == "POST" and "cancel" in request.POST:
        return _redirect_with(
            authorization.redirect_uri,
            {"error": "access_denied", "state": authorization.state, "iss": issuer},
        )
    if request.method == "GET":
        # Single sign-on, as a real provider does: an earlier card sign-in in this browser stands
        # unless the client asked for the card again (prompt=login, or max_age has passed).
        earlier = provider.reusable_session(authorization, provider.card_session(request))
        if earlier is not None:
            code = provider.issue_code(
                authorization=authorization, resident_code=earlier.resident_code, auth_time=earlier.auth_time
            )
            return _redirect_with(
                authorization.redirect_uri, {"code": code, "state": authorization.state, "iss": issuer}
            )
        if "none" in authorization.prompt:
            return _redirect_with(
                authorization.redirect_uri,
                {"error": "login_required", "state": authorization.state, "iss": issuer},
            )
    personas = sandbox_personas(limit=PERSONA_COUNT, actor=None, purpose="検証用IdPのカード一覧")
    form = CardSignInForm(
        request.POST if request.method == "POST" else None,
        persona_codes=[persona.resident_code for persona in personas],
    )
    if form.is_valid():
        resident_code, auth_time = form.cleaned_data["persona"], int(time.time())
        code = provider.issue_code(
            authorization=authorization, resident_code=resident_code, auth_time=auth_time
        )
        response = _redirect_with(
            authorization.redirect_uri, {"code": code, "state": authorization.state, "iss": issuer}
        )
        response.set_cookie(
            provider.SESSION_COOKIE,
            provider.card_session_value(resident_code, auth_time),
            max_age=provider.SESSION_TTL,
            path=request.path,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response
    return render(
        request,
        "identity/sandbox_authorize.html",
        {
            "form": form,
            "personas": personas,
            "client_id": authorization.client_id,
            "hidden": [(name, params.get(name, "")) for name in AUTHORIZATION_FIELDS],
        },
    )


def _client_credentials(request: HttpRequest) -> tuple[str, str, bool] | None:
    """(client_id, client_secret, used_basic) from HTTP Basic or the body; None if malformed."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            decoded = base64.b64decode(header.removeprefix("Basic "), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, separator, secret = decoded.partition(":")
        if not separator or request.POST.get("client_secret"):
            return None
        # RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
        return unquote_plus(client_id), unquote_plus(secret), True
    return request.POST.get("client_id", ""), request.POST.get("client_secret", ""), False


@sandbox_only
@csrf_exempt
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    """Redeem a code (once, within 60 s) for an ID token and an access token."""
    credentials = _client_credentials(request)
    if credentials is None:
        return _oauth_error("invalid_request")
    client_id, secret, used_basic = credentials
    client = provider.registered_client(request, client_id)
    authenticated = client is not None and (
        hmac.compare_digest(secret, client.client_secret) if client.client_secret else not secret
    )
    if not authenticated:
        challenge = 'Basic realm="sandbox-idp"' if used_basic else ""
        return _oauth_error("invalid_client", status=401, challenge=challenge)
    if request.POST.get("grant_type") != "authorization_code":
        return _oauth_error("unsupported_grant_type")
    grant = provider.redeem_code(request.POST.get("code", ""))
    if (
        grant is None
        or grant["client_id"] != client.client_id
        or grant["redirect_uri"] != request.POST.get("redirect_uri")
        or not provider.pkce_matches(request.POST.get("code_verifier", ""), grant["code_challenge"])
    ):
        return _oauth_error("invalid_grant")
    record = card_items(grant["resident_code"], actor=None, purpose="検証用IdPのIDトークン発行")
    if record is None:
        return _oauth_error("invalid_grant")
    access_token = provider.issue_access_token(
        client_id=client.client_id, scope=grant["scope"], resident_code=grant["resident_code"]
    )
    claims = provider.id_token_claims(request=request, grant=grant, record=record)
    response = JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": provider.ACCESS_TOKEN_TTL,
            "scope": grant["scope"],
            "id_token": provider.sign_id_token(claims),
        }
    )
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


@sandbox_only
@csrf_exempt
@require_http_methods(["GET", "POST"])
def userinfo(request: HttpRequest) -> JsonResponse:
    """The card holder's claims for a Bearer access token (OpenID Connect Core §5.3)."""
    header = request.headers.get("Authorization", "")
    grant = provider.access_grant(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
    if grant is None:
        return _oauth_error("invalid_token", status=401, challenge='Bearer error="invalid_token"')
    record = card_items(grant["resident_code"], actor=None, purpose="検証用IdPのUserInfo応答")
    if record is None:
        return _oauth_error("invalid_token", status=401, challenge='Bearer error="invalid_token"')
    return JsonResponse(provider.person_claims(record, grant["scope"]))
