"""住民票の写し at 2 a.m.: request, pay by card, download the signed PDF, and a bank verifies it."""

from __future__ import annotations

import hashlib

import pytest

from madoguchi.certificates.models import Certificate, CertificateRequest
from tests.browser.conftest import axe_violations
from tests.browser.pages import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    return build_site()


def _accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def _sign_in_with_the_card(page, base: str) -> None:
    page.wait_for_url("**/login/**")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/sandbox-idp/authorize**")
    page.check("input[name=persona][value='08208200001']")
    page.fill("#id_pin", "1234")
    page.click("main form button[type=submit]:not([name=cancel])")


def test_request_pay_download_and_verify_a_certificate(browser, live_server, site, tmp_path):
    base = live_server.url
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 1024, "height": 800}, accept_downloads=True
    )
    page = context.new_page()
    try:
        page.goto(f"{base}/my/certificates/request/")
        _sign_in_with_the_card(page, base)
        page.wait_for_url(f"{base}/my/certificates/request/")
        _accessible(page)
        page.check("input[name=kind][value=juminhyo]")
        page.fill("#id_copies", "1")
        page.fill("#id_purpose", "金融機関への提出")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/my/certificates/*/")
        _accessible(page)
        assert "お支払いをお待ちしています" in page.content()

        page.click("#pay-button")
        page.wait_for_url("**/sandbox-pay/pay/**")
        _accessible(page)
        page.fill("[name=number]", "4242424242424242")
        page.fill("[name=expiry]", "12/30")
        page.fill("[name=cvc]", "123")
        page.click("text=カードで支払う")
        page.wait_for_url("**/my/certificates/*/")
        _accessible(page)
        assert "証明書のダウンロード" in page.content()

        with page.expect_download() as download_info:
            page.click("text=1通目（PDF）")
        saved = tmp_path / "certificate.pdf"
        download_info.value.save_as(saved)
    finally:
        context.close()

    request = CertificateRequest.objects.exclude(payment_reference="site").get()
    assert request.status == CertificateRequest.Status.ISSUED
    certificate = Certificate.objects.get(request=request)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == certificate.sha256

    # The bank, signed in as nobody, types the code printed on the certificate.
    bank = browser.new_context(locale="ja-JP")
    page = bank.new_page()
    try:
        page.goto(f"{base}/certificates/verify/")
        _accessible(page)
        page.fill("#id_code", certificate.formatted_code.lower())
        page.click("button:has-text('検証する')")
        page.wait_for_url("**/certificates/verify/?code=*")
        _accessible(page)
        assert "龍ケ崎市が発行した本物です" in page.content()
        assert certificate.sha256 in page.content()
        page.set_input_files("#id_pdf", str(saved))
        page.click("button:has-text('照合する')")
        page.wait_for_url("**/certificates/v/**")
        assert "お手元のPDFは発行したものと同じです" in page.content()
        _accessible(page)
    finally:
        bank.close()
