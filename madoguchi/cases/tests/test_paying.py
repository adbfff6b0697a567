"""A procedure whose fee is paid before submission: the case is received only once captured."""

from __future__ import annotations

import re

import pytest

from madoguchi.cases import services
from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.notifications.models import Notification
from madoguchi.payments import services as payment_services
from madoguchi.payments.models import Payment, SandboxFaults

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _committed(monkeypatch, django_capture_on_commit_callbacks):
    """Every test client request runs its after-commit work (webhooks, signals) before returning.

    The test's own transaction never commits, so without this the sandbox's webhook and the
    ``payment_captured`` signal would never run; a TransactionTestCase would, but re-seeding the
    organisation for each test costs seconds.
    """
    from django.test import Client

    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def pay_first(procedure):
    procedure.fee_rule = {**procedure.fee_rule, "payment": "before_submission"}
    procedure.save()
    return procedure


def _submit(client, resident) -> Submission:
    client.force_login(resident)
    response = client.post(fill_in(client))
    submission = Submission.objects.get()
    assert response["Location"] == f"/my/{submission.receipt_number}/pay/"
    return submission


def _to_provider(client, submission) -> str:
    page = client.get(f"/my/{submission.receipt_number}/pay/")
    key = re.search(r'name="key" value="([0-9a-f]+)"', page.content.decode()).group(1)
    response = client.post(f"/my/{submission.receipt_number}/pay/", {"key": key})
    assert response.status_code == 302
    return re.sub(r"^https?://[^/]+", "", response["Location"])


def _card(client, hosted: str, number: str = "4242424242424242"):
    return client.post(hosted, {"method": "card", "number": number, "expiry": "12/30", "cvc": "123"})


def test_the_case_waits_for_its_fee_and_is_received_once_captured(client, pay_first, resident, clerk):
    submission = _submit(client, resident)
    assert submission.status == "awaiting_payment" and submission.fee == 600
    assert not Notification.objects.exists()  # 受付のお知らせ only once received
    client.force_login(clerk)
    assert submission.receipt_number not in client.get("/staff/inbox/").content.decode()
    assert submission.receipt_number in client.get("/staff/inbox/?status=awaiting_payment").content.decode()
    client.force_login(resident)
    back = client.get(_card(client, _to_provider(client, submission))["Location"])
    assert back["Location"] == f"/my/{submission.receipt_number}/pay/"
    assert client.get(back["Location"])["Location"] == f"/my/{submission.receipt_number}/done/"
    submission.refresh_from_db()
    assert submission.status == "received" and submission.payment_flag == ""
    assert [c.to_status for c in submission.status_changes.all()] == ["awaiting_payment", "received"]
    assert Notification.objects.count() == 1
    client.force_login(clerk)
    assert submission.receipt_number in client.get("/staff/inbox/").content.decode()


def test_a_declined_card_leaves_the_case_waiting_and_a_new_attempt_can_pay(client, pay_first, resident):
    submission = _submit(client, resident)
    page = client.get(_card(client, _to_provider(client, submission), "4000000000000002")["Location"])
    assert "お支払いができませんでした" in client.get(page["Location"]).content.decode()
    submission.refresh_from_db()
    assert submission.status == "awaiting_payment"
    client.get(_card(client, _to_provider(client, submission))["Location"])
    submission.refresh_from_db()
    assert submission.status == "received"
    assert Payment.objects.filter(state="captured").count() == 1


def test_provider_failure_shows_a_clear_message_and_the_retry_charges_once(client, pay_first, resident):
    submission = _submit(client, resident)
    SandboxFaults.objects.update_or_create(pk=1, defaults={"fail_create": True})
    page = client.get(f"/my/{submission.receipt_number}/pay/")
    key = re.search(r'name="key" value="([0-9a-f]+)"', page.content.decode()).group(1)
    failed = client.post(f"/my/{submission.receipt_number}/pay/", {"key": key})
    assert failed.status_code == 400
    assert "二重に請求されることはありません" in failed.content.decode()
    assert f'value="{key}"' in failed.content.decode()  # the retry reuses the key
    SandboxFaults.objects.update(fail_create=False)
    retried = client.post(f"/my/{submission.receipt_number}/pay/", {"key": key})
    assert retried.status_code == 302
    assert Payment.objects.count() == 1


