"""Benchmark: the department inbox's first page with a status filter, over 1,000,000 cases.

Builds (once; ``--rebuild`` to redo) a PostgreSQL database with the demo organisation and N
submissions spread over every 課 and status, then requests the inbox as a 課 member through
Django's full request handling in-process (server time, no network), and the trivial
``/healthz`` the same way as the baseline. Prints p50/p99 and the queries per page.

    bench/inbox [--cases 1000000] [--requests 200] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

DB_NAME = "madoguchi_bench_inbox"


def setup(cases: int, rebuild: bool) -> None:
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
    if rebuild:
        subprocess.run(["dropdb", "--if-exists", "-U", "postgres", "-h", "127.0.0.1", DB_NAME], check=True)
    subprocess.run(["createdb", "-U", "postgres", "-h", "127.0.0.1", DB_NAME], capture_output=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from madoguchi.cases.models import Submission
    from madoguchi.demo.services import seed_organization, seed_staff
    from madoguchi.organization.models import Department
    from madoguchi.procedures.services import upsert_procedure

    municipality = seed_organization()
    seed_staff(municipality)
    # Every division is responsible for a procedure, as in the real catalogue: cases are filed there.
    for section in Department.objects.filter(level="ka"):
        upsert_procedure(
            code=f"bench-{section.code}",
            department=section,
            title=f"ベンチマーク（{section.name}）",
            summary="ベンチマーク用",
            category="registration",
            applicant_types=["self"],
            sign_in_level="account",
            fee_rule={"type": "free"},
            channel="online",
            processing_days=14,
            is_published=False,
        )
    if Submission.objects.count() >= cases:
        return
    from madoguchi.formbuilder.models import Form, FormVersion

    form, _ = Form.objects.get_or_create(code="bench", defaults={"title": "ベンチマーク"})
    version, _ = FormVersion.objects.get_or_create(
        form=form, number=1, defaults={"definition": {"steps": []}}
    )
    from madoguchi.accounts.models import User

    applicant, _ = User.objects.get_or_create(username="bench-resident", defaults={"kind": "resident"})
    sections = list(Department.objects.filter(level="ka").values_list("pk", flat=True))
    statuses = [choice for choice, _label in Submission.Status.choices]
    print(f"generating {cases:,} cases over {len(sections)} divisions…", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO cases_draft (id, applicant_id, procedure_code, form_version_id, answers, completed_steps,
                                     resident_code, prefilled, prefill_declined, created_at, updated_at, submitted_at)
            SELECT md5('bench' || g)::uuid, %(applicant)s, 'bench', %(version)s, '{}', '[]', '', '{}', false,
                   now(), now(), now()
            FROM generate_series(1, %(n)s) AS g
            """,
            {"applicant": applicant.pk, "version": version.pk, "n": cases},
        )
        cursor.execute(
            """
            INSERT INTO cases_submission (receipt_number, draft_id, applicant_id, resident_code, procedure_code,
                                          procedure_title, department_id, form_version_id, answers, fee, status,
                                          payment_flag, submitted_at, due_on, updated_at)
            SELECT lpad(g::text, 14, '0'), md5('bench' || g)::uuid, %(applicant)s, '', 'bench', 'ベンチマーク',
                   (%(sections)s::bigint[])[1 + g %% %(n_sections)s], %(version)s, '{}', 0,
                   (%(statuses)s::text[])[1 + (g / 7) %% %(n_statuses)s], '',
                   now() - make_interval(secs => g * 30), (now() - make_interval(secs => g * 30))::date + 14, now()
            FROM generate_series(1, %(n)s) AS g
            """,
            {
                "applicant": applicant.pk,
                "version": version.pk,
                "n": cases,
                "sections": sections,
                "n_sections": len(sections),
                "statuses": statuses,
                "n_statuses": len(statuses),
            },
        )
    # What autovacuum would have done by the time staff open the inbox (index-only scans need it).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_submission")
        cursor.execute("VACUUM ANALYZE cases_draft")
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def measure(client, path: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches and connections
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return timings, len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    setup(args.cases, args.rebuild)
    from django.test import Client

    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.accounts.testing import force_login_with_mfa
    from madoguchi.cases.models import Submission

    client = Client(HTTP_HOST="127.0.0.1")
    clerk = staff_by_username("sakamoto.m")
    force_login_with_mfa(client, clerk)  # password and one-time password, as staff sign in
    rows = []
    for name, path in (
        ("baseline /healthz", "/healthz"),
        ("inbox, status filter", "/staff/inbox/?status=under_review"),
        ("inbox, no filter", "/staff/inbox/"),
    ):
        timings, queries = measure(client, path, args.requests)
        rows.append((name, timings, queries))
    base = statistics.median(rows[0][1])
    print(f"cases in database: {Submission.objects.count():,}")
    print(f"{'case':<24} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} {'x baseline':>11}")
    for name, timings, queries in rows:
        p50 = statistics.median(timings)
        p99 = sorted(timings)[int(0.99 * (len(timings) - 1))]
        print(f"{name:<24} {p50 * 1000:>8.2f} {p99 * 1000:>8.2f} {queries:>8} {p50 / base:>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
