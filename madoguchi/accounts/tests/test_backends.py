"""The signed-in account comes from the cache, and every change to it takes effect at once."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from madoguchi.accounts.backends import CachedModelBackend
from madoguchi.accounts.tests.factories import ResidentUserFactory

# Committed (transaction=True): an account read inside a transaction is never cached.
pytestmark = pytest.mark.django_db(transaction=True)


def _user_reads(client, path: str = "/my/") -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return sum('FROM "accounts_user"' in query["sql"] for query in queries)


@pytest.fixture
def resident():
    return ResidentUserFactory(last_name="龍ケ崎", first_name="太郎")


def test_a_signed_in_resident_is_read_from_the_database_once(client, resident):
    client.force_login(resident)
    _user_reads(client)
    assert _user_reads(client) == 0
    assert client.get("/my/").context["user"] == resident


def test_a_deactivated_account_is_signed_out_on_its_next_request(client, resident):
    client.force_login(resident)
    assert client.get("/my/").status_code == 200
    resident.is_active = False
    resident.save()
    assert client.get("/my/").status_code == 302


def test_a_changed_name_shows_on_the_next_request(client, resident):
    client.force_login(resident)
    client.get("/my/")
    resident.first_name = "花子"
    resident.save()
    assert client.get("/my/").context["user"].first_name == "花子"


def test_an_account_read_inside_a_transaction_is_not_kept(resident):
    backend = CachedModelBackend()
    with transaction.atomic():
        backend.get_user(resident.pk)
    with CaptureQueriesContext(connection) as queries:
        assert backend.get_user(resident.pk) == resident
    assert len(queries) == 1  # read again, and only now kept
    with CaptureQueriesContext(connection) as queries:
        backend.get_user(resident.pk)
    assert len(queries) == 0
