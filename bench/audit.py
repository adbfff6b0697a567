"""Benchmark: how cheap is writing an audit event?

Measures, on the configured database (PostgreSQL by default, as in production):
  * baseline — a plain INSERT of the same columns into an unchained table, autocommit;
  * record_event from one writer;
  * record_event from several concurrent writers (threads, each with its own connections);
and prints events/s, p50/p99 latency, and each figure as a ratio to the baseline.

    bench/audit [--events 2000] [--writers 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/madoguchi_bench"


def setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
    url = os.environ["DATABASE_URL"]
    if url == DEFAULT_DB:  # a fresh database each run, so figures never depend on earlier runs
        for command in ("dropdb", "createdb"):
            subprocess.run(
                [command, "-U", "postgres", "-h", "127.0.0.1", "madoguchi_bench"], capture_output=True
            )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(calls: int, action) -> list[float]:
    latencies = []
    for n in range(calls):
        start = time.perf_counter()
        action(n)
        latencies.append(time.perf_counter() - start)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    setup()
    from django.db import connection, connections

    from madoguchi.audit.selectors import verify_trail
    from madoguchi.audit.services import record_event

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_plain (seq bigserial primary key, occurred_at timestamptz, "
            "actor_id bigint, "
            "actor_label varchar(160), action varchar(64), object_type varchar(64), object_id varchar(64), "
            "purpose varchar(200), request_id varchar(64), ip inet, details jsonb, prev_hash varchar(64), "
            "hash varchar(64))"
            if connection.vendor == "postgresql"
            else "CREATE TEMP TABLE bench_plain (seq integer primary key, occurred_at text, "
            "actor_id integer, "
            "actor_label text, action text, object_type text, object_id text, purpose text, request_id text, "
            "ip text, details text, prev_hash text, hash text)"
        )

    def plain_insert(n: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_plain (occurred_at, actor_id, actor_label, action, object_type, "
                "object_id, "
                "purpose, request_id, ip, details, prev_hash, hash) "
                "VALUES (CURRENT_TIMESTAMP, 1, 'staff:bench', 'bench.read', 'registry.resident', %s, "
                "'ベンチマーク', '', NULL, '{}', '', '')",
                [str(n)],
            )

    def audit(n: int) -> None:
        record_event(
            action="bench.read", object_type="registry.resident", object_id=str(n), purpose="ベンチマーク"
        )

    rows = []
    start = time.perf_counter()
    base = timed(args.events, plain_insert)
    base_rate = args.events / (time.perf_counter() - start)
    rows.append(("baseline: plain INSERT, 1 writer", base_rate, base))

    start = time.perf_counter()
    single = timed(args.events, audit)
    rows.append(("record_event, 1 writer", args.events / (time.perf_counter() - start), single))

    per_writer = max(1, args.events // args.writers)
    latencies: list[float] = []
    lock = threading.Lock()

    def writer() -> None:
        mine = timed(per_writer, audit)
        with lock:
            latencies.extend(mine)
        connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(args.writers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows.append(
        (f"record_event, {args.writers} writers", len(latencies) / (time.perf_counter() - start), latencies)
    )

    print(f"database: {connection.vendor}; events per run: {args.events}")
    print(f"{'case':<36} {'events/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}")
    for name, rate, lat in rows:
        print(
            f"{name:<36} {rate:>10.0f} {statistics.median(lat) * 1000:>8.2f} "
            f"{percentile(lat, 0.99) * 1000:>8.2f} {rate / base_rate:>7.2f}"
        )
    result = verify_trail()
    print(f"chain verified: {result.ok} ({result.checked} events)")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
