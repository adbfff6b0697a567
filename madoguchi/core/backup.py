"""Encrypted backups (バックアップ) of the database and the uploaded files, and their restore.

A backup is one file, written and read as a stream so that its size is bounded by the disk, not by
memory: ``MGBK2`` + a random salt + a libsodium *secretstream* header, then frames of up to 1 MiB,
each a 4-byte length and an XChaCha20-Poly1305 ciphertext (PyNaCl's binding of libsodium's
``crypto_secretstream``). The key is derived from a passphrase with scrypt. Each frame is
authenticated and ordered, and the last carries libsodium's FINAL tag, so a changed, reordered or
cut-off file is refused rather than half-read.

Inside is a gzip'd tar archive, in this order: ``manifest.json`` (a SHA-256 of every table's rows
and of every file), ``data.jsonl`` (Django's serialiser, one row per line, primary keys kept) and
``media/…`` (every uploaded file). Django's serialiser makes it work the same on SQLite and
PostgreSQL, and between them.

``restore`` reads the manifest first (so a wrong passphrase fails at once), stages the data and the
files in a temporary folder checking every file's checksum, then loads an empty, migrated database
in one transaction, recomputes every table's checksum and rolls everything back if one differs — so
a damaged or tampered backup changes nothing — and only then moves the files into MEDIA_ROOT.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import struct
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, transaction
from nacl import bindings as sodium
from nacl.exceptions import CryptoError

MAGIC = b"MGBK2"
SALT_BYTES = 16
FRAME = 1 << 20  # plaintext bytes per encrypted frame
_LENGTH = struct.Struct(">I")
_HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
# Tables Django fills by itself on migrate; a restore replaces them with the backup's rows.
REBUILT = {"django_content_type", "auth_permission", "django_migrations"}
_ROWS_PER_BATCH = 1000
_DAMAGED = "復号できません（パスフレーズが違うか、ファイルが壊れています） / wrong passphrase or damaged file"

Progress = Callable[[str], None]


class BackupError(Exception):
    """The backup cannot be read or restored; the message says why (Japanese first)."""


def _key(passphrase: str, salt: bytes) -> bytes:
    if not passphrase:
        raise BackupError("パスフレーズが空です / the passphrase is empty")
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


class _EncryptingWriter(io.RawIOBase):
    """A write-only stream that encrypts what it is given, frame by frame, into ``raw``."""

    def __init__(self, raw: IO[bytes], passphrase: str) -> None:
        salt = sodium.randombytes(SALT_BYTES)
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, _key(passphrase, salt))
        self._raw, self._buffer = raw, bytearray()
        raw.write(MAGIC + salt + header)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += data
        while len(self._buffer) > FRAME:
            self._push(bytes(self._buffer[:FRAME]), _TAG_MESSAGE)
            del self._buffer[:FRAME]
        return len(data)

    def _push(self, chunk: bytes, tag: int) -> None:
        frame = sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, tag=tag)
        self._raw.write(_LENGTH.pack(len(frame)) + frame)

    def finish(self) -> None:
        """Write the remaining bytes as the FINAL frame; without it a reader knows the file was cut."""
        self._push(bytes(self._buffer), _TAG_FINAL)
        self._buffer.clear()


class _DecryptingReader(io.RawIOBase):
    """A read-only stream of the plaintext of ``raw``; refuses damage, reordering and truncation."""

    def __init__(self, raw: IO[bytes], passphrase: str) -> None:
        if raw.read(len(MAGIC)) != MAGIC:
            raise BackupError("Madoguchi のバックアップファイルではありません / not a Madoguchi backup")
        salt, header = raw.read(SALT_BYTES), raw.read(_HEADER_BYTES)
        if len(header) != _HEADER_BYTES:
            raise BackupError(_DAMAGED)
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(self._state, header, _key(passphrase, salt))
        self._raw, self._buffer, self._final = raw, b"", False

    def readable(self) -> bool:
        return True

    def _pull(self) -> None:
        prefix = self._raw.read(_LENGTH.size)
        if len(prefix) != _LENGTH.size:
            raise BackupError(_DAMAGED)  # ended before the FINAL frame: cut off
        frame = self._raw.read(_LENGTH.unpack(prefix)[0])
        try:
            chunk, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(self._state, frame)
        except (CryptoError, ValueError) as error:
            raise BackupError(_DAMAGED) from error
        self._buffer += chunk
        self._final = tag == _TAG_FINAL
        if self._final and self._raw.read(1):
            raise BackupError(_DAMAGED)  # bytes after the FINAL frame

    def readinto(self, target: Any) -> int:
        while not self._buffer and not self._final:
            self._pull()
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def _tables() -> list[str]:
    """The models' tables. Tables derived from files (the open-data datastore's ``ods_…``) are not
    backed up: their source files are, and ``madoguchi rebuild_datastore`` loads them again."""
    return sorted(
        t for t in connection.introspection.django_table_names(only_existing=True) if t != "django_migrations"
    )


def table_checksum(table: str, where: str = "") -> str:
    """SHA-256 of a table's rows in a stable order (every column, ordered by all of them).

    Rows stream through a server-side cursor on PostgreSQL, so a large table is not held in memory.
    """
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted} LIMIT 0")  # noqa: S608 - names from introspection
        count = len(cursor.description)
    order = ", ".join(str(i) for i in range(1, count + 1))
    digest = hashlib.sha256()
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted} {where} ORDER BY {order}")  # noqa: S608
        while rows := cursor.fetchmany(2000):
            for row in rows:
                digest.update(json.dumps([_canonical(v) for v in row], default=str).encode())
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, str) and value[:1] in "{[":
        try:  # JSON stored as text (SQLite) and as jsonb (PostgreSQL) compare the same
            return json.loads(value)
        except ValueError:
            return value
    return value


def table_checksums() -> dict[str, str]:
    return {table: table_checksum(table) for table in _tables()}


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(FRAME):
            digest.update(chunk)
    return digest.hexdigest()


def file_checksums() -> dict[str, str]:
    root = _media_root()
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): _file_digest(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _json_default(value: Any) -> str:
    # Full precision: DjangoJSONEncoder keeps only milliseconds, and a restore must be exact.
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)  # Decimal, UUID


def _batches(iterable: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(iterable, size)):
        yield batch


def _dump(target: IO[str], progress: Progress) -> None:
    """Every row of every model (many-to-many included), primary keys kept, one JSON per line."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        progress(model._meta.db_table)
        rows = model._base_manager.using(connection.alias).order_by("pk").iterator(chunk_size=_ROWS_PER_BATCH)
        for batch in _batches(rows, _ROWS_PER_BATCH):
            for row in serializers.serialize("python", batch):
                target.write(json.dumps(row, default=_json_default, ensure_ascii=False) + "\n")


