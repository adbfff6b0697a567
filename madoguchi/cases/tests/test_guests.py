"""Procedures that need no sign-in (本人確認: なし): a visitor applies and follows by e-mailed link."""

from __future__ import annotations

import re

import pytest

from madoguchi.cases.models import Draft, Submission
from madoguchi.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def open_procedure(procedure):
    procedure.sign_in_level = "none"
    procedure.save()
    return procedure


def _apply_as_guest(client, capture) -> Submission:
    response = client.post("/apply/test-certificate/", {"guest": "yes"})
    assert response.status_code == 302, response.content.decode()[:500]
    step_url = client.get(response["Location"])["Location"]
    assert step_url.endswith("/step/applicant/"), "a guest has no registry record to consent to"
    response = client.post(
        step_url,
        {
            "name__last": "見田",
            "name__first": "花子",
            "name__last_kana": "ミタ",
            "name__first_kana": "ハナコ",
            "birth_date": "1990-04-01",
            "address__postal_code": "3010001",
            "address__address": "茨城県龍ケ崎市久保台",
            "address__detail": "1-2-3",
            "email": "hanako@example.jp",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], {"purpose": "bank", "copies": "1"})
    review_url = response["Location"]
    with capture(execute=True):
        response = client.post(review_url, {})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Submission.objects.get()


def test_a_visitor_applies_without_signing_in_and_follows_by_the_link_in_the_e_mail(
    client, open_procedure, django_capture_on_commit_callbacks
):
    submission = _apply_as_guest(client, django_capture_on_commit_callbacks)
    assert submission.resident_code == "" and submission.answers["name"]["last"] == "見田"
    done = client.get(f"/my/{submission.receipt_number}/done/").content.decode()
    mail = Notification.objects.get(key=f"submission-received:{submission.pk}")
    assert mail.body.startswith("見田 花子 様")
    link = re.search(r"http://localhost:8000(/status/[^\s]+/)", mail.body).group(1)
    shown = re.search(r'href="(/status/[^"]+/)"', done).group(1)
    assert client.get(shown).context["submission"] == submission

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    body = page.content.decode()
    assert submission.receipt_number in body and "受付" in body
    assert "久保台" not in body, "the link shows the status, not the answers"


def test_a_forged_or_altered_status_link_finds_nothing(
    client, open_procedure, django_capture_on_commit_callbacks
):
    submission = _apply_as_guest(client, django_capture_on_commit_callbacks)
    assert client.get(f"/status/{submission.receipt_number}/").status_code == 404
    mail = Notification.objects.get(key=f"submission-received:{submission.pk}")
    link = re.search(r"(/status/[^\s]+/)", mail.body).group(1)
    assert client.get(link[:-3] + "x/").status_code == 404


def test_an_anonymous_visitor_must_choose_to_go_on_without_signing_in(client, open_procedure):
    response = client.post("/apply/test-certificate/")
    assert response["Location"].startswith("/login/")
    assert not Draft.objects.exists()
    assert "ログインせずに申請をはじめる" in client.get("/apply/test-certificate/").content.decode()


def test_a_guest_cannot_start_a_procedure_that_needs_a_sign_in(client, open_procedure):
    from madoguchi.procedures.models import Procedure

    client.post("/apply/test-certificate/", {"guest": "yes"})
    open_procedure.sign_in_level = Procedure.SignInLevel.ACCOUNT
    open_procedure.save()
    Draft.objects.all().delete()
    response = client.post("/apply/test-certificate/")
    assert response["Location"].startswith("/login/")
    assert not Draft.objects.exists()


def test_a_guest_cannot_open_a_signed_in_residents_submission(client, open_procedure, resident):
    from madoguchi.cases.tests.conftest import fill_in

    client.force_login(resident)
    open_procedure.sign_in_level = "account"
    open_procedure.save()
    client.post(fill_in(client), {})
    theirs = Submission.objects.get()
    client.logout()
    open_procedure.sign_in_level = "none"
    open_procedure.save()
    client.post("/apply/test-certificate/", {"guest": "yes"})
    assert client.get(f"/my/{theirs.receipt_number}/").status_code == 404


