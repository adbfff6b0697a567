"""Session idle timeout (無操作タイムアウト)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from madoguchi.accounts.sessions import LAST_SEEN, now

# The last-seen stamp is rewritten at most this often, so a busy page does not write the session
# (cache and database) on every request.
STAMP_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    """Sign out a session left unused longer than MADOGUCHI_IDLE_TIMEOUT_SECONDS.

    A counter PC left open must not show the next visitor a resident's data; the absolute limit
    is SESSION_COOKIE_AGE. Goes after AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            last_seen = request.session.get(LAST_SEEN)
            current = now()
            if isinstance(last_seen, int) and current - last_seen > settings.MADOGUCHI_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.info(
                    request,
                    _("一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。"),
                )
            elif not isinstance(last_seen, int) or current - last_seen >= STAMP_EVERY_SECONDS:
                request.session[LAST_SEEN] = current
        return self.get_response(request)
