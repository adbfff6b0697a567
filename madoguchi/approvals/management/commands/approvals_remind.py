"""``madoguchi approvals_remind [--days N]`` — e-mail reminders for drafts waiting too long."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from madoguchi.approvals.services import send_reminders


class Command(BaseCommand):
    help = "承認待ちが N 日を超えた起案について、担当者に催促メールを送ります。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=settings.APPROVALS_REMINDER_DAYS)

    def handle(self, *args, days: int, **options) -> None:
        self.stdout.write(f"{send_reminders(days=days)} reminder(s) queued")
