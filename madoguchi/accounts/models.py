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
