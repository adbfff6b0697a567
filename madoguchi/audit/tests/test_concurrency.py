"""Concurrent writers on PostgreSQL: the chain stays whole and nobody deadlocks."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from madoguchi.audit.models import AuditEvent
from madoguchi.audit.selectors import verify_trail
from madoguchi.audit.services import record_event
from madoguchi.organization.models import Position

WRITERS = 8
EVENTS_EACH = 25


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_concurrent_writers_keep_the_chain_and_never_deadlock():
    """Half the writers audit first and then lock a shared row; half lock first, then audit.

    If the audit append ran inside the business transaction, that opposite lock order would
    deadlock; through its own connection it only queues.
    """
    shared = Position.objects.create(code="shared", name="共有", rank=1)
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(index: int) -> None:
        try:
            start.wait()
            for n in range(EVENTS_EACH):
                with transaction.atomic():
                    if index % 2:
                        record_event(action="test.concurrent", object_id=f"{index}-{n}")
                        Position.objects.select_for_update().get(pk=shared.pk)
                    else:
                        Position.objects.select_for_update().get(pk=shared.pk)
                        record_event(action="test.concurrent", object_id=f"{index}-{n}")
        except BaseException as error:  # collected and re-raised in the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert errors == []
    assert AuditEvent.objects.filter(action="test.concurrent").count() == WRITERS * EVENTS_EACH
    result = verify_trail()
    assert result.ok, result.reason
    assert result.checked == AuditEvent.objects.count()
