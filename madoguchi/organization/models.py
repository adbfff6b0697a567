"""組織 — the municipality's organisation over time.

Departments and appointments carry effective dates (inclusive on both ends, open-ended when
``valid_to`` is empty) because approvals and records must answer "who held this post on that day",
long after a reorganisation (機構改革) or a personnel transfer (人事異動).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from madoguchi.organization.validators import validate_local_government_code


class Municipality(models.Model):
    """地方公共団体 — a city, town, village or prefecture this installation serves."""

    code = models.CharField(
        _("全国地方公共団体コード"), max_length=6, unique=True, validators=[validate_local_government_code]
    )
    name = models.CharField(_("名称"), max_length=50)
    name_kana = models.CharField(_("名称（カナ）"), max_length=100, blank=True)
    name_en = models.CharField(_("名称（英語）"), max_length=100, blank=True)
    prefecture = models.CharField(_("都道府県"), max_length=10)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    phone = models.CharField(_("代表電話"), max_length=20, blank=True)
    opening_hours = models.CharField(_("開庁時間"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("地方公共団体")
        verbose_name_plural = _("地方公共団体")

    def __str__(self) -> str:
        return self.name


class Effective(models.Model):
    """Something that holds from ``valid_from`` to ``valid_to`` inclusive (open-ended if empty)."""

    valid_from = models.DateField(_("適用開始日"))
    valid_to = models.DateField(_("適用終了日"), null=True, blank=True)

    class Meta:
        abstract = True


class Department(Effective):
    """部・課・係 — one unit in the department tree."""

    class Level(models.TextChoices):
        BU = "bu", _("部")
        KA = "ka", _("課")
        KAKARI = "kakari", _("係")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.SlugField(_("組織コード"), max_length=50)
    level = models.CharField(_("階層"), max_length=10, choices=Level.choices)
    name = models.CharField(_("名称"), max_length=50)
    name_en = models.CharField(_("名称（英語）"), max_length=100, blank=True)
    phone = models.CharField(_("電話番号"), max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("組織")
        verbose_name_plural = _("組織")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="department_code_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="department_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """職 — a post such as 部長 or 主事; ``rank`` orders them, smaller is more senior."""

    code = models.SlugField(_("職コード"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30)
    name_en = models.CharField(_("名称（英語）"), max_length=60, blank=True)
    rank = models.PositiveSmallIntegerField(_("序列"))

    class Meta:
        verbose_name = _("職")
        verbose_name_plural = _("職")
        ordering = ["rank", "code"]

    def __str__(self) -> str:
        return self.name


class Membership(Effective):
    """配属 — a staff member holding a post in a department for a period (本務 or 兼務)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="memberships")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="memberships")
    is_concurrent = models.BooleanField(_("兼務"), default=False)

    class Meta:
        verbose_name = _("配属")
        verbose_name_plural = _("配属")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["department", "position", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.department} {self.position}"
