"""Benchmark: "my pending approvals" and full-text search over 100,000 drafts with 6-stage routes.

Builds (once; ``--rebuild`` to redo) a PostgreSQL database with the demo organisation, staff and
authority matrix and N drafts, each with a six-stage route (three approvals, a two-person 合議,
one more approval, the decision): 90 % decided, 10 % in circulation with a stage waiting. The
drafts are indexed in the shared text index (textsearch). Then, through Django's full request
handling in-process (server time, no network), a 課長 opens the pending-approvals inbox and
searches; ``/healthz`` is measured the same way as the baseline. Prints p50/p95/p99, queries per
page, and the ratio to the baseline.

    bench/approvals [--drafts 100000] [--requests 200] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

DB_NAME = "madoguchi_bench_approvals"

# Words the generated titles and bodies are made of: enough combinations that a content word
# appears in a few per cent of the drafts, as in a real city's documents.
SUBJECTS = [
    "庁内ネットワーク",
    "無線LAN",
    "基幹系システム",
    "住民記録システム",
    "税務システム",
    "防災行政無線",
    "公用車",
    "市民会館",
    "体育館",
    "図書館",
    "保育所",
    "学童クラブ",
    "小学校",
    "中学校",
    "給食センター",
    "浄水場",
    "下水処理場",
    "道路照明",
    "公園遊具",
    "河川護岸",
    "ごみ収集車",
    "資源回収",
    "戸籍システム",
    "国保システム",
    "介護認定",
    "障がい福祉サービス",
    "子育て支援",
    "健康診査",
    "予防接種",
    "観光案内所",
    "商店街",
    "農業用水路",
    "文化財",
    "選挙事務",
    "広報紙",
    "ホームページ",
    "防犯カメラ",
    "消防団",
    "避難所",
    "備蓄倉庫",
    "コミュニティバス",
    "市営住宅",
    "駐輪場",
    "庁舎空調",
    "庁舎照明",
    "電子申請",
    "窓口端末",
    "マイナンバーカード",
]
ACTIONS = [
    "更新",
    "修繕",
    "購入",
    "委託契約",
    "賃貸借契約",
    "点検",
    "導入",
    "廃止",
    "見直し",
    "改修",
    "入札",
    "随意契約",
    "補助金交付",
    "使用許可",
    "設計",
    "調査",
    "実施計画",
    "予算要求",
    "監査対応",
    "規程改正",
]
REASONS = [
    "老朽化",
    "法改正",
    "利用者の増加",
    "安全性の確保",
    "経費の削減",
    "国の補助制度",
    "市民からの要望",
    "監査の指摘",
    "災害への備え",
    "業務の効率化",
    "ペーパーレス化",
    "脱炭素",
]
QUERIES = (
    "無線LANの更新",
    "防災行政無線 点検",
    "保育所の修繕",
    "マイナンバーカード 窓口端末",
    "ごみ収集車を購入",
    "図書館 委託契約",
    "監査の指摘",
    "コミュニティバスの見直し",
    "学童クラブ 補助金交付",
    "庁舎空調の改修",
)


def setup(drafts: int, rebuild: bool) -> None:
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
    from madoguchi.approvals.models import Draft
    from madoguchi.demo.services import seed_approvals, seed_organization, seed_staff

    municipality = seed_organization()
    seed_staff(municipality)
    seed_approvals(municipality)
    if Draft.objects.count() >= drafts:
        return
    from madoguchi.approvals.selectors import matter_classes
    from madoguchi.organization.models import Department
    from madoguchi.organization.selectors import memberships_on

    posts = [(m.user_id, m.department_id, m.position_id) for m in memberships_on().order_by("pk")]
    sections = list(Department.objects.filter(level="ka").values_list("pk", flat=True))
    matter = matter_classes().get(code="spending").pk
    print(f"generating {drafts:,} drafts with 6-stage routes…", flush=True)
    started = time.perf_counter()
    params = {
        "n": drafts,
        "subjects": SUBJECTS,
        "actions": ACTIONS,
        "reasons": REASONS,
        "ns": len(SUBJECTS),
        "na": len(ACTIONS),
        "nr": len(REASONS),
        "sections": sections,
        "nsec": len(sections),
        "users": [p[0] for p in posts],
        "depts": [p[1] for p in posts],
        "positions": [p[2] for p in posts],
        "np": len(posts),
        "matter": matter,
    }
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO approvals_draft (title, body, department_id, drafter_id, matter_id, retention, disclosure,
                disclosure_ground, status, is_electronic, subject_type, subject_ref, subject_outcome, created_at,
                submitted_at, closed_at)
            SELECT (%(subjects)s::text[])[1 + g %% %(ns)s] || 'の' || (%(actions)s::text[])[1 + (g / %(ns)s) %% %(na)s]
                       || 'について',
                   (%(reasons)s::text[])[1 + (g / 7) %% %(nr)s] || 'のため、'
                       || (%(subjects)s::text[])[1 + (g / 3) %% %(ns)s] || 'の'
                       || (%(actions)s::text[])[1 + (g / 11) %% %(na)s] || 'を行ってよろしいか伺います。',
                   (%(sections)s::bigint[])[1 + g %% %(nsec)s], (%(users)s::bigint[])[1 + g %% %(np)s],
                   %(matter)s, 5, 'public', '', 'in_route', true, '', '', '',
                   now() - make_interval(mins => g * 5), now() - make_interval(mins => g * 5), NULL
            FROM generate_series(1, %(n)s) AS g
            """,
            params,
        )
        # Stage 4 is the 合議; an in-route draft (id divisible by 10) waits at stage 1 + id % 6.
        cursor.execute(
            """
            INSERT INTO approvals_stage (draft_id, "order", kind, mode, status, activated_at)
            SELECT d.id, o, CASE o WHEN 4 THEN 'consult' WHEN 6 THEN 'decide' ELSE 'approve' END, 'all',
                   CASE WHEN d.id %% 10 <> 0 OR o < 1 + d.id %% 6 THEN 'done'
                        WHEN o = 1 + d.id %% 6 THEN 'active' ELSE 'pending' END,
                   CASE WHEN d.id %% 10 <> 0 OR o <= 1 + d.id %% 6 THEN d.created_at + make_interval(hours => o)
                        END
            FROM approvals_draft d CROSS JOIN generate_series(1, 6) AS o
            """,
            params,
        )
        cursor.execute(
            """
            INSERT INTO approvals_stagemember (stage_id, user_id, department_id, position_id, status, acted_at,
                                               waiting_since)
            SELECT s.id, (%(users)s::bigint[])[1 + (s.draft_id * 7 + s."order" + k) %% %(np)s],
                   (%(depts)s::bigint[])[1 + (s.draft_id * 7 + s."order" + k) %% %(np)s],
                   (%(positions)s::bigint[])[1 + (s.draft_id * 7 + s."order" + k) %% %(np)s],
                   CASE s.status WHEN 'done' THEN (CASE s.kind WHEN 'decide' THEN 'decided' ELSE 'approved' END)
                                 WHEN 'active' THEN 'waiting' ELSE 'queued' END,
                   CASE s.status WHEN 'done' THEN s.activated_at END,
                   CASE s.status WHEN 'active' THEN s.activated_at END
            FROM approvals_stage s CROSS JOIN generate_series(0, 1) AS k
            WHERE k = 0 OR s.kind = 'consult'
            """,
            params,
        )
        cursor.execute(
            """
            UPDATE approvals_draft SET status = 'decided', closed_at = created_at + interval '3 days'
            WHERE id %% 10 <> 0
            """,
            params,
        )
    with connection.cursor() as cursor:
        for table in ("approvals_draft", "approvals_stage", "approvals_stagemember"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"generated in {time.perf_counter() - started:.0f} s; indexing for full-text search…", flush=True)
    started = time.perf_counter()
    from madoguchi.records.services import rebuild_search_index

    rebuild_search_index()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE textsearch_posting")
        cursor.execute("VACUUM ANALYZE textsearch_indexeddocument")
    print(f"indexed in {time.perf_counter() - started:.0f} s", flush=True)


