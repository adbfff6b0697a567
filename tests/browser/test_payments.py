"""Paying a fee in Chromium: card success and decline, a QR payment completed by webhook, a staff
refund — every page checked with axe."""

from __future__ import annotations

import pytest

from madoguchi.cases import services as case_services
from madoguchi.payments.models import Payment
from madoguchi.procedures.models import Procedure
from tests.browser.conftest import axe_violations
from tests.browser.pages import build_site
from tests.browser.test_accessibility import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def waiting_case(site):
    """A submission of a procedure whose fee is paid before it is received."""
    procedure = Procedure.objects.get(code="test-certificate")
    procedure.fee_rule = {**procedure.fee_rule, "payment": "before_submission"}
    procedure.save()
    submission = case_services.submit(draft_id=site.complete_draft.pk, actor=site.resident)
    assert submission.status == "awaiting_payment"
    return submission


def _accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def _open_pay_page(page, base, site, submission) -> None:
    sign_in_as(page, base, site.resident)
    page.goto(f"{base}/my/{submission.receipt_number}/")
    _accessible(page)
    page.click("text=手数料を支払う")
    page.wait_for_url(f"**/my/{submission.receipt_number}/pay/")
    _accessible(page)
    page.click("#pay-button")
    page.wait_for_url("**/sandbox-pay/pay/**")
    _accessible(page)


def _card(page, number: str) -> None:
    page.fill("#id_number", number)
    page.fill("#id_expiry", "12/30")
    page.fill("#id_cvc", "123")
    page.click("text=カードで支払う")


def test_pay_by_card_and_the_case_is_received(page, live_server, site, waiting_case):
    _open_pay_page(page, live_server.url, site, waiting_case)
    _card(page, "4242 4242 4242 4242")
    page.wait_for_url(f"**/my/{waiting_case.receipt_number}/done/")
    _accessible(page)
    assert "申請を受け付けました" in page.content()
    waiting_case.refresh_from_db()
    assert waiting_case.status == "received"


def test_a_declined_card_says_so_and_the_case_keeps_waiting(page, live_server, site, waiting_case):
    _open_pay_page(page, live_server.url, site, waiting_case)
    _card(page, "4000 0000 0000 0002")
    page.wait_for_url(f"**/my/{waiting_case.receipt_number}/pay/")
    _accessible(page)
    assert "お支払いができませんでした" in page.content()
    waiting_case.refresh_from_db()
    assert waiting_case.status == "awaiting_payment"


def test_a_qr_payment_completes_by_webhook(browser, page, live_server, site, waiting_case):
    _open_pay_page(page, live_server.url, site, waiting_case)
    page.click("text=QRコード決済")
    page.wait_for_url("**/qr/")
    _accessible(page)
    wallet_url = page.locator("main a[href*='/sandbox-pay/wallet/']").get_attribute("href")
    phone = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        wallet = phone.new_page()
        wallet.goto(wallet_url)
        _accessible(wallet)
        wallet.click("text=支払を承認する")
        wallet.wait_for_selector("text=支払を承認しました。")
    finally:
        phone.close()
    # The wallet told the gateway; the gateway's webhook told us — before the resident came back.
    payment = Payment.objects.get(purpose=f"case:{waiting_case.receipt_number}")
    assert (payment.state, payment.method) == ("captured", "qr")
    page.click("text=支払を済ませたらサービスに戻る")
    page.wait_for_url(f"**/my/{waiting_case.receipt_number}/done/")
    _accessible(page)


def test_staff_refund_part_then_refused_above_what_is_left(page, live_server, site):
    base = live_server.url
    sign_in_as(page, base, site.clerk)
    page.goto(f"{base}/staff/payments/")
    _accessible(page)
    page.goto(f"{base}/staff/payments/{site.counter_payment.pk}/")
    page.fill("#id_amount", "200")
    page.fill("#id_reason", "通数の誤り")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=還付しました。")
    _accessible(page)
    page.fill("#id_amount", "500")
    page.fill("#id_reason", "二重納付")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".md-error-summary")
    _accessible(page)
    assert "還付額 500円 は還付できる額 400円 を超えています" in page.content()
    payment = Payment.objects.get(pk=site.counter_payment.pk)
    assert (payment.state, payment.refunded_amount) == ("partially_refunded", 200)
