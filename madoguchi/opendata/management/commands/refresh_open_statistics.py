"""``madoguchi refresh_open_statistics`` — rebuild the city's statistics datasets (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from madoguchi.opendata.statistics import refresh


class Command(BaseCommand):
    help = "市の統計データセット（申請件数など）を更新します / Refresh the city's statistics datasets."

    def handle(self, *args, **options) -> None:
        for name in refresh():
            self.stdout.write(f"updated {name}")
