"""Give every request an id that appears in its logs, its audit events and its response."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from madoguchi.core import context

# An id from a trusted front proxy is kept so one request can be followed across systems;
# anything else is replaced, so log lines cannot be forged through the header.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def resolve_client_ip(request: HttpRequest) -> str | None:
    """The client's address, looking through as many proxies as the operator says are trusted."""
    trusted = getattr(settings, "MADOGUCHI_TRUSTED_PROXY_COUNT", 0)
    if trusted:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        rid_token = context.request_id.set(rid)
        ip_token = context.client_ip.set(resolve_client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            context.request_id.reset(rid_token)
            context.client_ip.reset(ip_token)
        response["X-Request-ID"] = rid
        return response


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (settings.MADOGUCHI_PERMISSIONS_POLICY) with every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.MADOGUCHI_PERMISSIONS_POLICY)
        return response
