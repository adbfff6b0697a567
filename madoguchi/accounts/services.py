"""Account writes."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.contrib.auth import password_validation
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.models import Role, RoleAssignment, User, UserSession
from madoguchi.accounts.sessions import mark_authenticated
from madoguchi.audit.services import record_event

RECOVERY_CODE_COUNT = 10
# Every demo staff account has this authenticator key (base32, as apps ask for it), so the demo can
# be tried: add it to an authenticator app, or run `madoguchi demo_totp` for the current code.
# Only the demo seeding installs it (``install_known_totp``); production never does.
DEMO_TOTP_SECRET = "MADOGUCHIDEMO234"  # noqa: S105
STAFF_SIGN_IN_METHOD = "password+totp"


@transaction.atomic
def create_staff_user(
    *,
    username: str,
    last_name: str,
    first_name: str,
    last_name_kana: str = "",
    first_name_kana: str = "",
    email: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    is_superuser: bool = False,
) -> User:
    """A staff account; without a password it cannot sign in until one is set.

    ``password_hash`` (from ``make_password``) lets bulk provisioning hash one shared initial
    password once instead of once per account — PBKDF2 is deliberately slow.
    """
    user = User(
        username=username,
        kind=User.Kind.STAFF,
        last_name=last_name,
        first_name=first_name,
        last_name_kana=last_name_kana,
        first_name_kana=first_name_kana,
        email=email,
        is_superuser=is_superuser,
    )
    if password_hash is not None:
        user.password = password_hash
    elif password is None:
        user.set_unusable_password()
    else:
        password_validation.validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def create_resident_user(
    *,
    username: str,
    last_name: str,
    first_name: str,
    last_name_kana: str = "",
    first_name_kana: str = "",
    email: str = "",
) -> User:
    """A resident account. It has no password: residents sign in through OpenID Connect only."""
    user = User(
        username=username,
        kind=User.Kind.RESIDENT,
        last_name=last_name,
        first_name=first_name,
        last_name_kana=last_name_kana,
        first_name_kana=first_name_kana,
        email=email,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


# --- Multi-factor authentication (多要素認証) --------------------------------------------------------


@transaction.atomic
def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator-app key; an earlier unfinished enrolment is discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def pending_totp(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def new_recovery_codes(*, user: User, actor: User) -> list[str]:
    """Ten single-use recovery codes (リカバリーコード), replacing any earlier ones.

    Only the new codes' values are returned — to be shown once; the old ones stop working.
    """
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    record_event(
        action="accounts.recovery_codes",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="リカバリーコードの発行",
    )
    return codes


@transaction.atomic
def confirm_totp_enrolment(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app shows the right code; then issue recovery codes and verify the session.

    None when the code is wrong (nothing changes). Earlier confirmed apps are removed, so a staff
    member has exactly one authenticator at a time.
    """
    if not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(
        action="accounts.mfa_enrolled",
        actor=device.user,
        object_type="accounts.user",
        object_id=str(device.user.pk),
        purpose="多要素認証の登録",
    )
    codes = new_recovery_codes(user=device.user, actor=device.user)
    _verified(request, device)
    return codes


def verify_second_factor(*, request: HttpRequest, token: str) -> bool:
    """Check a one-time password or a recovery code for the signed-in staff member.

    django-otp throttles each device after failures (waits that double), so guessing six
    digits is not practical; every failure is audited.
    """
    user = request.user
    device = match_token(user, token.strip().replace(" ", ""))
    if device is None:
        record_event(
            action="accounts.mfa_failed",
            actor=user,
            object_type="accounts.user",
            object_id=str(user.pk),
            purpose="多要素認証の失敗",
        )
        return False
    _verified(request, device)
    return True


def _verified(request: HttpRequest, device) -> None:
    otp_login(request, device)
    mark_authenticated(request)
    record_event(
        action="accounts.mfa_verified",
        actor=request.user,
        object_type="accounts.user",
        object_id=str(request.user.pk),
        purpose="多要素認証",
        details={"method": "recovery_code" if isinstance(device, StaticDevice) else "totp"},
    )


def install_known_totp(*, user: User, secret_base32: str) -> TOTPDevice:
    """Give a (demo) account an authenticator key everybody knows, so the demo can be tried.

    Never for production: the demo seeding is the only caller.
    """
    try:
        key = base64.b32decode(secret_base32).hex()
    except binascii.Error as error:
        raise ValueError("the secret must be base32") from error
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="demo", key=key, confirmed=True)


