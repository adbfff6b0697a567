"""The Notification row is the outbox: a broker that is down when a submission commits neither
fails the request nor loses the e-mail — the sweeper delivers it later, exactly once."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from kombu.exceptions import OperationalError

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.identity import services as identity_services
from madoguchi.notifications import services as notification_services
from madoguchi.notifications.models import Notification
from madoguchi.notifications.tasks import deliver

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def resident(household, city):
    admin = staff_by_username("admin.joho")
    return identity_services.counter_account(resident_code=household, actor=admin)


def test_a_submission_made_while_the_broker_is_down_is_accepted_and_mailed_later(
    client, procedure, resident, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    review_url = fill_in(client)
    with (
        mock.patch.object(deliver, "delay", side_effect=OperationalError("Connection refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(review_url)
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/{submission.receipt_number}/done/"
    )
    notification = Notification.objects.get()
    assert notification.sent_at is None and mail.outbox == []

    # The broker is back: the sweeper sends it, and a second sweep finds nothing.
    out = io.StringIO()
    call_command("deliver_pending", stdout=out)
    assert "1 件" in out.getvalue()
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1 and submission.receipt_number in mail.outbox[0].body
    assert notification_services.sweep_outbox(in_process=True) == 0
    assert len(mail.outbox) == 1


def test_the_sweeper_leaves_recent_notifications_to_their_own_message(client, procedure, resident):
    client.force_login(resident)
    with mock.patch.object(deliver, "delay"):
        client.post(fill_in(client))
    assert Notification.objects.filter(sent_at__isnull=True).count() == 1
    with mock.patch.object(deliver, "delay") as enqueue:
        assert notification_services.sweep_outbox() == 0  # younger than two minutes
        enqueue.assert_not_called()
