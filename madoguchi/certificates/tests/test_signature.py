"""An unmodified outside validator accepts a fresh certificate and rejects it after one flipped byte."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from madoguchi.certificates.models import Certificate

pytestmark = pytest.mark.django_db


def _pyhanko() -> str:
    """pyHanko's own command line, installed beside this Python (the ``pyhanko-cli`` package)."""
    path = Path(sys.executable).with_name("pyhanko")
    return str(path) if path.exists() else shutil.which("pyhanko") or "pyhanko"


def _validate(command: str, pdf: Path, trust: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_pyhanko(), "sign", command, "--trust", str(trust), "--trust-replace", str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_pyhanko_validates_a_specimen_and_rejects_it_once_one_byte_is_flipped(client, tmp_path):
    trust = tmp_path / "ca.pem"
    trust.write_bytes(client.get("/certificates/ca.pem").content)
    signed = tmp_path / "specimen.pdf"
    call_command("issue_specimen_certificate", "--out", str(signed))
    certificate = Certificate.objects.get(is_specimen=True)
    data = signed.read_bytes()
    assert data.startswith(b"%PDF")

    # Online revocation check against the published CRL (pyhanko sign validate) ...
    result = _validate("validate", signed, trust)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ":INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>," in result.stdout
    # ... and AdES validation with only what the PDF embeds (B-LT: timestamp, certificates, CRL).
    result = _validate("adesverify", signed, trust)
    assert result.returncode == 0, result.stdout + result.stderr

    # One byte of the first content stream, inside the signed byte range.
    position = data.index(b"stream", data.index(b"/Length")) + 20
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :])
    for command in ("validate", "adesverify"):
        result = _validate(command, tampered, trust)
        assert result.returncode != 0, result.stdout
    assert certificate.sha256 == hashlib.sha256(data).hexdigest()