@transaction.atomic
def reset_mfa(*, user: User, actor: User, reason: str) -> None:
    """Remove the staff member's authenticator and codes (lost phone); they enrol again.

    With no authenticator left, their next sign-in goes to the enrolment page (``staff_required``),
    and the old recovery codes stop working. Their sessions end too: a session verified by the
    removed device must not outlive it.
    """
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_all_sessions(user=user, actor=actor)
    record_event(
        action="accounts.mfa_reset",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="多要素認証の再設定",
        details={"username": user.username, "reason": reason.strip()},
    )


@transaction.atomic
def set_staff_account_active(*, user: User, active: bool, actor: User, reason: str) -> None:
    """利用停止・再開 — stop a staff account (someone who left, a suspected compromise) or reopen it.

    A stopped account cannot sign in (Django refuses inactive accounts) and its sessions end at
    once; the cached account goes with the save (accounts.backends). Roles and appointments stay
    as they are, so a reopened account works as before. Audited with the reason either way.
    All or nothing: if the sessions cannot be ended, the account is not marked stopped either,
    and the administrator sees the error and tries again.
    """
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    if not active:
        end_all_sessions(user=user, actor=actor)
    record_event(
        action="accounts.reactivate" if active else "accounts.deactivate",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="職員アカウントの利用再開" if active else "職員アカウントの利用停止",
        details={"username": user.username, "reason": reason.strip()},
    )


# --- Sessions --------------------------------------------------------------------------------------


def _session_store(session_key: str) -> SessionBase:
    from django.conf import settings

    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return engine(session_key)


def remember_session(*, request: HttpRequest, user: User, method: str) -> None:
    """Index the session just opened for ``user`` (called on every sign-in)."""
    key = request.session.session_key
    if key is None:
        request.session.save()
        key = request.session.session_key
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "method": method[:255],
            "user_agent": request.headers.get("User-Agent", "")[:200],
        },
    )


def forget_session(*, session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def end_all_sessions(*, user: User, actor: User | None) -> int:
    """すべての端末からログアウト — delete every session of ``user``, wherever it was opened."""
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        _session_store(session.session_key).delete()
    UserSession.objects.filter(pk__in=[s.pk for s in sessions]).delete()
    record_event(
        action="accounts.sessions_ended",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="すべての端末からのログアウト",
        details={"sessions": len(sessions)},
    )
    return len(sessions)


# --- Roles (役割) -------------------------------------------------------------------------------------


class RoleError(ValueError):
    """A role assignment that cannot be made; the message is for the screen."""


# Roles that always cover every department (the role and MFA screens, the whole audit trail).
CITY_WIDE_ROLES = frozenset({Role.SYSTEM_ADMINISTRATOR, Role.AUDITOR})


@transaction.atomic
def assign_role(
    *,
    user: User,
    role: str,
    department=None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    actor: User | None,
) -> RoleAssignment:
    """Give ``user`` a role from ``valid_from`` (to ``valid_to``), audited with who gave it."""
    from django.utils.translation import gettext as _

    if not user.is_staff_member or role == Role.RESIDENT:
        raise RoleError(_("職員以外には役割を付与できません。"))
    if valid_to is not None and valid_to < valid_from:
        raise RoleError(_("適用終了日は適用開始日以降の日付にしてください。"))
    if department is not None and role in CITY_WIDE_ROLES:
        # Their pages have no department to narrow by: a department here would promise a limit
        # that nothing enforces.
        raise RoleError(_("システム管理者と監査担当は全庁の役割です。組織は空欄にしてください。"))
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        department=department,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=actor,
    )
    record_event(
        action="accounts.role_assigned",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="役割の付与",
        details={
            "role": role,
            "department": department.code if department else "",
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else "",
        },
    )
    return assignment


@transaction.atomic
def end_role(*, assignment: RoleAssignment, last_day: dt.date, actor: User | None) -> RoleAssignment:
    """End an assignment on ``last_day`` (it is kept, so the history stays answerable)."""
    assignment.valid_to = max(last_day, assignment.valid_from)
    assignment.save(update_fields=["valid_to"])
    record_event(
        action="accounts.role_ended",
        actor=actor,
        object_type="accounts.user",
        object_id=str(assignment.user_id),
        purpose="役割の終了",
        details={"role": assignment.role, "valid_to": assignment.valid_to.isoformat()},
    )
    return assignment
