"""Notifications: one row per message the city means to send, sent at most once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    # ``key`` names the event (e.g. "submission-received:42"), so an event is queued once however
    # often its code runs. Delivery is at-least-once: a worker that dies between handing the mail
    # to the server and recording it sends it again on retry — a duplicate, never a loss.
    key = models.CharField(_("キー"), max_length=120, unique=True)
    to = models.EmailField(_("宛先"))
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"))
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at"]


class OutboxMessage(models.Model):
    """送信箱 — what the demo's mail backend "sent", for staff and developers to read."""

    to = models.TextField(_("宛先"))
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"))
    sent_at = models.DateTimeField(_("送信日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("送信箱")
        verbose_name_plural = _("送信箱")
        ordering = ["-sent_at", "-pk"]
