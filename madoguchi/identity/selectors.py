"""Reads of the identity app, for the other apps: whose record a resident is, how they signed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
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
# Guests' usernames start with this; card holders' with "r-" (services.resident_username).
GUEST_USERNAME_PREFIX = "guest-"


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

    A guest's username is made with ``GUEST_USERNAME_PREFIX`` when the account is opened (and an
    account never becomes a guest's later), so the answer needs no query: every submission's
    e-mail asks it.
    """
    if not getattr(user, "is_authenticated", False) or user.is_staff_member:
        return False
    return user.username.startswith(GUEST_USERNAME_PREFIX)


def idle_guest_accounts(*, opened_before: dt.datetime, owners: Iterable[QuerySet]) -> list[int]:
    """The user ids of guest accounts opened before ``opened_before`` that no owner refers to.

    ``owners`` are querysets of the user ids other apps still hold (a draft's applicant, say).
    The database does the exclusion: accounts that keep a case for years are never loaded, so
    the daily run costs the same in its tenth year as in its first.
    """
    accounts = ResidentIdentity.objects.filter(issuer=GUEST_ISSUER, created_at__lt=opened_before)
    for owning in owners:
        accounts = accounts.exclude(user_id__in=owning)
    return list(accounts.order_by("user_id").values_list("user_id", flat=True))
