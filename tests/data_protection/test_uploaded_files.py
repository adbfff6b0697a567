"""Uploaded files live outside the web root and are served only through authorised views."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.cases import services
from madoguchi.cases.models import Attachment, Draft, Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.identity import services as identity_services
from madoguchi.registry.services import Member, register_household

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

BORN = dt.date(1990, 1, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def resident(household, city):
    return identity_services.counter_account(resident_code=household, actor=staff_by_username("admin.joho"))


@pytest.fixture
def neighbour(city):
    register_household(
        household_code="0820820077",
        postal_code="3010002",
        address="茨城県龍ケ崎市佐貫町7番地",
        town="佐貫町",
        members=[
            Member(
                "08208200077",
                "佐貫",
                "三郎",
                "サヌキ",
                "サブロウ",
                "1990-01-01",
                "male",
                "世帯主",
                "1990-01-01",
            )
        ],
    )
    return identity_services.counter_account(
        resident_code="08208200077", actor=staff_by_username("admin.joho")
    )


def _submit_with_file(client, user) -> tuple[Submission, Attachment]:
    client.force_login(user)
    review_url = fill_in(client)
    draft = Draft.objects.get(applicant=user, submitted_at__isnull=True)
    outcome = services.save_step(
        draft=draft,
        step_key="request",
        data={"purpose": "bank", "copies": "2"},
        files={"attachment": SimpleUploadedFile("委任状.png", PNG, content_type="image/png")},
        actor=user,
    )
    assert not outcome.errors
    client.post(review_url)
    submission = Submission.objects.get(applicant=user)
    return submission, Attachment.objects.get(draft=submission.draft)


def test_media_root_is_outside_every_directory_served_as_static():
    media = settings.MEDIA_ROOT.resolve()
    for served in [*settings.STATICFILES_DIRS, settings.PACKAGE_DIR / "static"]:
        assert not media.is_relative_to(served.resolve())


def test_files_are_not_reachable_by_their_media_url(client, procedure, resident):
    submission, attachment = _submit_with_file(client, resident)
    assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes() == PNG
    for path in (
        f"{settings.MEDIA_URL}{attachment.file.name}",
        f"/static/../media/{attachment.file.name}",
        f"/{attachment.file.name}",
    ):
        assert client.get(path).status_code == 404, path
    # The owner gets it through the authorised view, as a download.
    url = f"/my/{submission.receipt_number}/attachments/{attachment.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"].startswith("attachment")


def test_guessing_another_residents_attachment_fails(client, procedure, resident, neighbour):
    submission, attachment = _submit_with_file(client, resident)
    neighbours, _ = _submit_with_file(client, neighbour)
    client.force_login(neighbour)
    # Their receipt number with the victim's file, and the victim's receipt number: both refused.
    assert client.get(f"/my/{neighbours.receipt_number}/attachments/{attachment.pk}/").status_code == 404
    assert client.get(f"/my/{submission.receipt_number}/attachments/{attachment.pk}/").status_code == 404
    client.logout()
    response = client.get(f"/my/{submission.receipt_number}/attachments/{attachment.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]
