"""Background tasks: sent only after commit, and really consumed by a worker over Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from madoguchi.celery import app
from madoguchi.core.tasks import heartbeat


class Boom(Exception):
    pass


@pytest.mark.django_db(transaction=True)
@pytest.mark.sqlite_subset
def test_a_task_enqueued_in_a_rolled_back_transaction_is_never_sent():
    with mock.patch.object(heartbeat, "apply_async") as send:
        with pytest.raises(Boom), transaction.atomic():
            heartbeat.delay_on_commit("ghost")
            raise Boom
        send.assert_not_called()


@pytest.mark.django_db(transaction=True)
@pytest.mark.sqlite_subset
def test_a_task_enqueued_in_a_transaction_is_sent_once_after_commit():
    with mock.patch.object(heartbeat, "apply_async") as send:
        with transaction.atomic():
            heartbeat.delay_on_commit("real")
            send.assert_not_called()
        send.assert_called_once_with(("real",), {})


def test_in_process_tasks_run_and_return_their_result():
    assert heartbeat.delay("inline").get(timeout=1)["token"] == "inline"


@pytest.mark.sqlite_subset
def test_the_worker_command_explains_that_no_worker_is_needed_without_redis(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("worker")


def test_a_task_round_trips_through_redis_and_a_real_worker(redis_url, tmp_path):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "madoguchi.settings"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "madoguchi",
            "worker",
            "--concurrency",
            "1",
            "--queues",
            queue,
            "--loglevel",
            "WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "worker.log", "w"),  # noqa: SIM115
    )
    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend)
    app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend = False, redis_url, redis_url
    try:
        token = uuid.uuid4().hex
        result = heartbeat.apply_async(args=[token], queue=queue).get(timeout=90)
        assert result["token"] == token
        assert result["worker"]
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend = previous
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    assert worker.returncode is not None, (tmp_path / "worker.log").read_text()


def test_the_broker_transport_shares_one_redis_client_and_still_delivers(redis_url):
    from kombu import Connection

    queue_name = f"test-broker-{uuid.uuid4().hex[:8]}"
    with Connection(redis_url, transport="madoguchi.core.broker:Transport") as connection:
        channel = connection.default_channel
        with channel.conn_or_acquire() as first, channel.conn_or_acquire() as second:
            assert first is second
        queue = connection.SimpleQueue(queue_name)
        try:
            queue.put({"n": 1})
            queue.put({"n": 2})
            assert [queue.get(timeout=5).payload["n"] for _ in range(2)] == [1, 2]
        finally:
            queue.clear()
            queue.close()
