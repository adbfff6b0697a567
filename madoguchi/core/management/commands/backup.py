"""``madoguchi backup --out FILE`` — an encrypted backup of the database and the uploaded files."""

import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from madoguchi.audit.services import record_event
from madoguchi.core.backup import BackupError, create_backup


def passphrase(*, confirm: bool) -> str:
    """From MADOGUCHI_BACKUP_PASSPHRASE, else asked on the terminal (twice when creating)."""
    value = os.environ.get("MADOGUCHI_BACKUP_PASSPHRASE", "")
    if value:
        return value
    value = getpass.getpass("パスフレーズ / passphrase: ")
    if confirm and getpass.getpass("もう一度 / again: ") != value:
        raise CommandError("パスフレーズが一致しません / the passphrases differ")
    return value


class Command(BaseCommand):
    help = "データベースとアップロードされたファイルを、パスフレーズで暗号化した1つのファイルに保存します。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="書き出すファイル")

    def handle(self, *args, out: str, **options) -> None:
        target = Path(out)
        if target.exists():
            raise CommandError(f"{target} は既にあります（上書きしません） / {target} exists")
        record_event(action="backup.created", object_type="core.backup", purpose="バックアップ")
        try:
            content, manifest = create_backup(passphrase=passphrase(confirm=True))
        except BackupError as error:
            raise CommandError(str(error)) from error
        target.write_bytes(content)
        target.chmod(0o600)
        tables, files = len(manifest["tables"]), len(manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(f"{target} に保存しました（テーブル {tables}、ファイル {files}）")
        )
