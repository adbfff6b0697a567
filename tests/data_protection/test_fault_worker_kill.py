"""Fault injection: kill -9 a gunicorn worker in the middle of a burst of submissions.

Needs PostgreSQL (gunicorn's workers must read the test database) and Redis for the shared
session cache; CI has both. Afterwards every submission that got its receipt page is stored
exactly once, none is half-stored (a sent draft without its submission, a submission without its
revision, status history or e-mail), and the audit chain verifies.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from madoguchi.audit.selectors import verify_trail
from madoguchi.cases.models import Draft, Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.notifications.models import Notification
from tests.data_protection.faults import post_as, spare_port, start_gunicorn, wait_for_port
from tests.data_protection.test_fault_redis import _residents

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]

SUBMISSIONS = 12


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def test_killing_a_worker_mid_burst_loses_or_halves_nothing(
    procedure, city, redis_url, postgres_only, tmp_path
):
    browsers = _residents(SUBMISSIONS)
    targets = [(fill_in(browser), browser.cookies["sessionid"].value) for browser in browsers]
    port = spare_port()
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": redis_url, "LOG_LEVEL": "WARNING"}
    with open(tmp_path / "gunicorn.log", "w") as log:
        server = start_gunicorn(port=port, env=env, log=log)
        try:
            wait_for_port(port, up=True, timeout=60)
            statuses: dict[str, int] = {}
            queue = list(targets)
            lock = threading.Lock()

            def run() -> None:
                while True:
                    with lock:
                        if not queue:
                            return
                        url, session = queue.pop()
                    statuses[url] = post_as(port, url, session)

            threads = [threading.Thread(target=run) for _ in range(4)]
            for thread in threads:
                thread.start()
            while len(statuses) < SUBMISSIONS // 3:
                time.sleep(0.01)
            victim = _workers(server.pid)[0]
            os.kill(victim, signal.SIGKILL)
            for thread in threads:
                thread.join(timeout=60)
        finally:
            server.terminate()
            server.wait(timeout=30)

    succeeded = [url for url, status in statuses.items() if status == 302]
    failed = [url for url, status in statuses.items() if status != 302]
    assert len(statuses) == SUBMISSIONS and succeeded, statuses
    drafts = {str(d.pk): d for d in Draft.objects.all()}
    for url in succeeded:
        draft = drafts[url.split("/")[3]]
        assert Submission.objects.filter(draft=draft).count() == 1
    # Nothing half-stored: a sent draft has its submission, a submission its revision, history and e-mail.
    for draft in drafts.values():
        assert (draft.submitted_at is not None) == Submission.objects.filter(draft=draft).exists()
    for submission in Submission.objects.all():
        assert submission.revisions.count() == 1 and submission.status_changes.count() >= 1
        assert Notification.objects.filter(key=f"submission-received:{submission.pk}").count() == 1
    assert verify_trail().ok
    print(
        f"kill -9: {len(succeeded)} succeeded, {len(failed)} failed ({sorted(set(statuses.values()))}),"
        f" {Submission.objects.count()} stored"
    )
