"""The hash chain: how an event's hash is computed, and how a whole trail is checked.

An event's canonical JSON is ``{"chain":{"prev_hash":…,"seq":…},"event":{…}}`` with sorted keys,
no spaces, UTF-8 text, and the time in UTC to the microsecond; its hash is
``SHA-256(prev_hash ‖ canonical JSON)``. The content part is built here, in Python; the chain part
is added where the previous hash is known — in Python on SQLite, and inside the PostgreSQL function
``audit_append`` (migration 0003), which must produce exactly the same text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from madoguchi.audit.models import AuditEvent

GENESIS_HASH = "0" * 64
CONTENT_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "request_id",
    "ip",
    "details",
)


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_json(event: AuditEvent) -> str:
    """The event's own fields (everything but its place in the chain) as canonical JSON."""
    content = {field: getattr(event, field) for field in CONTENT_FIELDS}
    content["occurred_at"] = event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return _dumps(content)


def chained_hash(prev_hash: str, seq: int, content: str) -> str:
    row = f'{{"chain":{{"prev_hash":"{prev_hash}","seq":{seq}}},"event":{content}}}'
    return hashlib.sha256((prev_hash + row).encode("utf-8")).hexdigest()


def event_hash(event: AuditEvent) -> str:
    return chained_hash(event.prev_hash, event.seq, content_json(event))


@dataclass(frozen=True)
class Verification:
    checked: int
    broken_at: int | None = None  # seq of the first event that does not fit the chain
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(events: Iterable[AuditEvent]) -> Verification:
    """Walk events in ``seq`` order and report the first one that breaks the chain."""
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for event in events:
        if event.seq != expected_seq:
            return Verification(checked, event.seq, f"連番が飛んでいます（{expected_seq} があるべき位置）")
        if event.prev_hash != expected_prev:
            return Verification(checked, event.seq, "直前のイベントのハッシュと一致しません")
        if event_hash(event) != event.hash:
            return Verification(checked, event.seq, "内容がハッシュと一致しません（改ざん）")
        expected_seq, expected_prev, checked = expected_seq + 1, event.hash, checked + 1
    return Verification(checked)
