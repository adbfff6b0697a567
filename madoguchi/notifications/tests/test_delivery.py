"""E-mail is queued once per event and never lost when the mail server fails."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail

from madoguchi.notifications.backends import OutboxBackend
from madoguchi.notifications.models import Notification, OutboxMessage
from madoguchi.notifications.services import deliver_now, notify

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_an_event_is_queued_once_however_often_its_code_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(key="submission-received:1", to="a@example.jp", subject="件名", body="本文")
        again = notify(key="submission-received:1", to="a@example.jp", subject="件名", body="本文")
    assert first.pk == again.pk and Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get().sent_at is not None


def test_nothing_is_queued_without_an_address():
    assert notify(key="x", to="", subject="件名", body="本文") is None
    assert not Notification.objects.exists()


def test_a_failing_mail_server_leaves_the_notification_to_retry():
    notification = Notification.objects.create(key="k", to="a@example.jp", subject="件名", body="本文")
    down = SMTPServerDisconnected("down")
    with (
        mock.patch("madoguchi.notifications.services.send_mail", side_effect=down),
        pytest.raises(type(down)),
    ):
        deliver_now(notification.pk)
    notification.refresh_from_db()
    assert notification.sent_at is None and notification.attempts == 1
    assert deliver_now(notification.pk) is True  # the retry sends it
    assert deliver_now(notification.pk) is False  # and a late duplicate task does not send again
    assert len(mail.outbox) == 1


def test_the_demo_backend_keeps_mail_in_the_outbox():
    message = mail.EmailMessage("【受付のお知らせ】", "本文", "from@example.jp", ["to@example.jp"])
    assert OutboxBackend().send_messages([message]) == 1
    kept = OutboxMessage.objects.get()
    assert kept.to == "to@example.jp" and kept.subject == "【受付のお知らせ】"


def test_the_outbox_page_is_for_staff_only(client, django_user_model):
    assert client.get("/staff/outbox/").status_code == 302
    client.force_login(django_user_model.objects.create(username="r", kind="resident"))
    assert client.get("/staff/outbox/").status_code == 403
