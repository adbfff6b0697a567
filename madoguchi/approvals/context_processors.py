"""The pending-approvals count in the staff header, on every staff page."""

from __future__ import annotations

from django.http import HttpRequest

from madoguchi.approvals.selectors import pending_count


def pending_approvals(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_staff_member", False):
        return {}
    return {"pending_approvals": lambda: pending_count(user)}
