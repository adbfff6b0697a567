"""Resident sign-in with the My Number Card (relying party side), and sign-out."""

from __future__ import annotations

import logging
import re

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from madoguchi.accounts import selectors as account_selectors
from madoguchi.accounts import services as account_services
from madoguchi.accounts.backends import BACKEND_PATH
from madoguchi.accounts.sessions import mark_authenticated
from madoguchi.identity import oidc, services
from madoguchi.identity.selectors import SESSION_ACR, SESSION_AUTH_TIME

logger = logging.getLogger(__name__)

# The resident's start page; the cases app serves it.
DEFAULT_NEXT = "/my/"
SESSION_NEXT = "identity.next"


def safe_next(candidate: str | None) -> str:
    """``candidate`` when it is a path on this site, else the resident's start page.

    Only relative paths are accepted (not even this site's absolute URL), so a link crafted
    elsewhere cannot use the sign-in to send a resident to a look-alike site.
    """
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=set(), require_https=False)
    ):
        return candidate
    return DEFAULT_NEXT


def _failure(request: HttpRequest, reason: str) -> HttpResponse:
    # The reason may echo the provider's ``error`` parameter, which anyone can put in the URL:
    # keep what an OAuth error code may contain (RFC 6749 §4.1.2.1), and not much of it.
    reason = re.sub(r"[^A-Za-z0-9_.:-]", "?", reason)[:100]
    logger.warning("resident sign-in failed", extra={"reason": reason})
    services.record_sign_in_failure(reason=reason)
    next_url = request.session.get(SESSION_NEXT, DEFAULT_NEXT)
    return render(
        request,
        "identity/error.html",
        {"cancelled": reason == "access_denied", "next": next_url if next_url != DEFAULT_NEXT else ""},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    """GET explains the sign-in; POST (the button) sends the resident to the identity provider."""
    if request.method == "GET":
        next_url = safe_next(request.GET.get("next"))
        return render(request, "identity/login.html", {"next": next_url if next_url != DEFAULT_NEXT else ""})
    request.session[SESSION_NEXT] = safe_next(request.POST.get("next"))
    try:
        return oidc.authorization_redirect(request)
    except oidc.SignInFailed as failure:
        return _failure(request, failure.reason)


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the resident back: verify, find the account, open the session."""
    try:
        verified = oidc.verified_sign_in(request)
        user = services.record_resident_sign_in(
            issuer=verified.issuer,
            subject=verified.subject,
            acr=verified.acr,
            auth_time=verified.auth_time,
            holder=verified.holder,
        )
    except oidc.SignInFailed as failure:
        return _failure(request, failure.reason)
    except services.ResidentSignInRefused:
        return _failure(request, "not_a_resident")
    next_url = request.session.pop(SESSION_NEXT, DEFAULT_NEXT)
    login(request, user, backend=BACKEND_PATH)
    # After login(): it starts a new session when another user was signed in.
    request.session[SESSION_ACR] = verified.acr
    request.session[SESSION_AUTH_TIME] = int(verified.auth_time.timestamp())
    # The session is tied to this card sign-in: its issuer is kept with it, and it counts as a
    # fresh authentication for actions that ask for one.
    mark_authenticated(request)
    account_services.remember_session(request=request, user=user, method=f"oidc:{verified.issuer}")
    return redirect(next_url)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """End the session; the accounts app's sign-out signal puts it on the audit trail."""
    logout(request)
    messages.success(request, _("ログアウトしました。"))
    return redirect("core:home")


@never_cache
@require_http_methods(["GET", "POST"])
def my_sessions(request: HttpRequest) -> HttpResponse:
    """ログイン中の端末 — a resident's open sessions; POST signs them out everywhere."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('identity:login')}?next={request.path}")
    if request.user.is_staff_member:
        raise PermissionDenied
    if request.method == "POST":
        account_services.end_all_sessions(user=request.user, actor=request.user)
        messages.success(request, _("すべての端末からログアウトしました。"))
        return redirect("core:home")
    return render(
        request,
        "identity/my_sessions.html",
        {
            "sessions": account_selectors.sessions_of(request.user),
            "current_session": request.session.session_key,
        },
    )
