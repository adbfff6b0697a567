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
    client.post(fill_in(client))  # the form version's first submission also locks it
    review_url = fill_in(client)
    # In a transaction: the locked draft (also the ownership check), the registry record, the
    # submission, its revision and status history, the draft's submitted_at and the e-mail's
    # outbox row. The signed-in account, the procedure and the parsed form come from caches;
    # whether the applicant is a guest, from the username. SQLite adds four statements for each
    # of the two audit events.
    expected = 9 if connection.vendor == "postgresql" else 17
    with django_assert_num_queries(expected):
        response = client.post(review_url)
    assert response.status_code == 302 and Submission.objects.count() == 2
    assert len(queued) == 2  # each confirmation, queued once its submission committed
