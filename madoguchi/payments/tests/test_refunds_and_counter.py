"""Refunds (full, partial, refused), counter payments, the 領収書 and the reconciliation CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from madoguchi.audit.models import AuditEvent
from madoguchi.payments import services
from madoguchi.payments.models import Payment, SandboxPayment, SandboxRefund
from madoguchi.payments.signals import payment_captured
from madoguchi.payments.tests.conftest import pay_by_card, start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def captured(client, resident) -> Payment:
    payment = start(resident, amount=900)
    client.get(pay_by_card(client, payment)["Location"])
    payment.refresh_from_db()
    assert payment.state == "captured"
    return payment


def _refund(payment, amount, key="r1", reason="二重申請のため", actor=None):
    return services.refund(payment=payment, amount=amount, reason=reason, actor=actor, idempotency_key=key)


def test_partial_then_full_refund(captured, staff):
    _refund(captured, 300, key="r1", actor=staff)
    captured.refresh_from_db()
    assert (captured.state, captured.refunded_amount) == ("partially_refunded", 300)
    _refund(captured, 600, key="r2", actor=staff)
    captured.refresh_from_db()
    assert (captured.state, captured.refunded_amount) == ("refunded", 900)
    assert SandboxPayment.objects.get(pk=captured.provider_payment_id).refunded_amount == 900
    event = AuditEvent.objects.filter(action="payments.refund").order_by("seq").last()
    assert event.details["reason"] == "二重申請のため" and event.details["refund_amount"] == 600


def test_a_refund_above_what_was_captured_is_refused_with_a_clear_message(captured, staff):
    with pytest.raises(services.PaymentError, match="還付額 901円 は還付できる額 900円 を超えています"):
        _refund(captured, 901, actor=staff)
    captured.refresh_from_db()
    assert (captured.state, captured.refunded_amount) == ("captured", 0)
    assert not SandboxRefund.objects.exists()


def test_a_retried_refund_refunds_once(captured, staff):
    first = _refund(captured, 300, key="same", actor=staff)
    assert _refund(captured, 300, key="same", actor=staff).pk == first.pk
    captured.refresh_from_db()
    assert captured.refunded_amount == 300
    assert SandboxRefund.objects.count() == 1
    with pytest.raises(services.IdempotencyConflict):
        _refund(captured, 200, key="same", actor=staff)


def test_an_unpaid_payment_cannot_be_refunded(resident, staff):
    payment = start(resident)
    with pytest.raises(services.PaymentError, match="支払済みでない"):
        _refund(payment, 100, actor=staff)


def test_a_refund_needs_a_reason(captured, staff):
    with pytest.raises(services.PaymentError, match="理由"):
        _refund(captured, 100, reason="  ", actor=staff)


def test_staff_refund_page_refunds_and_shows_a_refusal(client, captured, staff):
    client.force_login(staff)
    url = f"/staff/payments/{captured.pk}/"
    refused = client.post(url, {"amount": "5000", "reason": "誤り", "key": "k1"})
    assert "還付できる額 900円 を超えています" in refused.content.decode()
    done = client.post(url, {"amount": "900", "reason": "誤り", "key": "k2"}, follow=True)
    assert "還付しました" in done.content.decode()
    captured.refresh_from_db()
    assert captured.state == "refunded"


def test_a_staff_look_at_a_payment_is_audited_under_the_application(client, captured, staff, resident):
    client.force_login(staff)
    for url in (f"/staff/payments/{captured.pk}/", f"/payments/{captured.pk}/receipt.pdf"):
        assert client.get(url).status_code == 200
    looks = AuditEvent.objects.filter(action="payments.view").order_by("seq")
    assert [(e.object_type, e.object_id, e.actor_id) for e in looks] == [
        ("cases.submission", "R20260401-0000001", staff.pk)
    ] * 2
    assert [e.purpose for e in looks] == ["支払・還付の確認", "領収書の発行"]
    client.force_login(resident)
    client.get(f"/payments/{captured.pk}/receipt.pdf")
    assert looks.count() == 2  # the payer's own look is not a staff look


def test_residents_cannot_open_staff_payment_pages(client, captured, resident):
    client.force_login(resident)
    assert client.get(f"/staff/payments/{captured.pk}/").status_code == 403


def test_counter_payment_is_captured_at_once_announced_and_has_a_receipt(client, resident, staff):
    seen = []
    payment_captured.connect(receiver := lambda sender, payment, purpose, **kw: seen.append(purpose))
    try:
        payment = services.record_counter_payment(
            payer=resident,
            amount=300,
            method="cash",
            description="住民票の写し",
            reference="R20260401-0000009",
            purpose="case:R20260401-0000009",
            actor=staff,
            idempotency_key="counter-1",
        )
    finally:
        payment_captured.disconnect(receiver)
    assert (payment.state, payment.channel, payment.recorded_by) == ("captured", "counter", staff)
    assert seen == ["case:R20260401-0000009"]
    client.force_login(resident)
    response = client.get(f"/payments/{payment.pk}/receipt.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "領収書" in text and "300円" in text


def test_counter_cash_refund_needs_no_provider(resident, staff):
    payment = services.record_counter_payment(
        payer=resident,
        amount=300,
        method="card",
        description="d",
        reference="r",
        purpose="p",
        actor=staff,
        idempotency_key="c2",
    )
    _refund(payment, 300, actor=staff)
    payment.refresh_from_db()
    assert payment.state == "refunded"


def test_counter_payment_with_an_unknown_method_is_refused(resident, staff):
    with pytest.raises(services.PaymentError, match="支払方法"):
        services.record_counter_payment(
            payer=resident,
            amount=300,
            method="bitcoin",
            description="d",
            reference="r",
            purpose="p",
            actor=staff,
            idempotency_key="c3",
        )
    assert not Payment.objects.exists()


def test_another_residents_receipt_is_not_found(client, captured, staff):
    from madoguchi.accounts.services import create_resident_user

    other = create_resident_user(username="other", last_name="他", first_name="人")
    client.force_login(other)
    assert client.get(f"/payments/{captured.pk}/receipt.pdf").status_code == 404


def test_reconciliation_csv_lists_payments_refunds_and_mismatches(client, captured, resident, staff, faults):
    _refund(captured, 100, actor=staff)
    faults.lose_webhooks = True
    faults.save()
    unsettled = start(resident, amount=300, key="unsettled")
    pay_by_card(client, unsettled)  # captured at the provider, not yet here
    client.force_login(staff)
    response = client.get(f"/staff/payments/reconciliation.csv?day={timezone.localdate():%Y-%m-%d}")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff種別,日時,参照番号")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))[1:]
    kinds = [(row[0], row[7], row[10]) for row in rows]
    assert ("納付", "900", str(captured.pk)) in kinds
    assert ("還付", "100", str(captured.pk)) in kinds
    mismatch = [row for row in rows if row[0] == "不一致"]
    assert len(mismatch) == 1 and mismatch[0][10] == str(unsettled.pk)
    assert "created" in mismatch[0][11] and "captured" in mismatch[0][11]


# --- Who among staff reaches a payment ----------------------------------------------------------


@pytest.fixture
def two_departments(db):
    """A 課 where the fee is paid, an officer posted there, and an officer of another 課."""
    from madoguchi.organization.tests.factories import DepartmentFactory, MembershipFactory

    paid_to = DepartmentFactory(level="ka")
    elsewhere = DepartmentFactory(municipality=paid_to.municipality, level="ka")
    start = dt.date(2020, 4, 1)
    own = MembershipFactory(department=paid_to, valid_from=start).user
    other = MembershipFactory(department=elsewhere, valid_from=start).user
    return paid_to, own, other


def _counter_payment(resident, staff, department, key: str = "scoped") -> Payment:
    return services.record_counter_payment(
        payer=resident,
        amount=300,
        method="cash",
        description="住民票の写し",
        reference="R20260401-0000010",
        purpose="case:R20260401-0000010",
        actor=staff,
        idempotency_key=key,
        department=department,
    )


def test_staff_see_the_payments_of_their_department_only(client, resident, staff, two_departments):
    paid_to, own, other = two_departments
    payment = _counter_payment(resident, staff, paid_to)
    client.force_login(own)
    assert client.get(f"/staff/payments/{payment.pk}/").status_code == 200
    assert str(payment.pk) in client.get("/staff/payments/").content.decode()
    client.force_login(other)
    assert client.get(f"/staff/payments/{payment.pk}/").status_code == 404
    assert str(payment.pk) not in client.get("/staff/payments/").content.decode()


def test_a_receipt_is_refused_to_staff_of_another_department(client, resident, staff, two_departments):
    paid_to, own, other = two_departments
    payment = _counter_payment(resident, staff, paid_to)
    client.force_login(other)
    assert client.get(f"/payments/{payment.pk}/receipt.pdf").status_code == 404
    client.force_login(own)
    assert client.get(f"/payments/{payment.pk}/receipt.pdf")["Content-Type"] == "application/pdf"


def test_a_staff_member_without_a_post_or_role_is_refused_the_payment_pages(client, captured):
    from madoguchi.accounts.services import create_staff_user

    client.force_login(create_staff_user(username="nopost", last_name="無", first_name="所属"))
    assert client.get("/staff/payments/").status_code == 403
    assert client.get(f"/staff/payments/{captured.pk}/").status_code == 403
    assert client.get("/staff/payments/reconciliation.csv").status_code == 403


def test_the_reconciliation_csv_holds_only_the_departments_within_reach(
    client, resident, staff, two_departments
):
    paid_to, own, other = two_departments
    payment = _counter_payment(resident, staff, paid_to)
    day = f"{timezone.localdate():%Y-%m-%d}"
    client.force_login(other)
    assert str(payment.pk) not in client.get(f"/staff/payments/reconciliation.csv?day={day}").content.decode()
    client.force_login(own)
    assert str(payment.pk) in client.get(f"/staff/payments/reconciliation.csv?day={day}").content.decode()
