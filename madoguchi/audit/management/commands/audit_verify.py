"""``madoguchi audit_verify`` — recompute the audit chain and report the first broken link."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from madoguchi.audit.selectors import event_count, verify_trail


class Command(BaseCommand):
    help = "監査証跡のハッシュチェーンを検証し、最初に壊れている箇所を報告します。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="進捗バーを表示しない")

    def handle(self, *args, no_progress: bool = False, **options) -> None:
        total = event_count()
        with tqdm(total=total, unit="件", disable=no_progress, file=sys.stderr) as bar:
            result = verify_trail(progress=bar.update)
        if not result.ok:
            raise CommandError(
                f"監査証跡の連鎖が壊れています: 連番 {result.broken_at} — {result.reason} "
                f"（それ以前の {result.checked} 件は正常）"
            )
        self.stdout.write(self.style.SUCCESS(f"監査証跡は正常です（{result.checked} 件を検証）"))