def test_idle_guest_accounts_that_own_nothing_are_removed_and_the_others_kept(procedure, resident):
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from madoguchi.accounts.models import User
    from madoguchi.audit.models import AuditEvent
    from madoguchi.cases import retention, services
    from madoguchi.identity.models import ResidentIdentity
    from madoguchi.identity.services import open_guest_account

    procedure.sign_in_level = "none"
    procedure.save()
    idle, with_draft, with_case, recent = (open_guest_account() for _ in range(4))
    services.start_draft(applicant=with_draft, procedure_code="test-certificate")
    submitted = services.start_draft(applicant=with_case, procedure_code="test-certificate")
    Draft.objects.filter(pk=submitted.pk).update(
        answers={
            "name": {"last": "見田", "first": "花子", "last_kana": "ミタ", "first_kana": "ハナコ"},
            "birth_date": "1990-04-01",
            "address": {"postal_code": "3010001", "address": "茨城県龍ケ崎市久保台", "detail": "1-2-3"},
            "purpose": "bank",
            "copies": 1,
        },
        completed_steps=["applicant", "request"],
    )
    services.submit(draft_id=submitted.pk, actor=with_case)
    long_ago = timezone.now() - dt.timedelta(days=settings.MADOGUCHI_GUEST_ACCOUNT_DAYS, hours=1)
    ResidentIdentity.objects.exclude(user=recent).update(created_at=long_ago)

    assert retention.remove_idle_guest_accounts(now=timezone.now()) == 1
    assert not User.objects.filter(pk=idle.pk).exists()
    assert not ResidentIdentity.objects.filter(user_id=idle.pk).exists()
    assert set(User.objects.filter(pk__in=[with_draft.pk, with_case.pk, recent.pk, resident.pk])) == {
        with_draft,
        with_case,
        recent,
        resident,
    }
    assert AuditEvent.objects.get(action="identity.guest_accounts_removed").details == {"count": 1}


def test_a_guest_account_that_started_a_draft_meanwhile_is_kept(procedure):
    from madoguchi.cases import services
    from madoguchi.identity.services import open_guest_account, remove_guest_accounts

    guest = open_guest_account()
    procedure.sign_in_level = "none"
    procedure.save()
    services.start_draft(applicant=guest, procedure_code="test-certificate")
    assert remove_guest_accounts(user_ids=[guest.pk]) == 0
    assert Draft.objects.filter(applicant=guest).exists()


def test_only_guest_accounts_are_ever_removed(resident):
    from madoguchi.identity.services import remove_guest_accounts

    assert remove_guest_accounts(user_ids=[resident.pk]) == 0
    resident.refresh_from_db()


def test_the_daily_cleanup_costs_the_same_however_many_guests_keep_cases(procedure):
    """Guests who keep drafts or cases for years are excluded in SQL, not loaded every day."""
    import datetime as dt

    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from madoguchi.cases import retention, services
    from madoguchi.identity.models import ResidentIdentity
    from madoguchi.identity.services import open_guest_account

    procedure.sign_in_level = "none"
    procedure.save()
    long_ago = timezone.now() - dt.timedelta(days=settings.MADOGUCHI_GUEST_ACCOUNT_DAYS, hours=1)

    def cleanup_with(keepers: int) -> int:
        for _ in range(keepers):
            services.start_draft(applicant=open_guest_account(), procedure_code="test-certificate")
        open_guest_account()  # idle
        ResidentIdentity.objects.update(created_at=long_ago)
        with CaptureQueriesContext(connection) as queries:
            assert retention.remove_idle_guest_accounts(now=timezone.now()) == 1
        # The owners are excluded inside the one statement that finds the idle accounts.
        finding = next(q["sql"] for q in queries if "identity_residentidentity" in q["sql"])
        assert all(f'"{table}"' in finding for table in ("cases_draft", "cases_submission", "cases_bundle"))
        return len(queries)

    assert cleanup_with(1) == cleanup_with(6)
    assert ResidentIdentity.objects.count() == 7


def test_telling_a_guest_needs_no_query(resident, clerk, django_assert_num_queries):
    from madoguchi.identity.selectors import is_guest
    from madoguchi.identity.services import open_guest_account

    guest = open_guest_account()
    with django_assert_num_queries(0):
        assert is_guest(guest)
        assert not is_guest(resident)
        assert not is_guest(clerk)


def test_the_migration_names_existing_guests_as_guests(resident):
    """Accounts opened before guests had their own usernames are renamed by identity 0002."""
    import importlib

    from django.apps import apps

    from madoguchi.accounts.models import User
    from madoguchi.identity.selectors import is_guest
    from madoguchi.identity.services import open_guest_account

    migration = importlib.import_module("madoguchi.identity.migrations.0002_guest_usernames")
    old_style = open_guest_account()
    User.objects.filter(pk=old_style.pk).update(username="r-" + old_style.username.removeprefix("guest-"))
    migration.rename_guests(apps, None)
    assert is_guest(User.objects.get(pk=old_style.pk))
    assert not is_guest(User.objects.get(pk=resident.pk))
    migration.name_guests_as_residents(apps, None)
    assert User.objects.get(pk=old_style.pk).username.startswith("r-")
