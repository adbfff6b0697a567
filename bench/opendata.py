"""Benchmark: the open-data portal on PostgreSQL — 10,000 datasets and a 1,000,000-row resource.

Builds (once; ``--rebuild`` to redo) a database with the demo organisation, the 13 standard demo
datasets and N generated datasets (tags, groups, one to three resources each), then measures:

* ``package_search`` with facets (organization, tags, groups, res_format, license_id) and a
  rotating q/fq, through Django's full request handling in-process (server time, no network);
  then queries never asked before (nothing kept per catalogue version helps them);
* ``datastore_search`` with a filter on the 1M-row table (include_total, 100 rows);
* loading the same 1M-row CSV file with the portal's import (``COPY … FROM STDIN`` through
  psycopg) against raw ``psql \\copy`` into a plain table, measured in the same run.

Prints each figure and its ratio to the baseline (``/healthz`` for requests, ``psql \\copy`` for
the load).

    bench/opendata [--datasets 10000] [--rows 1000000] [--requests 200] [--rebuild]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

DB_NAME = "madoguchi_bench_opendata"
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB_NAME, "-v", "ON_ERROR_STOP=1", "-q"]
WORK = Path(__file__).resolve().parent.parent / "var" / "bench-opendata"
HEADER = ["ID", "名称", "種別", "町名", "所在地_連結表記", "緯度", "経度"]
KINDS = ["消火栓", "防火水槽", "街路灯", "ごみ集積所", "カーブミラー", "AED", "案内板", "ベンチ"]


def setup(datasets: int, rebuild: bool) -> None:
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
    # One client sending hundreds of API requests a second is what the per-IP limit (300/min on
    # /api/) exists to refuse; the benchmark measures the server's work, not the limiter.
    os.environ.setdefault("MADOGUCHI_RATELIMIT", "0")
    if rebuild:
        subprocess.run(["dropdb", "--if-exists", "-U", "postgres", "-h", "127.0.0.1", DB_NAME], check=True)
    subprocess.run(["createdb", "-U", "postgres", "-h", "127.0.0.1", DB_NAME], capture_output=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from madoguchi.demo.services import seed_open_data, seed_organization
    from madoguchi.opendata.models import Dataset

    municipality = seed_organization()
    seed_open_data(municipality)
    if Dataset.objects.count() >= datasets:
        return
    print(f"generating {datasets:,} datasets…", flush=True)
    started = time.perf_counter()
    _generate_datasets(municipality, datasets - Dataset.objects.count())
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "opendata_dataset",
            "opendata_resource",
            "opendata_dataset_tags",
            "opendata_dataset_groups",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def _generate_datasets(municipality, count: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from madoguchi.opendata.models import Dataset, Group, Resource, Tag
    from madoguchi.organization.selectors import departments_on

    rng = random.Random(7)  # noqa: S311 (reproducible data, not secrets)
    sections = list(departments_on(municipality).filter(level="ka"))
    groups = list(Group.objects.all())
    tags = [Tag(name=f"タグ{n:03d}") for n in range(300)]
    Tag.objects.bulk_create(tags, ignore_conflicts=True)
    tags = list(Tag.objects.filter(name__startswith="タグ"))
    now = timezone.now()
    formats = ["CSV", "CSV", "XLSX", "PDF", "JSON"]
    with transaction.atomic():
        rows = [
            Dataset(
                id=uuid.UUID(int=rng.getrandbits(128)),
                name=f"bench-{n:05d}",
                title=f"ベンチマーク用データセット {n:05d}（{rng.choice(KINDS)}）",
                notes=f"生成したデータセット {n} の説明です。" + rng.choice(KINDS),
                organization=rng.choice(sections),
                license_id=rng.choice(["CC-BY-4.0", "CC-BY-4.0", "PDL-1.0"]),
                frequency=rng.choice(["ANNUAL", "MONTHLY", "IRREG"]),
                state="published",
                published_at=now,
            )
            for n in range(count)
        ]
        Dataset.objects.bulk_create(rows, batch_size=2000)
        Resource.objects.bulk_create(
            [
                Resource(
                    dataset=dataset,
                    name=f"リソース{k}",
                    url="https://example.jp/data",
                    format=rng.choice(formats),
                )
                for dataset in rows
                for k in range(rng.randint(1, 3))
            ],
            batch_size=5000,
        )
        Dataset.tags.through.objects.bulk_create(
            [
                Dataset.tags.through(dataset_id=dataset.pk, tag_id=tag.pk)
                for dataset in rows
                for tag in rng.sample(tags, 3)
            ],
            batch_size=5000,
        )
        Dataset.groups.through.objects.bulk_create(
            [
                Dataset.groups.through(dataset_id=dataset.pk, group_id=rng.choice(groups).pk)
                for dataset in rows
            ],
            batch_size=5000,
        )


def write_csv(rows: int) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"points-{rows}.csv"
    if path.exists():
        return path
    rng = random.Random(11)  # noqa: S311 (reproducible data, not secrets)
    towns = [f"町{n:03d}" for n in range(200)]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(rows):
            town = rng.choice(towns)
            writer.writerow(
                [
                    f"P{n:07d}",
                    f"地点{n}",
                    rng.choice(KINDS),
                    town,
                    f"茨城県龍ケ崎市{town}{rng.randint(1, 3000)}番地",
                    f"{rng.uniform(35.88, 35.94):.6f}",
                    f"{rng.uniform(140.14, 140.24):.6f}",
                ]
            )
    return path


def psql_copy(path: Path) -> float:
    """The baseline: psql's client-side \\copy of the same file into a plain table."""
    columns = ", ".join(f"c{n} text" for n in range(1, len(HEADER) + 1))
    subprocess.run(
        [*PSQL, "-c", f"DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw ({columns})"], check=True
    )
    started = time.perf_counter()
    subprocess.run(
        [*PSQL, "-c", f"\\copy bench_raw FROM '{path}' WITH (FORMAT csv, HEADER true)"], check=True
    )
    elapsed = time.perf_counter() - started
    subprocess.run([*PSQL, "-c", "DROP TABLE bench_raw"], check=True)
    return elapsed


