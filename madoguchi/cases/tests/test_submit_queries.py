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

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_submitting_takes_a_fixed_number_of_queries(client, procedure, resident, django_assert_num_queries):
    client.force_login(resident)
    review_url = fill_in(client)
    # The user and the draft; then, in a transaction (a savepoint and its release here): the
    # locked draft, the procedure, the registry record, the submission, its revision and status
    # history, the draft's submitted_at, the form version's lock (first submission only), whether
    # the applicant is a guest (for the e-mail) and the e-mail's outbox row. SQLite adds four
    # statements for each of the two audit events.
    expected = 14 if connection.vendor == "postgresql" else 22
    with django_assert_num_queries(expected):
        response = client.post(review_url)
    assert response.status_code == 302 and Submission.objects.count() == 1
