"""``madoguchi retention`` — anonymise cases past their 保存年限 and delete expired drafts now."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from madoguchi.cases import retention


class Command(BaseCommand):
    help = "保存年限を過ぎた申請の個人情報を削除（匿名化）し、期限切れの下書きを削除します。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="対象の件数と受付番号を表示するだけで、何も変更しない"
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        now = dt.datetime.now(dt.UTC)
        if dry_run:
            due = retention.due_for_anonymisation(now=now)
            self.stdout.write(f"匿名化の対象: {len(due)} 件 {' '.join(s.receipt_number for s in due)}")
            return
        try:
            result = retention.apply_retention(now=now)
        except Exception as error:
            raise CommandError(f"保存期間の処理に失敗しました: {type(error).__name__}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"匿名化 {len(result.anonymised)} 件、期限切れの下書きの削除 {result.drafts_expired} 件"
            )
        )
