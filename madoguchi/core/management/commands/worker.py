"""``madoguchi worker`` — start a Celery worker for this installation."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from madoguchi.celery import app


class Command(BaseCommand):
    help = "バックグラウンド処理のワーカー（Celery）を起動します。REDIS_URL が必要です。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--concurrency", type=int, default=None, help="同時に処理するタスク数")
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--queues", default=None, help="受け持つキュー（カンマ区切り）")

    def handle(self, *args, concurrency: int | None, loglevel: str, queues: str | None, **options) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                "REDIS_URL が設定されていないため、タスクはアプリのプロセス内で実行されます。"
                "ワーカーは不要です。 / REDIS_URL is not set: tasks run in-process, no worker is needed."
            )
        argv = ["worker", f"--loglevel={loglevel}", "--queues", queues or settings.CELERY_TASK_DEFAULT_QUEUE]
        if concurrency:
            argv.append(f"--concurrency={concurrency}")
        app.worker_main(argv)
