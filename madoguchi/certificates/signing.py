"""Signing a certificate's PDF: PAdES B-LT with pyHanko (署名・タイムスタンプ・失効情報の埋め込み).

PAdES B-LT means: a PAdES signature (ETSI.CAdES.detached), a trusted timestamp on it (B-T), and
the certificates and revocation information needed to validate it embedded in the document's
Document Security Store (B-LT), so it can be checked years later without asking anybody.

Where the key comes from is configuration (``docs/operations.md``):

* ``MADOGUCHI_SIGNING_PKCS12`` (+ ``MADOGUCHI_SIGNING_PKCS12_PASSPHRASE``): a PKCS#12 file;
* ``MADOGUCHI_SIGNING_PKCS11_MODULE`` (+ token label, key label, PIN): a hardware token or HSM;
* neither, outside production: the demo's own PKI (``pki.py``), made on first use under
  ``var/pki/``, with an in-process sandbox TSA (``SandboxTimeStamper``) and the demo
  root's CRL as the revocation information.

Production timestamps come from ``MADOGUCHI_TSA_URL`` (RFC 3161), and revocation information is
fetched from the distribution points named in the certificates.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from asn1crypto import cms, core
from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, general, signers, timestamps
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from madoguchi.certificates import pki

SIGNATURE_FIELD = "Signature1"


class _OfflineRevocationNotice(logging.Filter):
    """Drop pyHanko's warning that fetching is off: the demo embeds its own CRL on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "fetching is not allowed" not in record.getMessage()


logging.getLogger("pyhanko.sign.signers.pdf_signer").addFilter(_OfflineRevocationNotice())


@dataclass
class SigningSetup:
    """Everything a signature needs, built once per process."""

    signer: signers.Signer
    timestamper: timestamps.TimeStamper
    trust_roots: list[asn1_x509.Certificate]
    allow_fetching: bool
    demo: pki.DemoPki | None = None

    def validation_context(self) -> ValidationContext:
        """A fresh context per signature: revocation info is collected into it while signing."""
        # The demo root's CRL is made fresh for each signature, so it is never past its next update.
        crls = [asn1_crl.CertificateList.load(self.demo.crl_der())] if self.demo else []
        return ValidationContext(
            trust_roots=self.trust_roots,
            crls=crls,
            allow_fetching=self.allow_fetching,
            revocation_mode="require" if self.demo else "hard-fail",
        )

    @property
    def trust_root_pem(self) -> bytes:
        return b"".join(_pem(certificate) for certificate in self.trust_roots)


class SandboxTimeStamper(DummyTimeStamper):
    """The demo's in-process TSA: pyHanko's test timestamper, with its RSA key parsed once.

    pyHanko's ``DummyTimeStamper`` re-reads its key for every token, and reading an RSA key
    (with its consistency checks) costs more than the rest of the timestamp; the signed
    attributes and the RSA PKCS#1 v1.5 signature are the same as pyHanko's.
    """

    def __init__(
        self, *, tsa_certificate: asn1_x509.Certificate, tsa_key: rsa.RSAPrivateKey, certs_to_embed
    ) -> None:
        super().__init__(tsa_cert=tsa_certificate, tsa_key=_asn1_key(tsa_key), certs_to_embed=certs_to_embed)
        self._rsa_key = tsa_key

    def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt) -> tuple[bytes, cms.CMSAttributes]:
        digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                simple_cms_attribute("signing_certificate", general.as_signing_certificate(self.tsa_cert)),
                simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        signature = self._rsa_key.sign(
            signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper())
        )
        return signature, signed_attrs


def _pem(certificate: asn1_x509.Certificate) -> bytes:
    return x509.load_der_x509_certificate(certificate.dump()).public_bytes(serialization.Encoding.PEM)


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _asn1_key(key) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def _load_trust_roots(path: str) -> list[asn1_x509.Certificate]:
    data = Path(path).read_bytes()
    return [_asn1_certificate(certificate) for certificate in x509.load_pem_x509_certificates(data)]


def demo_pki_directory() -> Path:
    return Path(settings.VAR_DIR) / "pki"


def crl_url() -> str:
    return f"{public_base_url()}/certificates/crl.der"