def timed(call, runs: int) -> list[float]:
    call()  # warm caches and connections
    timings = []
    for index in range(runs):
        started = time.perf_counter()
        call(index)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drafts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    setup(args.drafts, args.rebuild)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.accounts.testing import force_login_with_mfa
    from madoguchi.approvals.models import Draft, StageMember
    from madoguchi.approvals.selectors import pending_count_key, pending_for
    from madoguchi.textsearch.selectors import search

    user = staff_by_username("terakado.s")
    client = Client(HTTP_HOST="127.0.0.1")
    force_login_with_mfa(client, user)  # password and one-time password, as staff sign in

    def get(path: str):
        def call(index: int = 0) -> None:
            response = client.get(path)
            assert response.status_code == 200, response.status_code

        return call

    def inbox_cold(index: int = 0) -> None:
        cache.delete(pending_count_key(user.pk))  # the count recomputed, as after an action
        get("/staff/approvals/")()

    def search_selector(index: int = 0) -> None:
        search(namespace="approvals.draft", query=QUERIES[index % len(QUERIES)], limit=10)

    def search_page(index: int = 0) -> None:
        get(f"/staff/records/search/?q={QUERIES[index % len(QUERIES)]}")()

    cases = [
        ("baseline /healthz", get("/healthz"), "/healthz"),
        ("inbox (count cached)", get("/staff/approvals/"), "/staff/approvals/"),
        ("inbox (count recomputed)", inbox_cold, None),
        ("search, selector", search_selector, None),
        ("search page (3 indexes)", search_page, f"/staff/records/search/?q={QUERIES[0]}"),
    ]
    rows = []
    for name, call, path in cases:
        timings = timed(call, args.requests)
        queries = None
        if path is not None:
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            queries = len(captured)
        rows.append((name, timings, queries))
    base = statistics.median(rows[0][1])
    print(f"drafts: {Draft.objects.count():,}; stage places: {StageMember.objects.count():,}; ", end="")
    print(f"waiting for {user.username}: {pending_for(user).count()}")
    print(f"{'case':<26} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'queries':>8} {'x baseline':>11}")
    for name, timings, queries in rows:
        ordered = sorted(timings)
        p50 = statistics.median(timings)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        p99 = ordered[int(0.99 * (len(ordered) - 1))]
        shown = "—" if queries is None else str(queries)
        print(
            f"{name:<26} {p50 * 1000:>8.2f} {p95 * 1000:>8.2f} {p99 * 1000:>8.2f} {shown:>8} {p50 / base:>11.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
