"""The hash chain: how an event's hash is computed, and how a whole trail is checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from madoguchi.audit.models import AuditEvent

GENESIS_HASH = "0" * 64


def canonical_json(event: AuditEvent) -> str:
    """The event's content as canonical JSON: sorted keys, no spaces, UTC timestamp to the µs."""
    content = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "purpose": event.purpose,
        "request_id": event.request_id,
        "ip": event.ip,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256((event.prev_hash + canonical_json(event)).encode("utf-8")).hexdigest()


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
