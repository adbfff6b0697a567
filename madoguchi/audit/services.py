"""Writing to the audit trail.

``record_event`` is the one way to add an event. Appending to a hash chain needs the previous
event's hash, so appends are serialised:

* PostgreSQL: the event is written through the separate ``audit`` connection in its own short
  transaction that takes a transaction-level advisory lock, reads the chain head, inserts, and
  commits. The lock is held for one insert, never across business work, and the audit
  transaction touches nothing a business transaction locks — so concurrent writers queue for a
  millisecond but can never deadlock. The event is durable even if the surrounding request later
  fails: a look at personal data is on record whether or not the request went on to succeed.
* SQLite (the demo): transactions begin IMMEDIATE, so the writer already holds the database's
  only write lock; the event joins the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connections, router, transaction

from madoguchi.audit.chain import GENESIS_HASH, event_hash
from madoguchi.audit.models import AuditEvent
from madoguchi.core import context

# Arbitrary but fixed: the advisory-lock key that serialises appends to the chain.
CHAIN_LOCK_KEY = 0x4D41444F  # "MADO"


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "anonymous" if actor is not None else "system"
    return actor.pk, actor.audit_label()


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
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        head = AuditEvent.objects.using(alias).order_by("-seq").values_list("seq", "hash").first()
        last_seq, prev_hash = head if head else (0, GENESIS_HASH)
        event = AuditEvent(
            seq=last_seq + 1,
            occurred_at=dt.datetime.now(dt.UTC),
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            purpose=purpose,
            request_id=context.request_id.get(),
            ip=context.client_ip.get(),
            details=details or {},
            prev_hash=prev_hash,
        )
        event.hash = event_hash(event)
        event.save(using=alias, force_insert=True)
    return event
