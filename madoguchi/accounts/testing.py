"""Test helpers for signing staff in past the one-time-password step.

``force_login`` gives a session without MFA, which staff pages refuse. The project's conftest
makes ``Client.force_login`` finish the MFA step for staff (``force_login_with_mfa``), so every
app's tests sign staff in the way they always did; tests of MFA itself use ``force_login_password_only``.
"""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.sessions import AUTHENTICATED_AT, now

force_login_password_only = Client.force_login


def totp_device(user) -> TOTPDevice:
    """The user's confirmed authenticator, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """What the authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def verify_session(client: Client, user) -> None:
    """Mark the client's session as having passed MFA just now (as ``accounts:mfa_verify`` does)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session[AUTHENTICATED_AT] = now()
    session.save()


def force_login_with_mfa(client: Client, user, backend: str | None = None) -> None:
    """Staff: password and one-time password just now. Residents: a card sign-in just now."""
    force_login_password_only(client, user, backend)
    if getattr(user, "is_staff_member", False):
        verify_session(client, user)
    else:
        session = client.session
        session[AUTHENTICATED_AT] = now()
        session.save()
