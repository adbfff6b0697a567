"""Retention: closed cases are anonymised after the procedure's 保存年限; unsent drafts expire."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from madoguchi.audit.models import AuditEvent
from madoguchi.cases import retention, services
from madoguchi.cases.models import Attachment, Draft, Revision, StatusChange, Submission
from madoguchi.cases.tests.conftest import fill_in

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _submitted(client, resident, clerk, *, with_file: bool = False) -> Submission:
    client.force_login(resident)
    review_url = fill_in(client)
    if with_file:
        draft = Draft.objects.get(submitted_at__isnull=True)
        outcome = services.save_step(
            draft=draft,
            step_key="request",
            data={"purpose": "bank", "copies": "2"},
            files={"attachment": SimpleUploadedFile("委任状.png", PNG, content_type="image/png")},
            actor=resident,
        )
        assert not outcome.errors
    client.post(review_url)
    submission = Submission.objects.latest("pk")
    services.post_message(submission=submission, body="住所の件で確認です", actor=clerk, from_staff=True)
    return submission


def _close(submission: Submission, clerk, at: dt.datetime) -> None:
    services.change_status(submission=submission, to_status="completed", actor=clerk)
    StatusChange.objects.filter(submission=submission, to_status="completed").update(at=at)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_closed_case_is_anonymised_only_after_its_retention_years(
    client, procedure, resident, clerk, django_capture_on_commit_callbacks
):
    procedure.retention_years = 3
    procedure.save()
    submission = _submitted(client, resident, clerk, with_file=True)
    attachment = Attachment.objects.get()
    stored = attachment.file.name
    assert default_storage.exists(stored)
    closed = dt.datetime(2026, 3, 31, 15, 0, tzinfo=dt.UTC)
    _close(submission, clerk, closed)
    events_before = AuditEvent.objects.count()

    # The day before the three years are up, nothing happens.
    assert retention.apply_retention(now=dt.datetime(2029, 3, 31, 14, 59, tzinfo=dt.UTC)).anonymised == []
    submission.refresh_from_db()
    assert submission.answers and submission.anonymised_at is None

    with django_capture_on_commit_callbacks(execute=True):
        result = retention.apply_retention(now=dt.datetime(2029, 3, 31, 15, 0, tzinfo=dt.UTC))
    assert result.anonymised == [submission.receipt_number]
    submission.refresh_from_db()
    assert submission.answers == {} and submission.resident_code == ""
    assert submission.anonymised_at == dt.datetime(2029, 3, 31, 15, 0, tzinfo=dt.UTC)
    assert submission.status == "completed" and submission.fee == 600  # statistics stay
    assert list(Revision.objects.values_list("answers", flat=True)) == [{}]
    assert submission.messages.get().body == retention.REMOVED
    assert not Attachment.objects.exists() and not default_storage.exists(stored)
    assert submission.draft.answers == {} and submission.draft.prefilled == {}
    # The audit trail is only appended to.
    assert AuditEvent.objects.count() > events_before
    assert AuditEvent.objects.filter(
        action="cases.retention_anonymise", object_id=submission.receipt_number
    ).exists()
    # Running again changes nothing.
    assert retention.apply_retention(now=dt.datetime(2035, 1, 1, tzinfo=dt.UTC)).anonymised == []


def test_open_cases_are_kept_however_old(client, procedure, resident, clerk):
    submission = _submitted(client, resident, clerk)
    assert retention.apply_retention(now=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)).anonymised == []
    submission.refresh_from_db()
    assert submission.answers


def test_unsent_drafts_expire_after_the_configured_days(client, procedure, resident, settings):
    settings.MADOGUCHI_DRAFT_EXPIRY_DAYS = 30
    client.force_login(resident)
    fill_in(client)
    draft = Draft.objects.get()
    touched = draft.updated_at
    assert retention.expire_drafts(now=touched + dt.timedelta(days=29, hours=23)) == 0
    assert Draft.objects.exists()
    assert retention.expire_drafts(now=touched + dt.timedelta(days=30, seconds=1)) == 1
    assert not Draft.objects.exists()
    assert AuditEvent.objects.get(action="cases.drafts_expired").details == {"count": 1, "days": 30}


def test_sent_drafts_never_expire(client, procedure, resident, clerk):
    submission = _submitted(client, resident, clerk)
    assert retention.expire_drafts(now=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)) == 0
    assert Draft.objects.filter(pk=submission.draft_id).exists()


def test_the_command_reports_what_it_did(client, procedure, resident):
    client.force_login(resident)
    fill_in(client)
    out = io.StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "匿名化の対象: 0 件" in out.getvalue()
    call_command("retention", stdout=out)
    assert "期限切れの下書きの削除 0 件" in out.getvalue()
    assert Draft.objects.count() == 1