def _tar_info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    return info


def create_backup(
    *, out: IO[bytes], passphrase: str, progress: Progress = lambda step: None
) -> dict[str, Any]:
    """Write the encrypted backup to ``out`` and return its manifest.

    The rows are read in one transaction, so they are consistent with each other and with the
    checksums; they are staged in a temporary file, never all in memory. ``progress`` is called
    with the name of each table and file as it is reached.
    """
    if settings.STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
        raise BackupError(
            "ファイルがオブジェクトストレージにあるため、ファイルはバックアップできません（バケットの"
            "バージョニングを使ってください） / files are in object storage: use bucket versioning"
        )
    with tempfile.TemporaryDirectory(prefix="madoguchi-backup-") as staging:
        data = Path(staging) / "data.jsonl"
        with transaction.atomic():
            with data.open("w", encoding="utf-8") as target:
                _dump(target, progress)
            manifest = {
                "format": 2,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "vendor": connection.vendor,
                "tables": table_checksums(),
                "files": file_checksums(),
            }
        encrypted = _EncryptingWriter(out, passphrase)
        with tarfile.open(fileobj=encrypted, mode="w|gz") as archive:
            head = json.dumps(manifest, ensure_ascii=False).encode()
            archive.addfile(_tar_info("manifest.json", len(head)), io.BytesIO(head))
            with data.open("rb") as source:
                archive.addfile(_tar_info("data.jsonl", data.stat().st_size), source)
            for name in manifest["files"]:
                progress(name)
                path = _media_root() / name
                with path.open("rb") as source:
                    archive.addfile(_tar_info(f"media/{name}", path.stat().st_size), source)
        encrypted.finish()
    return manifest


