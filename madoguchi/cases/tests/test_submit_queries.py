"""The submit request's round trips are counted, so a change that adds one is a decision, not drift.

``bench/submissions`` measures the time; this pins what the time is mostly made of. On PostgreSQL
the audit trail writes through its own connection (see audit/services.py), which is not counted
here; on SQLite its events join the request's transaction and are.
"""

from __future__ import annotations

import pytest
from django.db import connection

from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import fill_in

# Committed for real (transaction=True): a procedure saved in a transaction still open is never
# kept in the process's catalogue copy, so only committed data shows the count production sees.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sqlite_subset]


def test_submitting_takes_a_fixed_number_of_queries(
    client, procedure, resident, django_assert_num_queries, monkeypatch
):
    from madoguchi.notifications import tasks

    queued: list[int] = []
    # A worker sends the e-mail; the embedded default would send it inside the request's count.
    monkeypatch.setattr(tasks.deliver, "delay", queued.append)
    client.force_login(resident)
    review_url = fill_in(client)
    # In a transaction: the locked draft (also the ownership check), the registry record, the
    # submission, its revision and status history, the draft's submitted_at, the form version's
    # lock (first submission only) and the e-mail's outbox row. The signed-in account and the
    # procedure come from caches; whether the applicant is a guest, from the username. SQLite
    # adds four statements for each of the two audit events.
    expected = 10 if connection.vendor == "postgresql" else 18
    with django_assert_num_queries(expected):
        response = client.post(review_url)
    assert response.status_code == 302 and Submission.objects.count() == 1
    assert len(queued) == 1  # the confirmation, queued once the submission committed
