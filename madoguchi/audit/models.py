"""監査証跡 — audit events, hash-chained.

Each event stores ``hash = SHA-256(prev_hash ‖ canonical JSON of the event)`` and the previous
event's hash, and ``seq`` counts events without gaps, so editing, deleting or reordering any row
breaks the chain where it happened (``madoguchi audit_verify`` finds it). On PostgreSQL a trigger
also refuses UPDATE and DELETE outright (migration 0002).

There are deliberately no foreign keys: the trail must outlive the accounts and objects it
mentions, and writing an event must never take a lock on a row a business transaction holds.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("連番"), primary_key=True)
    occurred_at = models.DateTimeField(_("日時"))
    actor_id = models.BigIntegerField(_("実行者ID"), null=True, blank=True)
    actor_label = models.CharField(_("実行者"), max_length=160)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("対象の種類"), max_length=64, blank=True)
    object_id = models.CharField(_("対象のID"), max_length=64, blank=True)
    purpose = models.CharField(_("目的"), max_length=200, blank=True)
    request_id = models.CharField(_("リクエストID"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)
    details = models.JSONField(_("詳細"), default=dict, blank=True)
    prev_hash = models.CharField(_("直前のハッシュ"), max_length=64)
    hash = models.CharField(_("ハッシュ"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("監査イベント")
        verbose_name_plural = _("監査イベント")
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor_id", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"
