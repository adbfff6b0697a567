"""Rate limits (流量制限) on sign-in, submissions, the chatbot and the public APIs.

One table, applied by one middleware, so an app arriving later (the chatbot's
``/api/v1/chatbot/ask``) is covered without touching its code, and the limits can be read in one
place. Counts live in the cache — Redis in production, so every app server shares them. If the
cache is unreachable the request is let through: a Redis outage must not stop residents from
submitting (sign-in lockouts still apply, and are logged).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit.core import get_usage

from madoguchi.core.middleware import resolve_client_ip
from madoguchi.core.throttling import too_many_requests

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    group: str
    path: re.Pattern[str]
    methods: tuple[str, ...]
    rate: str  # "count/period", e.g. "20/10m"
    per: str  # "ip", or "user" (the signed-in account, else the address)


LIMITS: tuple[Limit, ...] = (
    Limit(
        "staff-sign-in",
        re.compile(r"^/staff/(login|login/verify|reauthenticate)/$"),
        ("POST",),
        "30/10m",
        "ip",
    ),
    Limit("resident-sign-in", re.compile(r"^/(login|oidc/callback)/$"), ("GET", "POST"), "60/10m", "ip"),
    Limit("submissions", re.compile(r"^/(apply|my)/"), ("POST",), "120/10m", "user"),
    Limit("chatbot", re.compile(r"^/api/v1/chatbot/"), ("POST", "GET"), "20/m", "ip"),
    Limit("public-api", re.compile(r"^/api/"), ("GET", "POST"), "300/m", "ip"),
)


def _key(per: str) -> Callable[[str, HttpRequest], str]:
    def key(group: str, request: HttpRequest) -> str:
        if per == "user" and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return f"ip:{resolve_client_ip(request) or 'unknown'}"

    return key


def limit_for(request: HttpRequest) -> Limit | None:
    """The first limit whose path and method match (the table goes from specific to general)."""
    for limit in LIMITS:
        if request.method in limit.methods and limit.path.match(request.path_info):
            return limit
    return None


class RateLimitMiddleware:
    """429 with Retry-After once a client passes its limit. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = limit_for(request) if getattr(settings, "RATELIMIT_ENABLE", True) else None
        if limit is not None:
            try:
                usage = get_usage(
                    request,
                    group=limit.group,
                    key=_key(limit.per),
                    rate=limit.rate,
                    method=limit.methods,
                    increment=True,
                )
            except Exception:  # the cache (Redis) is down: fail open, say so in the log
                logger.warning("rate limit not applied: cache unavailable", extra={"group": limit.group})
                usage = None
            if usage is not None and usage["should_limit"]:
                return too_many_requests(request, retry_after=max(1, usage["time_left"]))
        return self.get_response(request)
