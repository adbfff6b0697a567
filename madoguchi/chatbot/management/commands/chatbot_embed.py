"""``madoguchi chatbot_embed`` — compute the semantic vectors of the FAQs' phrasings now."""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from madoguchi.chatbot import semantic, services


class Command(BaseCommand):
    help = (
        "チャットボットの意味検索用ベクトルを、まだない FAQ の言い回しについて計算します"
        "（MADOGUCHI_CHATBOT_SEMANTIC を有効にして使います）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="進捗バーを表示しない")

    def handle(self, *args, no_progress: bool = False, **options) -> None:
        if not semantic.enabled():
            raise CommandError(
                "意味検索が無効です。MADOGUCHI_CHATBOT_SEMANTIC=1 を設定してください / "
                "semantic retrieval is off: set MADOGUCHI_CHATBOT_SEMANTIC=1"
            )
        with tqdm(unit="件", disable=no_progress, file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done)

            embedded = services.embed_faqs(progress=progress)
        if not embedded and services.embedding_in_progress():
            self.stdout.write(
                self.style.WARNING(
                    "別のプロセスがベクトル化を実行中です。今回の変更もそのプロセスが続けて反映します / "
                    "another process is embedding now; it will take in these changes too"
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(f"{embedded} 件の言い回しをベクトル化しました"))
