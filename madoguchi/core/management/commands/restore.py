"""``madoguchi restore FILE`` — load an encrypted backup into an empty, migrated database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from madoguchi.audit.services import record_event
from madoguchi.core.backup import BackupError, restore_backup
from madoguchi.core.management.commands.backup import passphrase, progress_bar


class Command(BaseCommand):
    help = (
        "madoguchi backup で作ったファイルを、migrate したばかりの空のデータベースに復元し、"
        "すべてのテーブルとファイルのチェックサムを確かめます。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="バックアップファイル")

    def handle(self, *args, file: str, **options) -> None:
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"{source} がありません / {source} not found")
        try:
            with source.open("rb") as stream, progress_bar("復元") as step:
                manifest = restore_backup(source=stream, passphrase=passphrase(confirm=False), progress=step)
        except BackupError as error:
            raise CommandError(str(error)) from error
        record_event(
            action="backup.restored",
            object_type="core.backup",
            purpose="バックアップからの復元",
            details={"created_at": manifest["created_at"], "tables": len(manifest["tables"])},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{manifest['created_at']} のバックアップを復元しました"
                f"（テーブル {len(manifest['tables'])}、ファイル {len(manifest['files'])}、"
                "チェックサム一致）。"
                "オープンデータのデータストアは madoguchi rebuild_datastore で読み込み直してください。"
            )
        )
