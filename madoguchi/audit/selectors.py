"""Reads of the audit trail."""

from __future__ import annotations

from collections.abc import Callable

from madoguchi.audit.chain import Verification, verify
from madoguchi.audit.models import AuditEvent


def verify_trail(progress: Callable[[int], None] | None = None) -> Verification:
    """Recompute the whole chain in ``seq`` order, streaming so memory stays flat.

    ``progress`` is called once per event (for a progress bar).
    """

    def stream():
        for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=5000):
            if progress is not None:
                progress(1)
            yield event

    return verify(stream())


def event_count() -> int:
    return AuditEvent.objects.count()


def events_about(object_ids: list[str]) -> list[AuditEvent]:
    """Every event whose object is one of ``object_ids`` (a resident's code, their receipt numbers),
    oldest first — for 開示請求, where a resident receives the log of what was done with their data."""
    ids = [object_id for object_id in object_ids if object_id]
    return list(AuditEvent.objects.filter(object_id__in=ids).order_by("seq")) if ids else []
