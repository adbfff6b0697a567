"""Session facts shared by sign-in, MFA, idle timeout and re-authentication (再認証).

A session is "MFA-verified" when the staff member passed the one-time-password step in it: the
device id django-otp stores in the session says so. The time of the last strong authentication
(password + one-time password for staff, the My Number Card for residents) is kept separately,
so sensitive actions can ask for a fresh one.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY

AUTHENTICATED_AT = "accounts.authenticated_at"
LAST_SEEN = "accounts.last_seen"


def now() -> int:
    return int(time.time())


def is_mfa_verified(request: HttpRequest) -> bool:
    """Whether this session passed the one-time-password step.

    Read from the session alone (no query): removing a device ends the staff member's sessions
    (``services.reset_mfa``), so a session cannot outlive the device that verified it.
    """
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def mark_authenticated(request: HttpRequest) -> None:
    """Record that the person proved who they are just now (sign-in or re-authentication)."""
    request.session[AUTHENTICATED_AT] = now()
    request.session[LAST_SEEN] = now()


def authenticated_recently(request: HttpRequest) -> bool:
    at = request.session.get(AUTHENTICATED_AT)
    return isinstance(at, int) and now() - at <= settings.MADOGUCHI_REAUTH_SECONDS
