"""The datastore on PostgreSQL: what COPY leaves behind, and the progress a running COPY reports."""

from __future__ import annotations

import io
import threading
import time
import uuid

import pytest
from django.db import connection

from madoguchi.opendata import datastore

pytestmark = pytest.mark.usefixtures("postgres_only")


def _csv(rows: int) -> bytes:
    return b"a,b\r\n" + b"".join(f"{n},x{n % 7}\r\n".encode() for n in range(rows))


@pytest.mark.django_db
def test_a_loaded_table_is_all_visible_so_counts_never_read_it():
    name = f"ods_{uuid.uuid4().hex}"
    datastore.create_table(name, 2)
    assert datastore.load_csv(name, 2, io.BytesIO(_csv(5000))) == 5000
    datastore.create_indexes(name, 2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE oid = to_regclass(%s)", [name])
        pages, all_visible = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM \"{name}\" WHERE c2 = 'x3'")  # noqa: S608
        plan = cursor.fetchone()[0][0]["Plan"]["Plans"][0]
    assert pages > 0 and all_visible == pages
    assert plan["Node Type"] == "Index Only Scan"
    assert plan["Heap Fetches"] == 0


class _HeldStream(io.RawIOBase):
    """A CSV that sends its first part, then waits until the test lets it finish."""

    def __init__(self, data: bytes, release: threading.Event) -> None:
        self.parts = [data, b""]
        self.release = release

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        part = self.parts.pop(0)
        if not part:
            self.release.wait(30)
        return part


@pytest.mark.django_db(transaction=True)
def test_a_running_copy_reports_its_rows_to_another_session():
    name = f"ods_{uuid.uuid4().hex}"
    datastore.create_table(name, 2)
    release = threading.Event()
    loaded: list[int] = []

    def load() -> None:
        try:
            loaded.append(datastore.load_csv(name, 2, _HeldStream(_csv(40_000), release)))
        finally:
            connection.close()

    loader = threading.Thread(target=load)
    loader.start()
    try:
        copied = None
        for _ in range(300):
            copied = datastore.rows_copied(name)
            if copied:
                break
            time.sleep(0.05)
        assert copied is not None and 0 < copied <= 40_000
    finally:
        release.set()
        loader.join(30)
    assert loaded == [40_000]
    assert datastore.rows_copied(name) is None
    datastore.drop_table(name)
