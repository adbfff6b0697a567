"""The audit trail is a hash chain that shows any edit, deletion or reordering."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connections, router, transaction

from madoguchi.audit.models import AuditEvent
from madoguchi.audit.selectors import verify_trail
from madoguchi.audit.services import record_event

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def _write(count: int) -> list[AuditEvent]:
    return [
        record_event(
            action="test.look",
            object_type="registry.resident",
            object_id=str(n),
            purpose=f"確認 {n}",
            details={"n": n, "note": "日本語も正しく扱う"},
        )
        for n in range(1, count + 1)
    ]


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as a database administrator could."""
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def test_events_form_an_unbroken_chain():
    events = _write(5)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    result = verify_trail()
    assert result.ok
    assert result.checked == 5


def test_editing_a_row_is_detected_at_that_row():
    _write(5)
    _tamper("UPDATE audit_auditevent SET purpose = %s WHERE seq = %s", ["書き換え", 3])
    result = verify_trail()
    assert result.broken_at == 3
    assert "改ざん" in result.reason


def test_deleting_a_row_is_detected_where_the_gap_is():
    _write(5)
    _tamper("DELETE FROM audit_auditevent WHERE seq = %s", [2])
    result = verify_trail()
    assert result.broken_at == 3
    assert result.checked == 1


def test_reordering_rows_is_detected():
    _write(4)
    # Swap the positions of events 2 and 3, keeping every row's own content and hashes.
    _tamper("UPDATE audit_auditevent SET seq = 1000 WHERE seq = 2", [])
    _tamper("UPDATE audit_auditevent SET seq = 2 WHERE seq = 3", [])
    _tamper("UPDATE audit_auditevent SET seq = 3 WHERE seq = 1000", [])
    result = verify_trail()
    assert result.broken_at == 2


def test_audit_verify_command_reports_the_first_broken_link(capsys):
    _write(3)
    call_command("audit_verify", "--no-progress")
    assert "正常" in capsys.readouterr().out
    _tamper("UPDATE audit_auditevent SET actor_label = %s WHERE seq = %s", ["staff:someone-else", 2])
    with pytest.raises(CommandError, match="連番 2"):
        call_command("audit_verify", "--no-progress")


def test_event_carries_actor_request_id_and_ip(client, django_user_model):
    user = django_user_model.objects.create_user(username="aud1", kind="staff", password="x" * 16)
    client.force_login(user)
    response = client.get("/staff/", HTTP_X_REQUEST_ID="req-12345678", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    event = record_event(action="test.after", actor=user)
    assert event.actor_id == user.pk and event.actor_label == "staff:aud1"
    # Outside a request the context is empty: a command or task is the system acting.
    assert event.request_id == ""
    login_event = AuditEvent.objects.filter(action="accounts.login").last()
    assert login_event is not None and login_event.actor_id == user.pk


@pytest.mark.usefixtures("postgres_only")
def test_postgresql_refuses_update_and_delete_outright():
    _write(2)
    alias = router.db_for_write(AuditEvent)
    for statement in (
        "UPDATE audit_auditevent SET purpose = 'x' WHERE seq = 1",
        "DELETE FROM audit_auditevent WHERE seq = 1",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(using=alias):
            connections[alias].cursor().execute(statement)
    assert verify_trail().ok


@pytest.mark.parametrize(
    ("remote", "stored"),
    [("2001:DB8:0:0::1", "2001:db8::1"), ("::ffff:192.0.2.9", "192.0.2.9"), ("198.51.100.4", "198.51.100.4")],
)
def test_addresses_are_stored_in_one_spelling_so_the_chain_verifies(client, remote, stored):
    """The database re-formats addresses; hashing the canonical form keeps verification true."""
    client.post("/staff/login/", {"username": "nobody", "password": "wrong-password-1"}, REMOTE_ADDR=remote)
    event = AuditEvent.objects.get(action="accounts.login_failed")
    assert event.ip == stored
    assert verify_trail().ok
