"""The PostgreSQL-restart fault test's city, run as a separate process against the private cluster.

``python -m tests.data_protection.restart_city seed N`` — the organisation, the test procedure
and N residents, each with a draft filled in up to its review page; prints one JSON line of
``[review_url, sessionid]`` pairs.
``python -m tests.data_protection.restart_city facts`` — what the database holds afterwards, per
draft, as one JSON line.

A separate process because the pytest process's Django is already bound to the test database:
this one reads ``DATABASE_URL`` (the private cluster) at start-up like the app servers do.
"""

from __future__ import annotations

import json
import sys

import django


def seed(count: int) -> list[tuple[str, str]]:
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's host, in-memory e-mail

    from madoguchi.cases.tests.conftest import fill_in, make_procedure
    from madoguchi.demo.services import seed_organization, seed_staff
    from tests.data_protection.test_fault_redis import _residents

    municipality = seed_organization()
    seed_staff(municipality)
    make_procedure(municipality)
    return [(fill_in(browser), browser.cookies["sessionid"].value) for browser in _residents(count)]


def facts() -> dict:
    from django.db import connection
    from django.db.models import Count

    from madoguchi.audit.models import AuditEvent
    from madoguchi.cases.models import Draft, Submission
    from madoguchi.notifications.models import Notification

    submissions = {
        str(s.draft_id): s
        for s in Submission.objects.annotate(
            revision_count=Count("revisions", distinct=True),
            status_change_count=Count("status_changes", distinct=True),
        )
    }
    drafts = {}
    for draft in Draft.objects.all():
        submission = submissions.get(str(draft.pk))
        drafts[str(draft.pk)] = {
            "marked_submitted": draft.submitted_at is not None,
            "submissions": Submission.objects.filter(draft=draft).count(),
            "revisions": submission.revision_count if submission else 0,
            "status_changes": submission.status_change_count if submission else 0,
            "notifications": (
                Notification.objects.filter(key=f"submission-received:{submission.pk}").count()
                if submission
                else 0
            ),
        }
    receipts = set(Submission.objects.values_list("receipt_number", flat=True))
    submit_events = AuditEvent.objects.filter(action="cases.submit").values_list("object_id", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT extract(epoch FROM pg_postmaster_start_time())")
        (server_started,) = cursor.fetchone()
    return {
        "drafts": drafts,
        "stored": len(receipts),
        "orphan_submit_events": sum(1 for receipt in submit_events if receipt not in receipts),
        "server_started": float(server_started),
    }


if __name__ == "__main__":
    django.setup()
    command = sys.argv[1]
    result = seed(int(sys.argv[2])) if command == "seed" else facts()
    print(json.dumps(result))
