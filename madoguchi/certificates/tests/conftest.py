"""A signing set-up for tests: one demo PKI per session, its CRL served on a local port.

The CRL server stands in for the city's published distribution point, so an outside validator
(pyHanko's command line) can check revocation online exactly as a bank's software would.
"""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from madoguchi.cases.tests.conftest import HEAD_CODE, make_household
from madoguchi.certificates import pki, services, signing
from madoguchi.certificates.models import PROCEDURE_CODES
from madoguchi.identity import services as identity_services
from madoguchi.organization import services as org_services
from madoguchi.procedures import services as procedure_services


@pytest.fixture(scope="session")
def demo_pki_dir(tmp_path_factory):
    holder: dict[str, pki.DemoPki] = {}

    class CrlHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = holder["pki"].crl_der()
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-crl")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), CrlHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    var_dir = tmp_path_factory.mktemp("var")
    holder["pki"] = pki.load_or_create(
        var_dir / "pki", crl_url=f"http://127.0.0.1:{server.server_port}/certificates/crl.der"
    )
    yield var_dir
    server.shutdown()


@pytest.fixture(autouse=True)
def signing_setup(settings, demo_pki_dir, tmp_path):
    """The session's PKI signs; files go to a fresh media folder; QR codes name a public address."""
    settings.VAR_DIR = demo_pki_dir
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MADOGUCHI_BASE_URL = "https://madoguchi.example.jp"
    signing.signing_setup.cache_clear()
    yield signing.signing_setup()
    signing.signing_setup.cache_clear()


@pytest.fixture
def city(db):
    """The organisation and the four certificate procedures (300円 a copy)."""
    municipality = org_services.upsert_municipality(code="082082", name="龍ヶ崎市", prefecture="茨城県")
    department = org_services.upsert_department(
        municipality=municipality, code="shimin-madoguchi", name="市民窓口課", valid_from=dt.date(2024, 4, 1)
    )
    for kind, code in PROCEDURE_CODES.items():
        procedure_services.upsert_procedure(
            code=code,
            department=department,
            title=f"{kind.label}の交付請求",
            title_en=code,
            summary="テスト用",
            category="certificates",
            applicant_types=["self"],
            sign_in_level="mynumber_card",
            fee_rule={"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通"},
            channel="online",
            processing_days=2,
        )
    return municipality


@pytest.fixture
def resident(city):
    """龍ケ崎 太郎 (head of household) with an account, a registered seal and this year's tax records."""
    from madoguchi.accounts.services import create_staff_user

    make_household()
    services.register_seal(
        resident_code=HEAD_CODE,
        registration_number="200001",
        registered_on=dt.date(2016, 5, 1),
        engraving="龍ケ崎",
    )
    services.record_tax_assessment(
        resident_code=HEAD_CODE, fiscal_year=2026, salary_income=5_000_000, dependents=1
    )
    services.record_tax_payment(
        resident_code=HEAD_CODE, fiscal_year=2026, tax_item="市県民税", assessed=180_000, paid=180_000
    )
    clerk = create_staff_user(
        username="clerk",
        last_name="窓口",
        first_name="一郎",
        last_name_kana="マドグチ",
        first_name_kana="イチロウ",
        email="clerk@city.example",
        password_hash="!",
    )
    return identity_services.counter_account(resident_code=HEAD_CODE, actor=clerk)
