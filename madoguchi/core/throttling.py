"""Answers for a client that must slow down: 429 with Retry-After, in Japanese first.

Sign-in lockouts (django-axes) and rate limits (``core.ratelimits``) both answer with this, so a
resident sees one kind of message and a program one kind of status, whatever tripped.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """HTML for pages, JSON for ``/api/`` — both with ``Retry-After`` in seconds."""
    retry_after = max(1, int(retry_after))
    minutes = max(1, (retry_after + 59) // 60)
    message = " ".join(
        (
            _("短時間に多くの操作が行われたため、一時的に受け付けを停止しています。"),
            _("%(minutes)d 分ほど待ってから、もう一度お試しください。") % {"minutes": minutes},
        )
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
