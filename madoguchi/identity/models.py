"""本人確認 — the link between a resident's account and the identity provider that vouches for it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidentIdentity(models.Model):
    """外部ID — one (issuer, subject) pair an identity provider asserted for a resident.

    The account is found by this pair, never by name or date of birth: those are not unique and
    change, while the provider keeps ``sub`` stable for the same card holder.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_identities"
    )
    issuer = models.CharField(_("発行者"), max_length=255)
    subject = models.CharField(_("識別子"), max_length=255)
    acr = models.CharField(_("認証コンテキスト"), max_length=255, blank=True)
    auth_time = models.DateTimeField(_("認証日時"), null=True, blank=True)
    # The 住民票コード of the matched registry record, or of a person moving in whose
    # 転出証明書情報 has arrived; blank when the card matched nobody (a resident of another city).
    resident_code = models.CharField(_("住民票コード"), max_length=11, blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("最終ログイン日時"))

    class Meta:
        verbose_name = _("住民の外部ID")
        verbose_name_plural = _("住民の外部ID")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_unique_issuer_subject")
        ]
        indexes = [models.Index(fields=["resident_code"])]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