def public_base_url() -> str:
    """The public site's address, printed in certificates and their QR codes (no request at hand)."""
    return settings.MADOGUCHI_BASE_URL or settings.MADOGUCHI_DEMO_BASE_URL


def _demo_setup() -> SigningSetup:
    demo = pki.load_or_create(demo_pki_directory(), crl_url=crl_url())
    root = _asn1_certificate(demo.root_certificate)
    signing = _asn1_certificate(demo.signing_certificate)
    tsa = _asn1_certificate(demo.tsa_certificate)
    return SigningSetup(
        signer=signers.SimpleSigner(
            signing_cert=signing,
            signing_key=_asn1_key(demo.signing_key),
            cert_registry=SimpleCertificateStore.from_certs([signing, root]),
        ),
        timestamper=SandboxTimeStamper(tsa_certificate=tsa, tsa_key=demo.tsa_key, certs_to_embed=[tsa, root]),
        trust_roots=[root],
        allow_fetching=False,
        demo=demo,
    )


def _production_signer() -> signers.Signer:
    if settings.MADOGUCHI_SIGNING_PKCS12:
        passphrase = settings.MADOGUCHI_SIGNING_PKCS12_PASSPHRASE.encode() or None
        signer = signers.SimpleSigner.load_pkcs12(settings.MADOGUCHI_SIGNING_PKCS12, passphrase=passphrase)
        if signer is None:
            raise ImproperlyConfigured(
                "MADOGUCHI_SIGNING_PKCS12 could not be read (wrong file or passphrase)"
            )
        return signer
    # PKCS#11 needs python-pkcs11 (pip install 'pyhanko[pkcs11]'); only a city with a token installs it.
    from pyhanko.sign import pkcs11

    session = pkcs11.open_pkcs11_session(
        settings.MADOGUCHI_SIGNING_PKCS11_MODULE,
        token_label=settings.MADOGUCHI_SIGNING_PKCS11_TOKEN,
        user_pin=settings.MADOGUCHI_SIGNING_PKCS11_PIN,
    )
    return pkcs11.PKCS11Signer(session, key_label=settings.MADOGUCHI_SIGNING_PKCS11_KEY_LABEL)


def _configured_setup() -> SigningSetup:
    if not settings.MADOGUCHI_TSA_URL or not settings.MADOGUCHI_SIGNING_TRUST_ROOTS:
        raise ImproperlyConfigured(
            "Signing with a configured key needs MADOGUCHI_TSA_URL and MADOGUCHI_SIGNING_TRUST_ROOTS"
        )
    return SigningSetup(
        signer=_production_signer(),
        timestamper=timestamps.HTTPTimeStamper(settings.MADOGUCHI_TSA_URL),
        trust_roots=_load_trust_roots(settings.MADOGUCHI_SIGNING_TRUST_ROOTS),
        allow_fetching=True,
    )


@cache
def signing_setup() -> SigningSetup:
    """The configured key, or — outside production, when none is configured — the demo's PKI."""
    if settings.MADOGUCHI_SIGNING_PKCS12 or settings.MADOGUCHI_SIGNING_PKCS11_MODULE:
        return _configured_setup()
    if settings.IS_PRODUCTION:
        raise ImproperlyConfigured(
            "Set MADOGUCHI_SIGNING_PKCS12 or MADOGUCHI_SIGNING_PKCS11_MODULE to issue certificates"
        )
    return _demo_setup()


def sign_pdf(pdf: bytes, *, reason: str, location: str) -> bytes:
    """``pdf`` signed PAdES B-LT: signature, timestamp, and validation data in the DSS."""
    setup = signing_setup()
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        embed_validation_info=True,
        use_pades_lta=False,
        validation_context=setup.validation_context(),
    )
    signing = signers.async_sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        metadata,
        signer=setup.signer,
        timestamper=setup.timestamper,
    )
    return _run(signing).getvalue()


def _run(coroutine: Coroutine[Any, Any, io.BytesIO]) -> io.BytesIO:
    """Run pyHanko's coroutine to the end, also from a thread that already runs an event loop.

    pyHanko's synchronous API calls ``asyncio.run``, which refuses to start inside a running loop
    (an ASGI server, Playwright's sync API in the browser tests); a worker thread has none.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, coroutine).result()
