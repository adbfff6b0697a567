"""Per-request facts that deep layers (the audit trail, logging) need without threading ``request``.

The middleware sets them at the start of every request and resets them at the end; background
tasks and commands see the defaults.
"""

from __future__ import annotations

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")
client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
