"""The demo's own public-key infrastructure (認証局): a root, the city's signing certificate, a TSA.

A real city signs with a key issued to it (e.g. by LGPKI, 地方公共団体組織認証基盤) and kept in a
PKCS#12 file or a hardware token (see ``signing.py``). The demo cannot have one, so on first use it
makes its own, with ``cryptography``, under ``var/pki/``:

* a root certificate authority, published at ``/certificates/ca.pem`` — the trust anchor a
  verifier (a bank, pyHanko's command line) is told to trust;
* the city's signing certificate (龍ケ崎市長の電子署名用証明書), issued by the root, naming the
  root's CRL as its distribution point;
* a time-stamping authority certificate (タイムスタンプ局), issued by the root, so the sandbox
  TSA's tokens chain to the same anchor.

The CRL (失効リスト) is made fresh by the root whenever one is asked for, and published at
``/certificates/crl.der``; it lists nothing, because the demo never revokes its signing key.
Elliptic-curve keys (P-256) keep generation and signing quick; the TSA's is RSA, which pyHanko's
sandbox timestamper requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_NAME = "Madoguchi Demo Root CA (龍ケ崎市 デモ認証局)"
SIGNER_NAME = "龍ケ崎市長 (デモ / demo)"
TSA_NAME = "Madoguchi Sandbox TSA (デモ タイムスタンプ局)"
ORGANIZATION = "龍ケ崎市 (Ryugasaki City, demo)"
ROOT_YEARS = 20
LEAF_YEARS = 5
CRL_VALIDITY = dt.timedelta(days=7)


@dataclass(frozen=True)
class DemoPki:
    """The demo's keys and certificates (``cryptography`` objects)."""

    root_certificate: x509.Certificate
    root_key: ec.EllipticCurvePrivateKey
    signing_certificate: x509.Certificate
    signing_key: ec.EllipticCurvePrivateKey
    tsa_certificate: x509.Certificate
    tsa_key: rsa.RSAPrivateKey

    def crl(self, *, now: dt.datetime | None = None) -> x509.CertificateRevocationList:
        """A fresh, empty CRL signed by the root: nothing the demo issued is revoked."""
        now = now or dt.datetime.now(dt.UTC)
        return (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.root_certificate.subject)
            .last_update(now - dt.timedelta(minutes=5))
            .next_update(now + CRL_VALIDITY)
            .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root_key.public_key()), critical=False
            )
            .sign(self.root_key, hashes.SHA256())
        )

    def crl_der(self) -> bytes:
        return self.crl().public_bytes(serialization.Encoding.DER)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _builder(subject: str, issuer: x509.Certificate | None, key, years: int, now: dt.datetime):
    issuer_name = issuer.subject if issuer is not None else _name(subject)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )


def generate(*, crl_url: str, now: dt.datetime | None = None) -> DemoPki:
    """A new root, signing certificate and TSA certificate; ``crl_url`` is where the CRL is served."""
    now = now or dt.datetime.now(dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (
        _builder(ROOT_NAME, None, root_key, ROOT_YEARS, now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(root_key, hashes.SHA256())
    )
    authority = x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key())
    distribution = x509.CRLDistributionPoints(
        [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
    )

    def leaf(common_name: str, usage: x509.KeyUsage, extended: list | None, key):
        builder = (
            _builder(common_name, root, key, LEAF_YEARS, now)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(authority, critical=False)
            .add_extension(distribution, critical=False)
        )
        if extended:
            builder = builder.add_extension(x509.ExtendedKeyUsage(extended), critical=True)
        return builder.sign(root_key, hashes.SHA256()), key

    signing_usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    signing_key = ec.generate_private_key(ec.SECP256R1())
    signing, signing_key = leaf(SIGNER_NAME, signing_usage, None, signing_key)
    tsa_usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    # pyHanko's sandbox timestamper signs with RSA only.
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa, tsa_key = leaf(TSA_NAME, tsa_usage, [ExtendedKeyUsageOID.TIME_STAMPING], tsa_key)
    return DemoPki(root, root_key, signing, signing_key, tsa, tsa_key)


_FILES = ("root", "signing", "tsa")


def save(pki: DemoPki, directory: Path) -> None:
    """Write the certificates and (unencrypted: demo only) keys as PEM files, keys readable by the owner."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        certificate: x509.Certificate = getattr(pki, f"{name}_certificate")
        key = getattr(pki, f"{name}_key")
        (directory / f"{name}.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        key_path = directory / f"{name}-key.pem"
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        key_path.chmod(0o600)


def load(directory: Path) -> DemoPki | None:
    """The PKI saved in ``directory``, or None if it is not (completely) there."""
    if not all(
        (directory / f"{name}{suffix}").exists() for name in _FILES for suffix in (".pem", "-key.pem")
    ):
        return None
    parts = {}
    for name in _FILES:
        parts[f"{name}_certificate"] = x509.load_pem_x509_certificate(
            (directory / f"{name}.pem").read_bytes()
        )
        parts[f"{name}_key"] = serialization.load_pem_private_key(
            (directory / f"{name}-key.pem").read_bytes(), password=None
        )
    return DemoPki(**parts)


def load_or_create(directory: Path, *, crl_url: str) -> DemoPki:
    """The saved demo PKI, made first if there is none yet (``seed_demo`` calls this at set-up)."""
    existing = load(directory)
    if existing is not None:
        return existing
    pki = generate(crl_url=crl_url)
    save(pki, directory)
    return pki
