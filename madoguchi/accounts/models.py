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