def _first_filled_table() -> str | None:
    """The first table (other than those migrate rebuilds) that holds a row, or None when empty."""
    with connection.cursor() as cursor:
        for table in _tables():
            if table in REBUILT:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return table
    return None


def _safe_name(name: str) -> str:
    if not name or ".." in Path(name).parts or Path(name).is_absolute():
        raise BackupError(f"不正なファイル名です: {name} / unsafe file name")
    return name


def _stage(archive: tarfile.TarFile, staging: Path, progress: Progress) -> dict[str, Any]:
    """Unpack into ``staging`` checking each file against the manifest; returns the manifest.

    The manifest comes first, so a wrong passphrase or a non-empty database is reported before
    anything large is read.
    """
    members = iter(archive)
    first = next(members, None)
    if first is None or first.name != "manifest.json":
        raise BackupError(_DAMAGED)
    manifest = json.loads(archive.extractfile(first).read())
    if (filled := _first_filled_table()) is not None:
        raise BackupError(
            f"復元先のデータベースが空ではありません（{filled}）。"
            "新しいデータベースに migrate してから復元してください"
            f" / the database is not empty ({filled}): restore into a freshly migrated database"
        )
    seen: set[str] = set()
    for member in members:
        if not member.isfile():
            continue
        name = None
        if member.name == "data.jsonl":
            target = staging / "data.jsonl"
        elif member.name.startswith("media/"):
            name = _safe_name(member.name.removeprefix("media/"))
            if name not in manifest["files"]:
                raise BackupError(f"目録にないファイルです: {name} / file not in the manifest")
            progress(name)
            target = staging / "media" / name
        else:
            raise BackupError(_DAMAGED)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as sink:
            shutil.copyfileobj(archive.extractfile(member), sink, FRAME)
        if name is not None:
            if _file_digest(target) != manifest["files"][name]:
                raise BackupError(f"ファイルのチェックサムが一致しません: {name} / file checksum mismatch")
            seen.add(name)
    if missing := set(manifest["files"]) - seen:
        raise BackupError(f"ファイルが足りません: {sorted(missing)[0]} / file missing")
    if not (staging / "data.jsonl").exists():
        raise BackupError(_DAMAGED)
    return manifest


def _load(data: Path, progress: Progress) -> set[type]:
    """Save every row of ``data.jsonl``; returns the models touched (their sequences need a reset)."""
    models: set[type] = set()
    with data.open(encoding="utf-8") as source, connection.constraint_checks_disabled():
        for batch in _batches((json.loads(line) for line in source), _ROWS_PER_BATCH):
            for item in serializers.deserialize("python", batch, using=connection.alias):
                item.save()
                if type(item.object) not in models:
                    models.add(type(item.object))
                    progress(item.object._meta.db_table)
    connection.check_constraints()
    return models


def restore_backup(
    *, source: IO[bytes], passphrase: str, progress: Progress = lambda step: None
) -> dict[str, Any]:
    """Load a backup into this (empty, migrated) database and MEDIA_ROOT; returns its manifest."""
    root = _media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".madoguchi-restore-", dir=root.parent) as staging_name:
        staging = Path(staging_name)
        try:
            plain = _DecryptingReader(source, passphrase)
            with tarfile.open(fileobj=plain, mode="r|gz") as archive:
                manifest = _stage(archive, staging, progress)
            # tar stops at its end-of-archive block; read on to the FINAL frame so that damage to
            # the last frame, or a file cut short, is still found before anything is loaded.
            while plain.read(FRAME):
                pass
        except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError) as error:
            raise BackupError(_DAMAGED) from error
        with transaction.atomic():
            Permission.objects.all().delete()
            ContentType.objects.all().delete()
            _reset_sequences(_load(staging / "data.jsonl", progress))
            different = [t for t, digest in table_checksums().items() if manifest["tables"].get(t) != digest]
            if different:
                raise BackupError(
                    "復元後のチェックサムが一致しません / checksums differ after restore: "
                    + ", ".join(different)
                )
        for name in manifest["files"]:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / "media" / name, path)
    return manifest


def _reset_sequences(models: set[type]) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
