"""``madoguchi seed_demo`` — fill the database with the Ryugasaki demo data (idempotent)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from madoguchi.demo.services import RESIDENT_TARGET, seed_demo


class Command(BaseCommand):
    help = "龍ヶ崎市のデモデータ（組織・職員・架空の住民）を登録します。何度実行しても重複しません。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="進捗バーを表示しない")

    def handle(self, *args, no_progress: bool = False, **options) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("本番環境（MADOGUCHI_ENV=production）にはデモデータを登録できません。")
        with tqdm(
            total=RESIDENT_TARGET, unit="人", desc="住民データ", disable=no_progress, file=sys.stderr
        ) as bar:
            counts = seed_demo(today=timezone.localdate(), progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"デモデータを登録しました: 職員 {counts['staff']} 人、住民 {counts['residents']} 人、"
                f"FAQ {counts['faqs']} 件"
            )
        )
