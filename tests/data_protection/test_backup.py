"""Backup and restore: encrypted with a passphrase, restored into an empty database, every table's
and every file's checksum the same afterwards."""

from __future__ import annotations

import os
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from madoguchi.audit.models import AuditEvent
from madoguchi.audit.selectors import verify_trail
from madoguchi.cases import services
from madoguchi.cases.models import Draft, Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.core import backup
from madoguchi.identity import services as identity_services
from tests.data_protection.conftest import PLANTED_MY_NUMBER

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sqlite_subset]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 200


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MADOGUCHI_BACKUP_PASSPHRASE", "correct horse battery staple")


@pytest.fixture
def city_with_a_case(client, procedure, household, city):
    from madoguchi.accounts.selectors import staff_by_username

    resident = identity_services.counter_account(
        resident_code=household, actor=staff_by_username("admin.joho")
    )
    client.force_login(resident)
    review_url = fill_in(client)
    outcome = services.save_step(
        draft=Draft.objects.get(),
        step_key="request",
        data={"purpose": "bank", "copies": "2"},
        files={"attachment": SimpleUploadedFile("委任状.png", PNG, content_type="image/png")},
        actor=resident,
    )
    assert not outcome.errors
    client.post(review_url)
    return Submission.objects.get()


def test_a_backup_restores_into_an_empty_database_with_every_checksum_equal(
    city_with_a_case, tmp_path, settings
):
    out = tmp_path / "madoguchi.backup"
    call_command("backup", "--out", str(out))
    assert out.stat().st_mode & 0o777 == 0o600
    content = out.read_bytes()
    # Encrypted: neither the answers nor the planted My Number nor the file is readable.
    assert (
        "龍ケ崎".encode() not in content and PLANTED_MY_NUMBER.encode() not in content and PNG not in content
    )
    tables, files = backup.table_checksums(), backup.file_checksums()
    last_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    assert len(files) == 1 and "cases_submission" in tables

    # An empty database: every row gone (as after `migrate` on a new server), and no files.
    call_command("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Submission.objects.exists()

    call_command("restore", str(out))
    after = backup.table_checksums()
    audit = AuditEvent._meta.db_table
    assert {t: d for t, d in after.items() if t != audit} == {t: d for t, d in tables.items() if t != audit}
    # The audit trail is the backup's, plus one event saying it was restored.
    assert backup.table_checksum(audit, f"WHERE seq <= {last_seq}") == tables[audit]
    assert AuditEvent.objects.order_by("-seq").first().action == "backup.restored"
    assert verify_trail().ok
    assert backup.file_checksums() == files
    from madoguchi.registry import selectors

    assert selectors.my_number("08208200001", actor=None, purpose="復元の確認") == PLANTED_MY_NUMBER


def test_a_wrong_passphrase_or_a_non_empty_database_changes_nothing(city_with_a_case, tmp_path, monkeypatch):
    out = tmp_path / "madoguchi.backup"
    call_command("backup", "--out", str(out))
    with pytest.raises(CommandError, match="既にあります"):
        call_command("backup", "--out", str(out))
    before = backup.table_checksums()
    with pytest.raises(CommandError, match="空ではありません"):
        call_command("restore", str(out))
    monkeypatch.setenv("MADOGUCHI_BACKUP_PASSPHRASE", "wrong")
    with pytest.raises(CommandError, match="パスフレーズ"):
        call_command("restore", str(out))
    tampered = tmp_path / "tampered.backup"
    data = bytearray(out.read_bytes())
    data[-10] ^= 1
    tampered.write_bytes(bytes(data))
    monkeypatch.setenv("MADOGUCHI_BACKUP_PASSPHRASE", "correct horse battery staple")
    with pytest.raises(CommandError, match="壊れて"):
        call_command("restore", str(tampered))
    assert backup.table_checksums() == before


def test_a_cut_reordered_or_foreign_file_is_refused_before_anything_is_loaded(
    city_with_a_case, tmp_path, settings
):
    """A backup larger than one encrypted frame: cutting it at a frame boundary, swapping two
    frames or dropping the last one is found, and the empty database stays empty."""
    big = settings.MEDIA_ROOT / "attachments" / "large.bin"
    payload = os.urandom(3 * backup.FRAME)  # random, so gzip cannot shrink it below one frame
    big.write_bytes(payload)
    out = tmp_path / "madoguchi.backup"
    call_command("backup", "--out", str(out))
    content = out.read_bytes()
    call_command("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT)

    header = len(backup.MAGIC) + backup.SALT_BYTES + 24
    frames, offset = [], header
    while offset < len(content):
        length = int.from_bytes(content[offset : offset + 4], "big")
        frames.append(content[offset : offset + 4 + length])
        offset += 4 + length
    assert len(frames) >= 3  # the 3 MiB file spans several frames
    damaged = {
        "cut": content[:header] + b"".join(frames[:-1]),
        "swapped": content[:header] + frames[1] + frames[0] + b"".join(frames[2:]),
        "appended": content + frames[-1],
        "foreign": b"PK\x03\x04" + content[4:],
    }
    for label, data in damaged.items():
        path = tmp_path / f"{label}.backup"
        path.write_bytes(data)
        with pytest.raises(CommandError, match=r"壊れて|Madoguchi のバックアップ"):
            call_command("restore", str(path))
        assert not Submission.objects.exists(), label
        assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.bin")), label

    call_command("restore", str(out))
    assert big.read_bytes() == payload
    assert Submission.objects.count() == 1
