"""Readiness checks: can this process reach what it needs to serve a request?"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from madoguchi.celery import app as celery_app

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return "ok"


def readiness() -> dict[str, str]:
    """Each dependency's state: "ok" (or "in-process"), or "error: <ExceptionType>"."""
    results: dict[str, str] = {}
    for name, check in (("database", check_database), ("cache", check_cache), ("broker", check_broker)):
        try:
            outcome = check()
        except Exception as error:  # a readiness probe reports every failure, whatever its kind
            logger.warning("readiness check failed", extra={"check": name, "error": repr(error)})
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = outcome or "ok"
    return results