def portal_load(path: Path) -> tuple[object, float, float]:
    """The portal's import of the same file: COPY (queryable), then the indexes."""
    from madoguchi.opendata import datastore, selectors, services
    from madoguchi.organization.selectors import department_by_code, home_municipality

    dataset = selectors.dataset_for_staff("bench-points") or services.save_dataset(
        actor=None,
        name="bench-points",
        title="ベンチマーク用 100万行",
        notes="ベンチマーク用",
        organization=department_by_code(home_municipality(), "shimin-bosai"),
    )
    from madoguchi.opendata.models import Resource

    resource = dataset.resources.first() or Resource.objects.create(
        dataset=dataset, name="points", format="CSV"
    )
    name = datastore.table_name(resource.pk)
    datastore.create_table(name, len(HEADER))
    started = time.perf_counter()
    with path.open("rb") as stream:
        loaded = datastore.load_csv(name, len(HEADER), stream)
    load = time.perf_counter() - started
    started = time.perf_counter()
    datastore.create_indexes(name, len(HEADER))
    indexes = time.perf_counter() - started
    Resource.objects.filter(pk=resource.pk).update(
        datastore_table=name,
        datastore_fields=HEADER,
        import_status=Resource.ImportStatus.DONE,
        import_rows_done=loaded,
        import_rows_total=loaded,
    )
    if dataset.state != "published":
        dataset.state = "published"
        dataset.save(update_fields=["state"])
    return resource, load, indexes


