"""Account reads."""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.models import RoleAssignment, User, UserSession


def staff_by_username(username: str) -> User | None:
    return User.objects.filter(kind=User.Kind.STAFF, username=username).first()


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return sum(device.token_set.count() for device in StaticDevice.objects.filter(user=user, confirmed=True))


def sessions_of(user: User) -> list[UserSession]:
    """The user's open sessions, newest first (for "sign out everywhere")."""
    return list(UserSession.objects.filter(user=user).order_by("-created_at"))


def role_assignments() -> list[RoleAssignment]:
    """Every role assignment, current and ended, newest first (for the system administrator)."""
    return list(
        RoleAssignment.objects.select_related("user", "department", "granted_by").order_by(
            "-valid_from", "-pk"
        )
    )


def role_assignment_by_id(assignment_id: int) -> RoleAssignment | None:
    return RoleAssignment.objects.filter(pk=assignment_id).first()
