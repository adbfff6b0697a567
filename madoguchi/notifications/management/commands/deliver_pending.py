"""``madoguchi deliver_pending`` — send notifications left unsent (e.g. after a Redis outage)."""

import datetime as dt

from django.core.management.base import BaseCommand

from madoguchi.notifications.services import sweep_outbox


class Command(BaseCommand):
    help = "未送信のまま残っている通知を送ります（既定ではこのプロセスで直接送信、--enqueue でワーカーへ）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="直接送らず、ワーカーのキューに入れる")
        parser.add_argument(
            "--older-than", type=int, default=0, help="作成から何秒以上経ったものを対象にするか"
        )

    def handle(self, *args, enqueue: bool = False, older_than: int = 0, **options) -> None:
        count = sweep_outbox(older_than=dt.timedelta(seconds=older_than), in_process=not enqueue)
        self.stdout.write(self.style.SUCCESS(f"未送信の通知 {count} 件を処理しました"))
