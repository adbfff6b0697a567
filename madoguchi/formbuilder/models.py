"""申請フォーム — forms are data: a form has numbered versions, each a JSON definition.

A version that has received a submission is locked (``locked_at``): its definition can no longer
change, because a submission must always be readable against the exact form it answered. Editing
a locked version creates the next version instead (``formbuilder.services``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Form(models.Model):
    code = models.SlugField(_("フォームコード"), max_length=60, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    title_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("申請フォーム")
        verbose_name_plural = _("申請フォーム")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class FormVersion(models.Model):
    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版"))
    definition = models.JSONField(_("定義"))
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    created_by_id = models.BigIntegerField(_("作成者ID"), null=True, blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    locked_at = models.DateTimeField(_("確定日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("フォームの版")
        verbose_name_plural = _("フォームの版")
        ordering = ["form", "-number"]
        constraints = [models.UniqueConstraint(fields=["form", "number"], name="form_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.form.code} v{self.number}"