def measure(client, requests: list[tuple[str, dict | None]], runs: int, *, warm: bool = True) -> list[float]:
    def send(path: str, body: dict | None):
        if body is None:
            return client.get(path)
        return client.post(path, json.dumps(body), content_type="application/json")

    if warm:
        for path, body in requests:
            assert send(path, body).status_code == 200
    timings = []
    for n in range(runs):
        path, body = requests[n % len(requests)]
        started = time.perf_counter()
        response = send(path, body)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
    return timings


def _p(timings: list[float], q: float) -> float:
    return sorted(timings)[int(q * (len(timings) - 1))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    setup(args.datasets, args.rebuild)
    path = write_csv(args.rows)
    print(f"file: {path.stat().st_size / 1e6:.0f} MB, {args.rows:,} rows", flush=True)
    raw = psql_copy(path)
    resource, load, indexes = portal_load(path)

    from django.test import Client

    from madoguchi.opendata.models import Dataset

    client = Client(HTTP_HOST="127.0.0.1")
    facets = json.dumps(["organization", "tags", "groups", "res_format", "license_id"])
    searches = [
        ("/api/3/action/package_search", {"q": "消火栓", "facet.field": facets, "rows": 10}),
        ("/api/3/action/package_search", {"fq": "res_format:CSV", "facet.field": facets, "rows": 10}),
        ("/api/3/action/package_search", {"fq": 'organization:"shimin-bosai"', "facet.field": facets}),
        ("/api/3/action/package_search", {"q": "*:*", "facet.field": facets, "rows": 20, "start": 100}),
        ("/api/3/action/package_search", {"fq": "tags:タグ042 license_id:PDL-1.0", "facet.field": facets}),
    ]
    # Queries never asked before, so nothing the portal keeps per catalogue version helps: a new
    # tag with a format each time, or a new page of "*:*" (datasets not serialised yet).
    new_searches = [
        (
            "/api/3/action/package_search",
            {"fq": f"tags:タグ{n // 2:03d} res_format:{['CSV', 'PDF', 'JSON'][n % 3]}", "facet.field": facets}
            if n % 2
            else {"q": "*:*", "facet.field": facets, "rows": 20, "start": 20 * n + 200},
        )
        for n in range(args.requests)
    ]
    rng = random.Random(3)  # noqa: S311 (reproducible data, not secrets)
    filters = [
        (
            "/api/3/action/datastore_search",
            {"resource_id": str(resource.pk), "filters": {"町名": f"町{rng.randrange(200):03d}"}},
        )
        for _ in range(10)
    ] + [
        (
            "/api/3/action/datastore_search",
            {"resource_id": str(resource.pk), "filters": {"ID": f"P{rng.randrange(args.rows):07d}"}},
        )
        for _ in range(5)
    ]
    baseline = measure(client, [("/healthz", None)], args.requests)
    search = measure(client, searches, args.requests)
    search_new = measure(client, new_searches, args.requests, warm=False)
    datastore = measure(client, filters, args.requests)
    base = statistics.median(baseline)

    print(f"datasets published: {Dataset.objects.filter(state='published').count():,}")
    print(f"{'case':<44} {'p50 ms':>8} {'p95 ms':>8} {'target':>10} {'x baseline':>11}")
    for name, timings, target in (
        ("baseline /healthz", baseline, ""),
        ("package_search with 5 facets", search, "p95<=30"),
        ("package_search, each query new", search_new, ""),
        ("datastore_search, filter, 1M rows", datastore, "p95<=50"),
    ):
        print(
            f"{name:<44} {_p(timings, 0.5):>8.2f} {_p(timings, 0.95):>8.2f} {target:>10}"
            f" {statistics.median(timings) / base:>11.1f}"
        )
    print(f"{'load':<44} {'seconds':>8} {'rows/s':>10} {'speed vs psql':>14}")
    for name, seconds in (
        ("psql \\copy (baseline)", raw),
        ("portal COPY (queryable)", load),
        ("portal COPY + indexes", load + indexes),
    ):
        print(f"{name:<44} {seconds:>8.2f} {args.rows / seconds:>10,.0f} {raw / seconds:>14.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
