"""``madoguchi reencrypt`` — after a key rotation, re-seal stored My Numbers under the current key."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from madoguchi.audit.services import record_event
from madoguchi.core import crypto
from madoguchi.registry.services import records_to_reencrypt, reencrypt_my_numbers


class Command(BaseCommand):
    help = (
        "鍵の更新後、現在の鍵以外で暗号化されている個人番号などを現在の鍵で暗号化し直します。"
        "中断しても再実行できます。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="進捗バーを表示しない")

    def handle(self, *args, no_progress: bool = False, **options) -> None:
        key_id = crypto.key_provider().current_key_id()
        with tqdm(total=records_to_reencrypt(), unit="件", disable=no_progress, file=sys.stderr) as bar:
            moved = reencrypt_my_numbers(progress=bar.update)
        record_event(
            action="crypto.reencrypt",
            object_type="registry.resident",
            purpose="暗号鍵の更新",
            details={"key_id": key_id, "records": moved},
        )
        self.stdout.write(self.style.SUCCESS(f"{moved} 件を鍵 {key_id} で暗号化し直しました"))
