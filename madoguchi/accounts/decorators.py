"""Access guards for staff pages and for sensitive actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from madoguchi.accounts import selectors
from madoguchi.accounts.sessions import authenticated_recently, is_mfa_verified


def _with_next(url_name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the staff sign-in; a signed-in resident is refused (403).

    A staff member who has signed in with the password only is sent to the one-time-password
    step — or, on the first sign-in, to set up the authenticator app (多要素認証の登録).
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff_member:
            raise PermissionDenied
        if not is_mfa_verified(request):
            if selectors.has_confirmed_totp(request.user):
                return _with_next("accounts:mfa_verify", request)
            return _with_next("accounts:mfa_setup", request)
        return view(request, *args, **kwargs)

    return guarded


def recent_authentication_required(
    view: Callable[..., HttpResponse] | None = None, *, methods: tuple[str, ...] | None = None
):
    """For sensitive actions (再認証): exporting personal data, refunds, revoking certificates,
    changing roles. The person must have proved who they are within MADOGUCHI_REAUTH_SECONDS.

    Staff confirm their password and a one-time password again; residents sign in with the card
    again. Put it *inside* ``staff_required`` / ``role_required`` (closer to the view). With
    ``methods=("POST",)`` only those requests are held back — for a page whose form does the
    sensitive thing (e.g. the refund form on a payment's page).
    """

    def decorate(inner: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(inner)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            applies = methods is None or request.method in methods
            if applies and not authenticated_recently(request):
                # Afterwards the person comes back to the page (a posted form's ``next``, or
                # this page), and submits again.
                back = request.get_full_path() if request.method == "GET" else request.POST.get("next", "")
                back = back or request.get_full_path()
                url_name = "accounts:reauthenticate" if request.user.is_staff_member else "identity:login"
                return redirect(f"{reverse(url_name)}?{urlencode({'next': back})}")
            return inner(request, *args, **kwargs)

        return guarded

    return decorate(view) if view is not None else decorate


def role_required(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Staff pages for holders of one of ``roles`` (in any department, today); others get 403.

    Which objects the role reaches is the selectors' business: this only opens the door.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            from madoguchi.accounts.roles import roles_of

            if not roles_of(request.user) & set(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return staff_required(guarded)

    return decorate
