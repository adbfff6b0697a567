"""Operational tasks."""

import socket

from celery import shared_task
from django.utils import timezone


@shared_task(name="madoguchi.core.heartbeat")
def heartbeat(token: str) -> dict[str, str]:
    """Echo ``token`` with the worker's host and time: proves a worker is consuming the queue.

    ``celery -A madoguchi call madoguchi.core.heartbeat --args='["x"]'`` from an operator's shell.
    """
    return {"token": token, "worker": socket.gethostname(), "at": timezone.now().isoformat()}
