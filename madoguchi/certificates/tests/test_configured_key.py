"""Production signing: a key from a PKCS#12 file, timestamps from an RFC 3161 TSA over HTTP,
revocation information fetched from the certificates' CRL distribution point."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import tsp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.reader import PdfFileReader

from madoguchi.certificates import pki, signing
from madoguchi.certificates.tests.test_services import _blank

pytestmark = pytest.mark.django_db


@pytest.fixture
def tsa_url(signing_setup):
    """An RFC 3161 time-stamping service on a local port, answering with the sandbox TSA."""
    timestamper = signing_setup.timestamper

    class TsaHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = timestamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), TsaHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/tsa"
    server.shutdown()


def test_a_pkcs12_key_signs_b_lt_with_a_remote_tsa(settings, demo_pki_dir, tsa_url, tmp_path):
    demo = pki.load(demo_pki_dir / "pki")
    bundle = tmp_path / "city.p12"
    bundle.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"city",
            demo.signing_key,
            demo.signing_certificate,
            [demo.root_certificate],
            serialization.BestAvailableEncryption(b"s3cret"),
        )
    )
    roots = tmp_path / "roots.pem"
    roots.write_bytes(demo.root_certificate.public_bytes(serialization.Encoding.PEM))
    settings.MADOGUCHI_SIGNING_PKCS12 = str(bundle)
    settings.MADOGUCHI_SIGNING_PKCS12_PASSPHRASE = "s3cret"
    settings.MADOGUCHI_SIGNING_TRUST_ROOTS = str(roots)
    settings.MADOGUCHI_TSA_URL = tsa_url
    signing.signing_setup.cache_clear()

    setup = signing.signing_setup()
    assert setup.demo is None and setup.allow_fetching
    signed = signing.sign_pdf(_blank(), reason="test", location="龍ケ崎市")
    signature = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    assert signature.signer_cert.subject == signing._asn1_certificate(demo.signing_certificate).subject
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert b"/DSS" in signed and b"/CRLs" in signed


def test_a_wrong_passphrase_or_missing_tsa_refuses_to_sign(settings, demo_pki_dir, tmp_path):
    settings.MADOGUCHI_SIGNING_PKCS12 = str(tmp_path / "missing.p12")
    settings.MADOGUCHI_TSA_URL = ""
    signing.signing_setup.cache_clear()
    with pytest.raises(ImproperlyConfigured):
        signing.signing_setup()


def test_production_without_a_key_refuses_instead_of_using_the_demo_pki(settings):
    settings.IS_PRODUCTION = True
    signing.signing_setup.cache_clear()
    with pytest.raises(ImproperlyConfigured):
        signing.signing_setup()
