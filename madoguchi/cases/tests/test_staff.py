"""Staff handle cases in their department's inbox: filter, take, decide, ask for corrections."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.audit.models import AuditEvent
from madoguchi.cases.models import Message, Submission
from madoguchi.cases.tests.conftest import fill_in

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def submission(client, procedure, resident) -> Submission:
    client.force_login(resident)
    client.post(fill_in(client))
    client.logout()
    return Submission.objects.get()


def test_the_department_sees_the_case_and_other_departments_do_not(client, submission, clerk):
    client.force_login(clerk)
    assert submission.receipt_number in client.get("/staff/inbox/").content.decode()
    page = client.get(f"/staff/cases/{submission.receipt_number}/")
    assert page.status_code == 200 and "龍ケ崎" in page.content.decode()
    assert AuditEvent.objects.filter(action="cases.view", actor_id=clerk.pk).exists()
    outsider = staff_by_username("ebihara.m")  # 総務部長: not 市民生活部
    client.force_login(outsider)
    assert submission.receipt_number not in client.get("/staff/inbox/").content.decode()
    assert client.get(f"/staff/cases/{submission.receipt_number}/").status_code == 404


def test_inbox_filters_by_status_and_overdue(client, submission, clerk):
    client.force_login(clerk)
    assert submission.receipt_number in client.get("/staff/inbox/?status=received").content.decode()
    assert submission.receipt_number not in client.get("/staff/inbox/?status=completed").content.decode()
    assert submission.receipt_number not in client.get("/staff/inbox/?overdue=on").content.decode()
    Submission.objects.filter(pk=submission.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    assert submission.receipt_number in client.get("/staff/inbox/?overdue=on").content.decode()


def test_a_reversed_date_range_is_explained_not_applied(client, submission, clerk):
    client.force_login(clerk)
    response = client.get("/staff/inbox/?received_from=2026-12-01&received_to=2026-11-01")
    assert "受付日の範囲が正しくありません" in response.content.decode()


# Committed (transaction=True): a scope worked out while an appointment's change is uncommitted
# is never cached, since a rollback would leave it standing for the version it was read at.
@pytest.mark.django_db(transaction=True)
def test_the_inbox_page_needs_two_queries_whatever_its_size(
    client, submission, clerk, django_assert_num_queries
):
    client.force_login(clerk)
    client.get("/staff/inbox/")
    with django_assert_num_queries(2):  # the count and the page (user, scope and session are cached)
        assert client.get("/staff/inbox/?status=received").status_code == 200


def test_csv_export_opens_in_excel(client, submission, clerk):
    client.force_login(clerk)
    response = client.get("/staff/inbox/export.csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff受付番号,手続,状態")
    assert submission.receipt_number in content
    assert AuditEvent.objects.filter(action="cases.export").exists()


def test_correction_request_amendment_and_approval(client, submission, clerk, resident):
    client.force_login(clerk)
    client.post(f"/staff/cases/{submission.receipt_number}/assign/", {"assignee": "me"})
    client.post(f"/staff/cases/{submission.receipt_number}/correction/", {"body": "通数を確認してください。"})
    submission.refresh_from_db()
    assert submission.status == "correction_requested" and submission.assigned_to == clerk
    assert Message.objects.get().body == "通数を確認してください。"

    client.force_login(resident)
    page = client.get(f"/my/{submission.receipt_number}/").content.decode()
    assert "修正をお願いしています" in page and "通数を確認してください。" in page
    response = client.post(
        f"/my/{submission.receipt_number}/amend/request/", {"purpose": "bank", "copies": "3"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "under_review" and submission.fee == 900
    assert [r.answers["copies"] for r in submission.revisions.all()] == [2, 3]

    client.force_login(clerk)
    client.post(f"/staff/cases/{submission.receipt_number}/status/", {"to_status": "completed", "reason": ""})
    submission.refresh_from_db()
    assert submission.status == "completed"
    assert [c.to_status for c in submission.status_changes.all()] == [
        "received",
        "correction_requested",
        "under_review",
        "completed",
    ]


def test_rejection_needs_a_reason_and_finished_cases_stay_finished(client, submission, clerk):
    client.force_login(clerk)
    url = f"/staff/cases/{submission.receipt_number}/status/"
    client.post(url, {"to_status": "rejected", "reason": ""})
    submission.refresh_from_db()
    assert submission.status == "received"
    client.post(url, {"to_status": "rejected", "reason": "対象外の申請です。"})
    client.post(url, {"to_status": "under_review", "reason": ""})
    submission.refresh_from_db()
    assert submission.status == "rejected"


def test_staff_notes_are_never_shown_to_the_applicant(client, submission, clerk, resident):
    client.force_login(clerk)
    client.post(f"/staff/cases/{submission.receipt_number}/note/", {"body": "内部メモ：電話で確認済み"})
    client.force_login(resident)
    assert "内部メモ" not in client.get(f"/my/{submission.receipt_number}/").content.decode()


def test_html_typed_by_a_resident_is_inert_in_the_staff_ui(client, submission, clerk, resident):
    client.force_login(resident)
    client.post(f"/my/{submission.receipt_number}/message/", {"body": "<script>alert(1)</script>"})
    client.force_login(clerk)
    page = client.get(f"/staff/cases/{submission.receipt_number}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_applicant_is_told_by_email_when_asked_to_correct_and_when_done(
    client, submission, clerk, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/cases/{submission.receipt_number}/status/", {"to_status": "under_review"})
        client.post(f"/staff/cases/{submission.receipt_number}/status/", {"to_status": "completed"})
    subjects = [message.subject for message in mail.outbox]
    assert any(subject.startswith("【完了】") for subject in subjects)
    assert not any("審査中" in subject for subject in subjects)  # not every change is mailed
    assert all(message.to == ["taro@example.jp"] for message in mail.outbox)


def test_a_new_appointment_shows_in_the_inbox_at_once_despite_the_cached_scope(client, submission, city):
    import datetime as dt

    from madoguchi.accounts.tests.factories import StaffUserFactory
    from madoguchi.organization import services as org_services
    from madoguchi.organization.selectors import department_by_code
    from madoguchi.organization.tests.factories import PositionFactory

    newcomer = StaffUserFactory()
    client.force_login(newcomer)
    assert submission.receipt_number not in client.get("/staff/inbox/").content.decode()
    org_services.appoint(
        user=newcomer,
        department=department_by_code(city, "shimin-madoguchi"),
        position=PositionFactory(code="shuji", name="主事", rank=11),
        valid_from=dt.date(2026, 4, 1),
    )
    assert submission.receipt_number in client.get("/staff/inbox/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_scope_read_during_an_appointment_that_is_rolled_back_is_never_kept(city, clerk):
    """A concurrent appointment (兼務) rolled back must not leave its department in the cache."""
    import datetime as dt

    from django.db import transaction

    from madoguchi.cases.selectors import staff_scope
    from madoguchi.organization import services as organization_services
    from madoguchi.organization.models import Position
    from madoguchi.organization.selectors import department_by_code
    from madoguchi.procedures.tests.factories import ProcedureFactory

    other = department_by_code(city, "somu-zeimu-shiminzei")
    ProcedureFactory(department=other)
    before = staff_scope(clerk).case_departments
    assert other.pk not in before

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic():
        organization_services.appoint(
            user=clerk,
            department=other,
            position=Position.objects.order_by("rank").first(),
            valid_from=dt.date(2026, 4, 1),
            is_concurrent=True,
        )
        assert other.pk in staff_scope(clerk).case_departments
        raise Abandon

    assert staff_scope(clerk).case_departments == before
