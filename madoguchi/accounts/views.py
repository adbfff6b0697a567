"""Staff sign-in (password, then a one-time password), re-authentication, sign-out, start page."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from madoguchi.accounts import selectors, services
from madoguchi.accounts.decorators import recent_authentication_required, role_required, staff_required
from madoguchi.accounts.forms import (
    MfaResetForm,
    OneTimePasswordForm,
    ReauthenticationForm,
    RoleAssignmentForm,
    StaffAccountStatusForm,
    StaffAuthenticationForm,
)
from madoguchi.accounts.models import Role
from madoguchi.accounts.sessions import is_mfa_verified, mark_authenticated
from madoguchi.core.throttling import too_many_requests
from madoguchi.organization.models import Department
from madoguchi.organization.selectors import posts_held_by

STAFF_HOME = "/staff/"


def safe_next(candidate: str | None, default: str = STAFF_HOME) -> str:
    """``candidate`` if it is a path on this site (never another host), else ``default``."""
    if (
        candidate
        and candidate.startswith("/")
        and not candidate.startswith("//")
        and "\\" not in candidate
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=set(), require_https=False)
    ):
        return candidate
    return default


class StaffLoginView(auth_views.LoginView):
    """Step one: staff ID and password. Step two is the one-time password (``mfa_verify``)."""

    template_name = "accounts/staff_login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        next_url = safe_next(self.get_redirect_url() or None)
        step = (
            "accounts:mfa_verify" if selectors.has_confirmed_totp(self.request.user) else "accounts:mfa_setup"
        )
        return f"{reverse(step)}?{urlencode({'next': next_url})}"


class StaffLogoutView(auth_views.LogoutView):
    template_name = "accounts/staff_logged_out.html"


def _signed_in_staff(request: HttpRequest) -> HttpResponse | None:
    """The MFA pages are for a staff member who has passed the password step, nobody else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff_member:
        raise PermissionDenied
    return None


def _demo_secret(user) -> str:
    """The demo accounts' known key, shown on the page in the demo only (see demo/services.py)."""
    if settings.IS_PRODUCTION:
        return ""
    return services.DEMO_TOTP_SECRET if user.totpdevice_set.filter(name="demo").exists() else ""


@never_cache
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Step two: the code from the authenticator app, or a recovery code."""
    if refused := _signed_in_staff(request):
        return refused
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    if not selectors.has_confirmed_totp(request.user):
        return redirect(f"{reverse('accounts:mfa_setup')}?{urlencode({'next': next_url})}")
    form = OneTimePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_second_factor(request=request, token=form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error("token", _("確認コードが正しくないか、有効期限が切れています。"))
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": next_url, "demo_secret": _demo_secret(request.user)},
        status=400 if form.errors else 200,
    )


@never_cache
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: register an authenticator app by QR code, confirm one code, get recovery codes.

    A staff member who already has an app must pass it first (and re-authenticate) to replace it:
    someone holding only the password cannot enrol their own phone.
    """
    if refused := _signed_in_staff(request):
        return refused
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    if selectors.has_confirmed_totp(request.user) and not is_mfa_verified(request):
        return redirect(f"{reverse('accounts:mfa_verify')}?{urlencode({'next': next_url})}")
    device = services.pending_totp(user=request.user)
    form = OneTimePasswordForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        codes = services.confirm_totp_enrolment(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("token", _("確認コードが正しくありません。認証アプリの最新の数字を入力してください。"))
    if device is None or request.method == "GET":
        device = services.start_totp_enrolment(user=request.user)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": qr.svg_inline(scale=4, light="#fff", title=_("認証アプリ登録用の QR コード")),
            "secret": _base32(device),
        },
        status=400 if form.errors else 200,
    )


