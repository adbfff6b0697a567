"""``madoguchi backup --out FILE`` — an encrypted backup of the database and the uploaded files."""

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

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


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str], None]]:
    """A bar that counts tables and files as they pass (the total is not known in advance);
    yields the callback ``create_backup`` and ``restore_backup`` take as ``progress``."""
    with tqdm(desc=description, unit=" 件", leave=False, dynamic_ncols=True) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update()

        yield step


class Command(BaseCommand):
    help = "データベースとアップロードされたファイルを、パスフレーズで暗号化した1つのファイルに保存します。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="書き出すファイル")

    def handle(self, *args, out: str, **options) -> None:
        target = Path(out)
        if target.exists():
            raise CommandError(f"{target} は既にあります（上書きしません） / {target} exists")
        secret = passphrase(confirm=True)
        record_event(action="backup.created", object_type="core.backup", purpose="バックアップ")
        # Created exclusively and private from the first byte; removed again if the backup fails,
        # so a half-written file is never mistaken for a backup.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as sink, progress_bar("バックアップ") as step:
                manifest = create_backup(out=sink, passphrase=secret, progress=step)
        except BaseException as error:
            target.unlink(missing_ok=True)
            if isinstance(error, BackupError):
                raise CommandError(str(error)) from error
            raise
        tables, files = len(manifest["tables"]), len(manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(f"{target} に保存しました（テーブル {tables}、ファイル {files}）")
        )
