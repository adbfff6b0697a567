"""Users. Staff (職員) and residents (住民) are kinds of one user model.

They share the session machinery but never a sign-in page: staff use a password (and MFA, with
the security issue) at ``/staff/login/``; residents sign in with the My Number Card through
OpenID Connect. A resident account can therefore never be used on the staff side.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Kind(models.TextChoices):
        STAFF = "staff", _("職員")
        RESIDENT = "resident", _("住民")

    kind = models.CharField(_("種別"), max_length=10, choices=Kind.choices)
    # last_name / first_name hold 姓 / 名; the readings follow the resident-record convention.
    last_name_kana = models.CharField(_("姓（フリガナ）"), max_length=60, blank=True)
    first_name_kana = models.CharField(_("名（フリガナ）"), max_length=60, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("利用者")
        verbose_name_plural = _("利用者")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["staff", "resident"]), name="user_kind")
        ]

    @property
    def is_staff_member(self) -> bool:
        return self.kind == self.Kind.STAFF

    @property
    def display_name(self) -> str:
        """姓 名 as Japanese writes it (family name first), falling back to the username."""
        full = f"{self.last_name} {self.first_name}".strip()
        return full or self.username

    def audit_label(self) -> str:
        return f"{self.kind}:{self.username}"


class UserSession(models.Model):
    """ログイン中のセッション — one signed-in session, so a person can end all of them at once.

    Django's session store cannot be searched by user; this index can. ``method`` says how the
    session was opened (``password+totp`` for staff, the OpenID Connect issuer for residents), so
    a resident's session is tied to the card sign-in that created it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="open_sessions")
    session_key = models.CharField(_("セッションキー"), max_length=40, unique=True)
    method = models.CharField(_("認証方法"), max_length=255)
    created_at = models.DateTimeField(_("開始日時"), auto_now_add=True)
    user_agent = models.CharField(_("ブラウザ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ログイン中のセッション")
        verbose_name_plural = _("ログイン中のセッション")


class Role(models.TextChoices):
    """役割 — what a person may do, always within department(s) and dates.

    Case officers and department heads follow from the organisation's appointments (配属・職);
    the others are granted explicitly with a :class:`RoleAssignment`.
    """

    RESIDENT = "resident", _("住民")
    COUNTER_STAFF = "counter_staff", _("窓口職員")
    CASE_OFFICER = "case_officer", _("担当者")
    DEPARTMENT_HEAD = "department_head", _("所属長")
    RECORDS_MANAGER = "records_manager", _("文書主管課")
    OPENDATA_EDITOR = "opendata_editor", _("オープンデータ公開担当")
    SYSTEM_ADMINISTRATOR = "system_administrator", _("システム管理者")
    AUDITOR = "auditor", _("監査担当")


class RoleAssignment(models.Model):
    """役割の付与 — a role given to a staff member for a period, in one department or all of them.

    Dates are inclusive, open-ended when ``valid_to`` is empty, like appointments. An assignment
    is ended (``valid_to`` set), never deleted, so "who could do this on that day" stays answerable.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("役割"), max_length=30, choices=Role.choices)
    # Empty: every department (for example the system administrator or the auditor).
    department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("組織"),
    )
    valid_from = models.DateField(_("適用開始日"))
    valid_to = models.DateField(_("適用終了日"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("付与した職員"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("役割の付与")
        verbose_name_plural = _("役割の付与")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="role_assignment_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]
