"""Access guard for resident pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


def resident_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the resident sign-in; staff accounts are refused (403).

    A counter clerk filling in a draft for a resident is let through: the draft selectors admit
    the clerk who assists (``Draft.assisted_by``) and nobody else.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('identity:login')}?next={request.path}")
        if request.user.is_staff_member and not {"draft_id", "bundle_id"} & kwargs.keys():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
