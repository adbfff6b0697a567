"""Fault injection: Redis (the broker) is stopped while residents submit.

Needs PostgreSQL (a real worker process must read the test database) and redis-server; CI has
both. A private redis-server on a spare port plays the broker, so the shared one is untouched.
While it is down every submission is still accepted and stored once with its outbox row; when it
is back, the sweeper enqueues the lost messages and a real worker delivers each e-mail once.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.test import Client
from kombu import pools

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.audit.selectors import verify_trail
from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.celery import app
from madoguchi.identity import services as identity_services
from madoguchi.notifications import services as notification_services
from madoguchi.notifications.models import Notification, OutboxMessage
from madoguchi.registry.services import Member, register_household
from tests.data_protection.faults import PrivateRedis

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]

SUBMISSIONS = 6
BORN = dt.date(1980, 4, 1)


@pytest.fixture
def broker(tmp_path, redis_url, postgres_only):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    redis = PrivateRedis(tmp_path)
    redis.start()
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "result_backend", "task_publish_retry")
    }
    app.conf.update(task_always_eager=False, broker_url=redis.url, result_backend=None)
    _fresh_connections()
    yield redis
    redis.stop()
    app.conf.update(saved)
    _fresh_connections()


def _fresh_connections() -> None:
    """Drop pooled broker connections so the next message uses the broker configured now.

    kombu keeps its pools in a process-wide registry: reset it, or a later test acquires from a
    pool closed here ("Acquire on closed pool").
    """
    pools.reset()
    app._after_fork()  # resets the app's own references to the connection and producer pools


def _worker(redis_url: str, log) -> subprocess.Popen:
    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@{settings_dict['HOST']}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    env = {**os.environ, "REDIS_URL": redis_url, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [sys.executable, "-m", "madoguchi", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def _residents(count: int) -> list[Client]:
    """``count`` signed-in residents, each in their own household (one open draft each)."""
    admin = staff_by_username("admin.joho")
    browsers = []
    for index in range(count):
        code = f"0820829{index:04d}"
        register_household(
            household_code=f"08208290{index:02d}",
            postal_code="3010001",
            address=f"茨城県龍ケ崎市久保台3丁目{index + 1}番",
            town="久保台",
            members=[
                Member(code, "障害", f"試験{index}", "ショウガイ", "シケン", BORN, "male", "世帯主", BORN)
            ],
        )
        browser = Client()
        browser.force_login(identity_services.counter_account(resident_code=code, actor=admin))
        browsers.append(browser)
    return browsers


def test_submissions_during_a_redis_outage_are_kept_and_mailed_once_redis_is_back(
    procedure, city, broker, tmp_path
):
    reviews = [(browser, fill_in(browser)) for browser in _residents(SUBMISSIONS)]

    broker.stop()
    started = time.monotonic()
    answers = [browser.post(url) for browser, url in reviews]
    outage_seconds = time.monotonic() - started
    assert [a.status_code for a in answers] == [302] * SUBMISSIONS
    receipts = [a["Location"].split("/")[2] for a in answers]
    assert len(set(receipts)) == SUBMISSIONS
    assert sorted(Submission.objects.values_list("receipt_number", flat=True)) == sorted(receipts)
    assert Notification.objects.filter(sent_at__isnull=True).count() == SUBMISSIONS

    broker.start()
    with open(tmp_path / "worker.log", "w") as log:
        worker = _worker(broker.url, log)
        try:
            assert notification_services.sweep_outbox(older_than=dt.timedelta(0)) == SUBMISSIONS
            deadline = time.monotonic() + 45
            while Notification.objects.filter(sent_at__isnull=True).exists() and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            worker.terminate()
            worker.wait(timeout=20)
    assert not Notification.objects.filter(sent_at__isnull=True).exists(), (
        tmp_path / "worker.log"
    ).read_text()
    assert OutboxMessage.objects.count() == SUBMISSIONS  # each e-mail exactly once
    assert verify_trail().ok
    print(
        f"redis outage: {SUBMISSIONS} submissions accepted in {outage_seconds:.2f}s, all mailed after restart"
    )
