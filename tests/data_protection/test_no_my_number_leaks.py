"""A full resident + staff journey, logged at DEBUG, never writes the planted My Number anywhere.

The resident signs in with the sandbox My Number Card, applies with prefill, receives the e-mail;
a clerk opens the case and reads the 個人番号 through the audited selector. Every log line
(including SQL), every audit event and every e-mail is then searched for the number in the forms
people write it: plain, hyphenated, spaced and full-width.
"""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.db import connection

from madoguchi.audit.models import AuditEvent
from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import HEAD_CODE, fill_in
from madoguchi.identity.tests.conftest import sign_in
from madoguchi.notifications.models import Notification
from madoguchi.registry import mynumber, selectors
from tests.data_protection.conftest import PLANTED_MY_NUMBER

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


class _Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.__dict__!r}")


@pytest.fixture
def every_log_line():
    """Capture every record at DEBUG from every logger, SQL included."""
    handler = _Everything()
    root = logging.getLogger()
    previous = root.level
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    levels = [logger.level for logger in loggers]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    connection.force_debug_cursor = True
    yield handler.lines
    connection.force_debug_cursor = False
    root.removeHandler(handler)
    root.setLevel(previous)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_a_full_journey_never_logs_mails_or_audits_the_my_number(
    client, procedure, household, clerk, every_log_line, django_capture_on_commit_callbacks
):
    # The resident signs in at the sandbox identity provider with their card.
    response = sign_in(client, HEAD_CODE, next_url="/procedures/")
    assert response.status_code == 302 and response["Location"] == "/procedures/"
    review_url = fill_in(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review_url).status_code == 302
    submission = Submission.objects.get()
    assert client.get(f"/my/{submission.receipt_number}/").status_code == 200

    # A clerk opens the case, then reads the number for the procedure, through the audited selector.
    client.force_login(clerk)
    assert client.get(f"/staff/cases/{submission.receipt_number}/").status_code == 200
    number = selectors.my_number(HEAD_CODE, actor=clerk, purpose="児童手当の認定（番号利用事務）")
    assert number == PLANTED_MY_NUMBER

    assert len(every_log_line) > 20, "the journey should have logged (SQL at least)"
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1
    events = list(AuditEvent.objects.all())
    assert any(event.action == "registry.read_my_number" for event in events)
    places = {
        "log": every_log_line,
        "audit": [f"{e.action} {e.purpose} {e.object_id} {e.details!r}" for e in events],
        "mail": [f"{m.subject} {m.body} {m.alternatives!r}" for m in mail.outbox],
        "notification": [repr(n.__dict__) for n in Notification.objects.all()],
    }
    for form in mynumber.variants(PLANTED_MY_NUMBER):
        for place, texts in places.items():
            leaks = [text for text in texts if form in text]
            assert leaks == [], f"the My Number ({form}) appeared in the {place}: {leaks[0][:300]}"
