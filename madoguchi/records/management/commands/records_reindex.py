"""``madoguchi records_reindex`` — rebuild the full-text index of drafts, files and receipts."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from madoguchi.records.services import rebuild_search_index


class Command(BaseCommand):
    help = "起案・ファイル・収受文書の全文検索の索引を作り直します。"

    def handle(self, *args, **options) -> None:
        for namespace, count in rebuild_search_index().items():
            self.stdout.write(f"{namespace}: {count}")