def test_an_amount_other_than_the_fee_flags_the_case_which_cannot_be_completed(
    client, pay_first, resident, clerk, django_capture_on_commit_callbacks
):
    submission = _submit(client, resident)
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.record_counter_payment(
            payer=resident,
            amount=300,
            method="cash",
            description="テスト",
            reference=submission.receipt_number,
            purpose=f"case:{submission.receipt_number}",
            actor=clerk,
            idempotency_key="short",
        )
    submission.refresh_from_db()
    assert submission.status == "received"
    assert "300円" in submission.payment_flag and "600円" in submission.payment_flag
    with pytest.raises(services.ApplicationError, match="完了にできません"):
        services.change_status(submission=submission, to_status="completed", actor=clerk)


def test_staff_cannot_mark_a_waiting_case_received_by_hand(client, pay_first, resident, clerk):
    submission = _submit(client, resident)
    with pytest.raises(services.ApplicationError):
        services.change_status(submission=submission, to_status="received", actor=clerk)


def test_staff_record_a_counter_payment_against_the_case(client, pay_first, resident, clerk):
    submission = _submit(client, resident)
    client.force_login(clerk)
    response = client.post(
        f"/staff/cases/{submission.receipt_number}/payment/", {"amount": "600", "method": "card", "key": "k1"}
    )
    assert response.status_code == 302
    again = client.post(
        f"/staff/cases/{submission.receipt_number}/payment/", {"amount": "600", "method": "card", "key": "k1"}
    )
    assert again.status_code == 302
    payment = Payment.objects.get()
    assert (payment.channel, payment.method, payment.state) == ("counter", "card", "captured")
    submission.refresh_from_db()
    assert submission.status == "received"
    page = client.get(f"/staff/cases/{submission.receipt_number}/").content.decode()
    assert "窓口" in page and f"/staff/payments/{payment.pk}/" in page


def test_a_procedure_paid_after_approval_is_received_at_once(client, procedure, resident):
    client.force_login(resident)
    response = client.post(fill_in(client))
    submission = Submission.objects.get()
    assert submission.status == "received"
    assert response["Location"] == f"/my/{submission.receipt_number}/done/"


def test_a_paid_case_left_waiting_by_a_failed_receiver_is_received_on_the_residents_visit(
    client, pay_first, resident, monkeypatch
):
    submission = _submit(client, resident)
    monkeypatch.setattr(services, "receive_payment", _failing := _Failing(services.receive_payment))
    client.get(_card(client, _to_provider(client, submission))["Location"])  # the receiver fails
    submission.refresh_from_db()
    assert submission.status == "awaiting_payment" and _failing.calls == 1
    monkeypatch.setattr(services, "receive_payment", _failing.original)
    assert client.get(f"/my/{submission.receipt_number}/pay/")["Location"].endswith("/done/")
    submission.refresh_from_db()
    assert submission.status == "received"


class _Failing:
    def __init__(self, original):
        self.original = original
        self.calls = 0

    def __call__(self, **kwargs):
        self.calls += 1
        raise RuntimeError("receiver down")


def test_payments_started_before_departments_existed_get_their_applications_department(
    client, pay_first, resident
):
    """The data migration payments/0003: a fee for an application belongs to its department."""
    import importlib

    from django.apps import apps

    submission = _submit(client, resident)
    _to_provider(client, submission)
    orphan = Payment.objects.get()
    Payment.objects.filter(pk=orphan.pk).update(department=None)
    other = payment_services.start_payment(
        payer=resident,
        amount=100,
        description="ほかの手数料",
        reference="X-1",
        purpose="library:late-fee",
        return_url="/my/",
        idempotency_key="other-purpose",
    )
    migration = importlib.import_module("madoguchi.payments.migrations.0003_backfill_payment_department")
    migration.backfill(apps, None)
    orphan.refresh_from_db()
    other.refresh_from_db()
    assert orphan.department_id == submission.department_id is not None
    assert other.department_id is None
