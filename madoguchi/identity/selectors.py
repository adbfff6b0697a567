"""Reads of the identity app, for the other apps: whose record a resident is, how they signed in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from madoguchi.identity.cardreader import SandboxCard, sandbox_cards
from madoguchi.identity.models import ResidentIdentity
from madoguchi.identity.oidc import JPKI_ACR

# The session keys the sign-in view sets after ``login``; ``logout`` flushes them with the session.
SESSION_ACR = "identity.acr"
SESSION_AUTH_TIME = "identity.auth_time"

MYNUMBER_CARD = "mynumber_card"
NO_SIGN_IN = "none"
# Visitors applying for a procedure that needs no sign-in (本人確認: なし) get an account of this
# issuer for their browser session (services.open_guest_account); it never matches a record.
GUEST_ISSUER = "urn:madoguchi:guest"


def resident_code_of(user: Any) -> str | None:
    """The 住民票コード of the registry record the user's card was matched to, or None.

    None for anonymous visitors, staff, and residents whose card matched no record here. The
    most recent sign-in decides when a user has more than one identity.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    code = (
        ResidentIdentity.objects.filter(user_id=user.pk)
        .order_by("-last_sign_in_at")
        .values_list("resident_code", flat=True)
        .first()
    )
    return code or None


def sign_in_level(request: HttpRequest) -> str:
    """``"mynumber_card"`` when this session was opened with the card's acr, else ``"none"``.

    Procedures that need 公的個人認証 ask this rather than ``is_authenticated``: a session is only
    as strong as the authentication that opened it.
    """
    user = request.user
    if (
        user.is_authenticated
        and user.kind == user.Kind.RESIDENT
        and request.session.get(SESSION_ACR) == JPKI_ACR
    ):
        return MYNUMBER_CARD
    return NO_SIGN_IN


def counter_cards(*, actor: Any) -> list[SandboxCard]:
    """The cards the counter's reader can read: the sandbox reader's, none in production."""
    if settings.IS_PRODUCTION:
        return []
    return sandbox_cards(actor=actor)


def is_guest(user: Any) -> bool:
    """Whether the user is a visitor applying without signing in (see services.open_guest_account).

    An account is a guest's from the moment it is opened and never becomes one later, so the
    answer is kept on the user object: a submission's e-mail asks twice (greeting and status
    link) and queries once.
    """
    guest = getattr(user, "_madoguchi_is_guest", None)
    if guest is None:
        guest = ResidentIdentity.objects.filter(user_id=user.pk, issuer=GUEST_ISSUER).exists()
        user._madoguchi_is_guest = guest
    return guest


def guest_accounts_opened_before(moment: dt.datetime) -> list[int]:
    """The user ids of guest accounts opened before ``moment`` (a guest never signs in again)."""
    return list(
        ResidentIdentity.objects.filter(issuer=GUEST_ISSUER, created_at__lt=moment)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
