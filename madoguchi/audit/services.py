"""Writing to the audit trail.

``record_event`` is the one way to add an event. Appending to a hash chain needs the previous
event's hash, so appends are serialised:

* PostgreSQL: the event goes through the separate ``audit`` connection, in autocommit, as one
  call of the server function ``audit_append`` (migration 0003) that takes an advisory lock,
  reads the chain head and inserts. The lock lives for that one statement, never across business
  work, and the audit connection touches nothing a business transaction locks — so concurrent
  writers queue for a fraction of a millisecond and can never deadlock. The event is durable even
  if the surrounding request later fails: a look at personal data is on record either way.
* SQLite (the demo): transactions begin IMMEDIATE, so the writer already holds the database's
  only write lock; the event joins the caller's transaction and is chained in Python.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from django.db import connections, router, transaction

from madoguchi.audit.chain import GENESIS_HASH, chained_hash, content_json
from madoguchi.audit.models import AuditEvent
from madoguchi.core import context

# The advisory-lock key that serialises appends ("MADO"); audit_append (migration 0003) uses it too.
CHAIN_LOCK_KEY = 0x4D41444F


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if not getattr(actor, "is_authenticated", False):
        return None, "anonymous"
    return actor.pk, actor.audit_label()


def _canonical_ip(raw: str | None) -> str | None:
    """One spelling per address, so the hash survives the database's own formatting of it."""
    if not raw:
        return None
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.compressed


def record_event(
    *,
    action: str,
    actor: Any = None,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` is a user, AnonymousUser, or None for the system itself.

    The request id and client IP come from the current request (see core.middleware). Never put
    a My Number or a password in ``details``.
    """
    actor_id, actor_label = _actor_fields(actor)
    event = AuditEvent(
        occurred_at=dt.datetime.now(dt.UTC),
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        request_id=context.request_id.get(),
        ip=_canonical_ip(context.client_ip.get()),
        details=details or {},
    )
    content = content_json(event)
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT new_seq, prev_hash, new_hash FROM audit_append(%s)", [content])
            event.seq, event.prev_hash, event.hash = cursor.fetchone()
        return event
    with transaction.atomic(using=alias):
        head = AuditEvent.objects.using(alias).order_by("-seq").values_list("seq", "hash").first()
        last_seq, event.prev_hash = head if head else (0, GENESIS_HASH)
        event.seq = last_seq + 1
        event.hash = chained_hash(event.prev_hash, event.seq, content)
        event.save(using=alias, force_insert=True)
    return event
