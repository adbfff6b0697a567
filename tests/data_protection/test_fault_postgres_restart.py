"""Fault injection: PostgreSQL is restarted (``pg_ctl restart -m fast``) during a burst of submissions.

Needs only the PostgreSQL server binaries (initdb, pg_ctl): the test makes a private cluster on a
spare port, so the machine's shared server is never restarted. gunicorn (2 workers, persistent
connections with CONN_HEALTH_CHECKS, as in production) serves residents who submit at a steady
pace from several threads; the cluster is restarted a third of the way in and the residents keep
submitting for a few seconds. Afterwards every receipt is stored exactly once, nothing that failed
is half-stored, requests after the restart succeed again, a failed submission succeeds when the
resident tries again, and ``madoguchi audit_verify`` passes.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from conftest import skip_or_fail
from tests.data_protection.faults import (
    ROOT,
    PrivatePostgres,
    post_as,
    postgres_bindir,
    spare_port,
    start_gunicorn,
    wait_for_port,
)

pytestmark = pytest.mark.services

SUBMISSIONS = 30
INTERVAL = 0.15  # seconds between two submissions starting: the burst lasts SUBMISSIONS × INTERVAL
RESTART_AFTER = 1.2  # seconds into the burst
SETTLE = 1.0  # a submission that starts this long after the restart returned must succeed


@pytest.fixture
def cluster():
    bindir = postgres_bindir()
    if bindir is None:
        skip_or_fail(
            "needs the PostgreSQL server binaries (initdb, pg_ctl)", required_by="MADOGUCHI_REQUIRE_SERVICES"
        )
    server = PrivatePostgres(bindir)
    try:
        server.start()
        server.create_database("madoguchi")
        yield server
    finally:
        server.destroy()


def _madoguchi(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _warm_up(port: int) -> None:
    """Both workers load the app and open their database connections before the burst, so the
    restart cuts live connections rather than landing while the workers are still importing."""

    def ready() -> None:
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("GET", "/readyz")
                assert conn.getresponse().status == 200
            finally:
                conn.close()

    threads = [threading.Thread(target=ready) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)


def test_restarting_postgres_mid_burst_loses_or_halves_nothing(cluster, tmp_path):
    began = time.monotonic()
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG"}},
        "DJANGO_SETTINGS_MODULE": "madoguchi.settings",
        "DATABASE_URL": cluster.url("madoguchi"),
        "LOG_LEVEL": "WARNING",
    }
    _madoguchi(env, "-m", "madoguchi", "migrate", "--no-input", "-v", "0")
    targets = json.loads(
        _madoguchi(env, "-m", "tests.data_protection.restart_city", "seed", str(SUBMISSIONS))
    )
    set_up = time.monotonic() - began
    port = spare_port()
    # (started, finished, status) per review URL, times relative to the burst's start.
    outcomes: dict[str, tuple[float, float, int]] = {}
    with open(tmp_path / "gunicorn.log", "w") as log:
        server = start_gunicorn(port=port, env=env, log=log)
        try:
            wait_for_port(port, up=True, timeout=60)
            _warm_up(port)
            start = time.monotonic()
            slots = iter(enumerate(targets))
            lock = threading.Lock()

            def resident() -> None:
                while True:
                    with lock:
                        slot = next(slots, None)
                    if slot is None:
                        return
                    index, (url, session) = slot
                    time.sleep(max(0.0, start + index * INTERVAL - time.monotonic()))
                    sent = time.monotonic() - start
                    status = post_as(port, url, session)
                    outcomes[url] = (sent, time.monotonic() - start, status)

            threads = [threading.Thread(target=resident) for _ in range(8)]
            for thread in threads:
                thread.start()
            time.sleep(RESTART_AFTER)
            restart_began = time.monotonic() - start
            cluster.restart()
            restarted = time.monotonic() - start
            for thread in threads:
                thread.join(timeout=60)
            burst_seconds = time.monotonic() - start
            facts = json.loads(_madoguchi(env, "-m", "tests.data_protection.restart_city", "facts"))
            failed = [url for url, (_, _, status) in outcomes.items() if status != 302]
            retries = {url: post_as(port, url, session) for url, session in targets if url in failed}
        finally:
            server.terminate()
            server.wait(timeout=30)

    verified = _madoguchi(env, "-m", "madoguchi", "audit_verify", "--no-progress")

    log_text = (tmp_path / "gunicorn.log").read_text()[-3000:]
    assert len(outcomes) == SUBMISSIONS, log_text
    assert facts["server_started"] > time.time() - (time.monotonic() - began), "the cluster was not restarted"
    accepted = [url for url, (_, _, status) in outcomes.items() if status == 302]
    before = [url for url, (_, done, _) in outcomes.items() if done < restart_began]
    in_flight = [
        url for url, (sent, done, _) in outcomes.items() if sent < restarted and done > restart_began
    ]
    after = [url for url, (sent, _, _) in outcomes.items() if sent > restarted + SETTLE]
    assert before and in_flight and after, outcomes  # the restart really fell in the middle of the burst
    # Requests after the restart succeed again: the workers reconnect on their own.
    assert all(outcomes[url][2] == 302 for url in after), ({url: outcomes[url] for url in after}, log_text)
    # Every receipt page is backed by exactly one stored submission.
    for url in accepted:
        assert facts["drafts"][url.split("/")[3]]["submissions"] == 1, url
    # Nothing half-stored: stored whole (draft marked, one submission, its revision, history, outbox
    # row) or not at all.
    for draft_id, row in facts["drafts"].items():
        whole = {
            "marked_submitted": True,
            "submissions": 1,
            "revisions": 1,
            "status_changes": 1,
            "notifications": 1,
        }
        nothing = {
            "marked_submitted": False,
            "submissions": 0,
            "revisions": 0,
            "status_changes": 0,
            "notifications": 0,
        }
        assert row in (whole, nothing), (draft_id, row)
    # The audit trail is written through its own autocommit connection (audit/services.py), so a
    # submission cut off after its ``cases.submit`` event may leave that event behind: only a
    # failed request can do so.
    assert facts["orphan_submit_events"] <= len(failed), facts["orphan_submit_events"]
    # A resident whose submission failed can simply send it again.
    assert all(status == 302 for status in retries.values()), retries
    assert "監査証跡は正常です" in verified
    print(
        f"postgres restart: {len(accepted)} accepted, {len(failed)} failed"
        f" ({sorted({outcomes[url][2] for url in failed})}), {facts['stored']} stored;"
        f" all {len(retries)} failed ones accepted when sent again;"
        f" {len(in_flight)} in flight during the restart ({restarted - restart_began:.2f}s),"
        f" set-up {set_up:.1f}s, burst {burst_seconds:.1f}s, test {time.monotonic() - began:.1f}s;"
        f" {facts['orphan_submit_events']} 'cases.submit' audit events of rolled-back submissions"
    )
