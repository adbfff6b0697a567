"""Background work for electronic approval: reminders for drafts waiting too long."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings


@shared_task
def send_reminders(days: int | None = None) -> int:
    """催促 — e-mail each person with a draft waiting for them longer than ``days`` days."""
    from madoguchi.approvals.services import send_reminders as send

    return send(days=days if days is not None else settings.APPROVALS_REMINDER_DAYS)
