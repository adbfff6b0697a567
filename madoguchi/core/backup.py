"""Encrypted backups (バックアップ) of the database and the uploaded files, and their restore.

A backup is one file: ``MGBK1`` + a random salt + a Fernet token (AES-128-CBC + HMAC-SHA256, from
``cryptography``) whose key is derived from a passphrase with scrypt. Inside is a tar archive with
``data.json`` (Django's ``dumpdata`` of every table, primary keys kept), ``media/…`` (every uploaded
file) and ``manifest.json`` (a SHA-256 of every table's rows and of every file). Django's serialiser
makes it work the same on SQLite and PostgreSQL, and between them.

``restore`` loads into an empty, migrated database in one transaction, then recomputes every
checksum and rolls everything back if one differs, so a damaged or tampered backup changes nothing.
The whole backup is held in memory: fine for a city's case data; for very large installations use
the database's own tools (pg_dump, object-storage versioning) as docs/operations.md describes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import tarfile
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, transaction

MAGIC = b"MGBK1"
SALT_BYTES = 16
# Tables Django fills by itself on migrate; a restore replaces them with the backup's rows.
REBUILT = {"django_content_type", "auth_permission", "django_migrations"}


class BackupError(Exception):
    """The backup cannot be read or restored; the message says why (Japanese first)."""


def _fernet(passphrase: str, salt: bytes) -> Fernet:
    if not passphrase:
        raise BackupError("パスフレーズが空です / the passphrase is empty")
    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _tables() -> list[str]:
    """The models' tables. Tables derived from files (the open-data datastore's ``ods_…``) are not
    backed up: their source files are, and ``madoguchi rebuild_datastore`` loads them again."""
    return sorted(
        t for t in connection.introspection.django_table_names(only_existing=True) if t != "django_migrations"
    )


def table_checksum(table: str, where: str = "") -> str:
    """SHA-256 of a table's rows in a stable order (every column, ordered by all of them)."""
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted} LIMIT 0")  # noqa: S608 - names from introspection
        count = len(cursor.description)
        order = ", ".join(str(i) for i in range(1, count + 1))
        cursor.execute(f"SELECT * FROM {quoted} {where} ORDER BY {order}")  # noqa: S608
        digest = hashlib.sha256()
        for row in cursor.fetchall():
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


def file_checksums() -> dict[str, str]:
    root = _media_root()
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


def _json_default(value: Any) -> str:
    # Full precision: DjangoJSONEncoder keeps only milliseconds, and a restore must be exact.
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)  # Decimal, UUID


def _dump() -> bytes:
    """Every row of every model (many-to-many included), primary keys kept, as JSON."""
    rows: list[dict[str, Any]] = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        queryset = model._base_manager.using(connection.alias).order_by("pk")
        rows += serializers.serialize("python", queryset.iterator())
    return json.dumps(rows, default=_json_default, ensure_ascii=False).encode()


def create_backup(*, passphrase: str) -> tuple[bytes, dict[str, Any]]:
    """The encrypted backup and its manifest. Read in one transaction, so it is consistent."""
    if settings.STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
        raise BackupError(
            "ファイルがオブジェクトストレージにあるため、ファイルはバックアップできません（バケットの"
            "バージョニングを使ってください） / files are in object storage: use bucket versioning"
        )
    with transaction.atomic():
        data = _dump()
        manifest = {
            "format": 1,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": connection.vendor,
            "tables": table_checksums(),
            "files": file_checksums(),
        }
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        _add(archive, "data.json", data)
        for name in manifest["files"]:
            _add(archive, f"media/{name}", (_media_root() / name).read_bytes())
        _add(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False).encode())
    salt = os.urandom(SALT_BYTES)
    return MAGIC + salt + _fernet(passphrase, salt).encrypt(buffer.getvalue()), manifest


def _open(content: bytes, passphrase: str) -> tarfile.TarFile:
    if not content.startswith(MAGIC):
        raise BackupError("Madoguchi のバックアップファイルではありません / not a Madoguchi backup")
    salt = content[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    try:
        plain = _fernet(passphrase, salt).decrypt(content[len(MAGIC) + SALT_BYTES :])
    except InvalidToken as error:
        raise BackupError(
            "復号できません（パスフレーズが違うか、ファイルが壊れています）"
            " / wrong passphrase or damaged file"
        ) from error
    return tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz")


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


def restore_backup(*, content: bytes, passphrase: str) -> dict[str, Any]:
    """Load a backup into this (empty, migrated) database and MEDIA_ROOT; returns its manifest."""
    with _open(content, passphrase) as archive:
        members = {member.name: member for member in archive.getmembers() if member.isfile()}
        manifest = json.loads(archive.extractfile(members["manifest.json"]).read())
        data = archive.extractfile(members["data.json"]).read().decode()
        files = {name: archive.extractfile(members[f"media/{name}"]).read() for name in manifest["files"]}
    for name, content_bytes in files.items():
        if hashlib.sha256(content_bytes).hexdigest() != manifest["files"][name]:
            raise BackupError(f"ファイルのチェックサムが一致しません: {name} / file checksum mismatch")
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise BackupError(f"不正なファイル名です: {name} / unsafe file name")
    if (filled := _first_filled_table()) is not None:
        raise BackupError(
            f"復元先のデータベースが空ではありません（{filled}）。"
            "新しいデータベースに migrate してから復元してください"
            f" / the database is not empty ({filled}): restore into a freshly migrated database"
        )
    with transaction.atomic():
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        objects = list(serializers.deserialize("python", json.loads(data), using=connection.alias))
        with connection.constraint_checks_disabled():
            for item in objects:
                item.save()
        connection.check_constraints()
        _reset_sequences({type(item.object) for item in objects})
        different = [t for t, digest in table_checksums().items() if manifest["tables"].get(t) != digest]
        if different:
            raise BackupError(
                f"復元後のチェックサムが一致しません / checksums differ after restore: {', '.join(different)}"
            )
    root = _media_root()
    for name, content_bytes in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content_bytes)
    return manifest


def _reset_sequences(models: set[type]) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
