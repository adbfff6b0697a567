"""Signing decided documents with pyHanko (PAdES) — behind one function, ``sign_pdf``.

The city's signing CA is built on another branch (``certificates``); until it is merged, a
self-signed demo key and certificate are made on first use under ``var/approvals-signing/``. A
reader can then see the document is unchanged since signing, not yet who the city is: swap the
body of ``_signer`` for the certificates app's signer when it lands.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers


def _key_dir() -> Path:
    return Path(settings.VAR_DIR) / "approvals-signing"


def _make_demo_key(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Madoguchi demo"),
            x509.NameAttribute(NameOID.COMMON_NAME, "電子決裁 署名（デモ）"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    (directory / "key.pem").chmod(0o600)
    (directory / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


@cache
def _signer() -> signers.SimpleSigner:
    directory = _key_dir()
    if not (directory / "key.pem").exists():
        _make_demo_key(directory)
    return signers.SimpleSigner.load(str(directory / "key.pem"), str(directory / "cert.pem"))


def sign_pdf(data: bytes, *, reason: str) -> bytes:
    """The PDF with an invisible PAdES signature over all of it."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(field_name="Approval", reason=reason, subfilter=None)
    output = signers.sign_pdf(writer, meta, signer=_signer())
    return output.getvalue()