def _base32(device) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@staff_required
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """再認証: password and a one-time password again, before a sensitive action."""
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    form = ReauthenticationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=request.user.username, password=form.cleaned_data["password"])
        if user is None or user.pk != request.user.pk:
            form.add_error("password", _("パスワードが正しくありません。"))
        elif services.verify_second_factor(request=request, token=form.cleaned_data["token"]):
            mark_authenticated(request)
            return redirect(next_url)
        else:
            form.add_error("token", _("確認コードが正しくないか、有効期限が切れています。"))
    return render(
        request,
        "accounts/reauthenticate.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    from madoguchi.accounts.roles import roles_of

    return render(
        request,
        "accounts/staff_home.html",
        {"posts": posts_held_by(request.user.pk), "roles": roles_of(request.user)},
    )


@never_cache
@staff_required
def security(request: HttpRequest) -> HttpResponse:
    """The staff member's own sign-in settings: recovery codes left, sessions, sign out everywhere."""
    return render(
        request,
        "accounts/security.html",
        {
            "codes_left": selectors.recovery_codes_left(request.user),
            "sessions": selectors.sessions_of(request.user),
            "current_session": request.session.session_key,
        },
    )


@require_POST
@staff_required
@recent_authentication_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = services.new_recovery_codes(user=request.user, actor=request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")}
    )


@require_POST
@staff_required
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    services.end_all_sessions(user=request.user, actor=request.user)
    return redirect("accounts:staff_login")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this when a staff ID or an address has failed too often (ロックアウト)."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    return too_many_requests(request, retry_after=int(cool_off.total_seconds()) if cool_off else 900)


# --- Roles (system administrators) ---------------------------------------------------------------------


def _role_form(request: HttpRequest) -> RoleAssignmentForm:
    from madoguchi.organization.selectors import departments_on, home_municipality

    municipality = home_municipality()
    departments = departments_on(municipality) if municipality else Department.objects.none()
    return RoleAssignmentForm(request.POST or None, departments=departments)


@never_cache
@role_required(Role.SYSTEM_ADMINISTRATOR)
def roles(request: HttpRequest) -> HttpResponse:
    """役割の管理 — who holds which role where; a new assignment is posted to ``role_assign``."""
    return render(
        request,
        "accounts/roles.html",
        {"form": _role_form(request), "assignments": selectors.role_assignments()},
    )


@require_POST
@role_required(Role.SYSTEM_ADMINISTRATOR)
@recent_authentication_required
def role_assign(request: HttpRequest) -> HttpResponse:
    form = _role_form(request)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_role(
                user=data["username"],
                role=data["role"],
                department=data["department"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                actor=request.user,
            )
        except services.RoleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("役割を付与しました。"))
            return redirect("accounts:roles")
    return render(
        request,
        "accounts/roles.html",
        {"form": form, "assignments": selectors.role_assignments()},
        status=400,
    )


@require_POST
@role_required(Role.SYSTEM_ADMINISTRATOR)
@recent_authentication_required
def role_end(request: HttpRequest, assignment_id: int) -> HttpResponse:
    from madoguchi.organization.selectors import today

    assignment = selectors.role_assignment_by_id(assignment_id)
    if assignment is None:
        raise Http404
    services.end_role(assignment=assignment, last_day=today(), actor=request.user)
    messages.success(request, _("役割を終了しました。"))
    return redirect("accounts:roles")


# --- Lost authenticators (system administrators) --------------------------------------------------------


@never_cache
@role_required(Role.SYSTEM_ADMINISTRATOR)
@recent_authentication_required
def account_status(request: HttpRequest) -> HttpResponse:
    """職員アカウントの利用停止・再開 — for someone who left, or an account that may be compromised."""
    form = StaffAccountStatusForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["username"]
        active = form.cleaned_data["action"] == "reactivate"
        services.set_staff_account_active(
            user=target, active=active, actor=request.user, reason=form.cleaned_data["reason"]
        )
        message = (
            _("%(name)s さんのアカウントの利用を再開しました。")
            if active
            else _(
                "%(name)s さんのアカウントの利用を停止しました。ログイン中の端末はすべてログアウトしました。"
            )
        )
        messages.success(request, message % {"name": target.display_name})
        return redirect("accounts:account_status")
    return render(request, "accounts/account_status.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@role_required(Role.SYSTEM_ADMINISTRATOR)
@recent_authentication_required
def mfa_reset(request: HttpRequest) -> HttpResponse:
    """認証アプリの再設定 — for a staff member who lost their phone, after checking who they are.

    The administrator re-authenticates first; the reset is audited with the reason, ends the staff
    member's sessions and recovery codes, and sends them to enrol a new app at the next sign-in.
    """
    form = MfaResetForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["username"]
        services.reset_mfa(user=target, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("%(name)s さんの認証アプリを再設定しました。次回のログインで新しい認証アプリを登録します。")
            % {"name": target.display_name},
        )
        return redirect("accounts:mfa_reset")
    return render(request, "accounts/mfa_reset.html", {"form": form}, status=400 if form.errors else 200)
