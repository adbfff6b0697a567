"""Test-suite wiring shared by every app's tests.

* Every database test may touch every alias: on PostgreSQL the audit trail has its own
  connection (see madoguchi/audit/routers.py), and any service may write an audit event.
* ``services`` tests need real PostgreSQL/Redis, ``browser`` tests need Debian's Chromium. Both
  skip with a reason on a newcomer's machine; CI sets MADOGUCHI_REQUIRE_SERVICES=1 and
  MADOGUCHI_REQUIRE_BROWSER=1, which turn those skips into failures.
"""

from __future__ import annotations

import os

import pytest


def _required(variable: str) -> bool:
    return os.environ.get(variable, "") in {"1", "true", "yes"}


def skip_or_fail(reason: str, *, required_by: str) -> None:
    """Skip, unless the environment says the thing is required — then fail loudly."""
    if _required(required_by):
        pytest.fail(f"{reason} ({required_by}=1 requires it)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and "databases" not in marker.kwargs:
            kwargs = {**marker.kwargs, "databases": "__all__"}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def _tasks_run_in_process(settings):
    """Unit tests run Celery tasks in-process even when CI provides Redis.

    The Redis + worker round trip has its own test (core/tests/test_tasks.py) that turns this off.
    """
    from madoguchi.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 is slow on purpose; tests that create accounts need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _staff_sessions_pass_mfa(monkeypatch):
    """``client.force_login(staff)`` gives a session that has passed the one-time-password step.

    Staff pages refuse a password-only session; tests of other apps sign staff in to test their
    own pages, not MFA. Tests of MFA use ``accounts.testing.force_login_password_only``.
    """
    from django.test import Client

    from madoguchi.accounts.testing import force_login_with_mfa

    monkeypatch.setattr(Client, "force_login", force_login_with_mfa)


@pytest.fixture(autouse=True)
def _no_lockouts_or_rate_limits(settings):
    """Counts of failed sign-ins and requests live in the cache and would leak between tests;
    the tests of lockouts and rate limits switch them back on."""
    settings.AXES_ENABLED = False
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def postgres_only(django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail(
            "needs PostgreSQL (set DATABASE_URL=postgres://…)", required_by="MADOGUCHI_REQUIRE_SERVICES"
        )


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        skip_or_fail("needs Redis (set REDIS_URL=redis://…)", required_by="MADOGUCHI_REQUIRE_SERVICES")
    return url
