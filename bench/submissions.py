"""Benchmark: online submissions under load, production-like.

PostgreSQL, Redis, gunicorn with several worker processes (``MADOGUCHI_ENV=production``), and
``wrk`` on the same machine. The run:

1. builds a fresh database: the demo city, a two-step certificate form, and N complete drafts
   belonging to the demo residents, each with a signed-in session (prefill consented, answers in);
2. measures the trivial ``/healthz`` of the same app as the baseline;
3. has wrk POST each draft's review page once — each request is one submission, exactly as a
   resident's "この内容で申請する" — for a fixed time;
4. prints submissions/s, p50/p99 latency, errors, the stored submissions against the successful
   responses, the ratio to the baseline, and each app process's peak memory.

    bench/submissions [--seconds 20] [--connections 16] [--workers 2] [--drafts 12000]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "madoguchi_bench_submissions"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/5"
CSRF = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the token

FORM = {
    "steps": [
        {
            "key": "applicant",
            "title": {"ja": "申請者", "en": "Applicant"},
            "fields": [
                {
                    "key": "name",
                    "type": "japanese_name",
                    "label": {"ja": "氏名"},
                    "required": True,
                    "prefill": "full_name",
                },
                {
                    "key": "birth_date",
                    "type": "date",
                    "label": {"ja": "生年月日"},
                    "required": True,
                    "prefill": "birth_date",
                },
                {
                    "key": "address",
                    "type": "address",
                    "label": {"ja": "住所"},
                    "required": True,
                    "prefill": "address",
                },
                {"key": "email", "type": "email", "label": {"ja": "メールアドレス"}},
            ],
        },
        {
            "key": "request",
            "title": {"ja": "請求内容", "en": "Request"},
            "fields": [
                {
                    "key": "purpose",
                    "type": "choice",
                    "label": {"ja": "利用目的"},
                    "required": True,
                    "options": [
                        {"value": "bank", "label": {"ja": "金融機関"}},
                        {"value": "other", "label": {"ja": "その他"}},
                    ],
                },
                {
                    "key": "copies",
                    "type": "choice",
                    "widget": "select",
                    "label": {"ja": "通数"},
                    "required": True,
                    "options": [{"value": str(n), "label": {"ja": f"{n}通"}} for n in range(1, 11)],
                },
                {
                    "key": "fee",
                    "type": "fee",
                    "label": {"ja": "手数料"},
                    "unit_price": 300,
                    "times": "copies",
                },
            ],
        },
    ]
}

LUA = """
local lines = {}
for line in io.lines("%(targets)s") do lines[#lines + 1] = line end
local counter = 0
local stride = 1
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
function init(args)
  index = offset + 1
  stride = %(threads)d
end
function request()
  local line = lines[index]
  index = index + stride
  if index > #lines then index = offset + 1 end
  local session, draft = line:match("([^ ]+) ([^ ]+)")
  return wrk.format("POST", "/apply/d/" .. draft .. "/review/", {
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=%(csrf)s",
    ["X-CSRFToken"] = "%(csrf)s",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "")
end
"""


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "madoguchi.settings",
        "MADOGUCHI_ENV": "production",
        "SECRET_KEY": "bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "MADOGUCHI_OIDC_ISSUER": "https://idp.invalid",
        "MADOGUCHI_BASE_URL": "https://madoguchi.invalid",
        # Production refuses to start without these; the benchmark's procedure takes no payment.
        "MADOGUCHI_ENCRYPTION_KEYS": "bench1:" + "QmVuY2htYXJrS2V5Rm9yTWFkb2d1Y2hpU3VibWlzc2k=",
        "PAYMENTS_GATEWAY_URL": "https://pay.invalid/v1",
        "PAYMENTS_API_KEY": "bench-" + "p" * 40,
        "PAYMENTS_WEBHOOK_SECRET": "bench-" + "w" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }


def prepare(drafts: int, workdir: Path) -> Path:
    """A fresh database with ``drafts`` complete drafts; returns the file of (session, draft) lines."""
    subprocess.run(["dropdb", "--if-exists", "-U", "postgres", "-h", "127.0.0.1", DB_NAME], check=True)
    subprocess.run(["createdb", "-U", "postgres", "-h", "127.0.0.1", DB_NAME], check=True)
    subprocess.run(["redis-cli", "-n", "5", "flushdb"], capture_output=True)
    os.environ.update(env())
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.http import QueryDict

    from madoguchi.accounts.backends import BACKEND_PATH

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from madoguchi.cases import services
    from madoguchi.cases.models import Draft
    from madoguchi.demo.services import seed_organization, seed_residents, seed_staff
    from madoguchi.formbuilder import services as form_services
    from madoguchi.identity import services as identity_services
    from madoguchi.organization.selectors import department_by_code
    from madoguchi.procedures import services as procedure_services
    from madoguchi.registry.models import ResidentRecord

    print("preparing the city…", flush=True)
    municipality = seed_organization()
    seed_staff(municipality)
    from django.utils import timezone

    seed_residents(timezone.localdate())
    form_services.create_form(code="bench-certificate", title="証明書（ベンチマーク）", definition=FORM)
    procedure_services.upsert_procedure(
        code="bench-certificate",
        department=department_by_code(municipality, "shimin-madoguchi"),
        title="証明書の交付請求（ベンチマーク）",
        summary="ベンチマーク用",
        category="certificates",
        applicant_types=["self"],
        sign_in_level="account",
        fee_rule={"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通"},
        channel="online",
        processing_days=5,
        form_code="bench-certificate",
    )
    templates = []
    for code in ResidentRecord.objects.filter(is_head=True).values_list("resident_code", flat=True):
        user = identity_services.counter_account(resident_code=code, actor=None)
        draft = services.start_draft(applicant=user, procedure_code="bench-certificate", resident_code=code)
        services.consent_to_prefill(draft=draft, actor=user)
        services.save_step(
            draft=draft,
            step_key="applicant",
            data=QueryDict("email=bench%40example.jp"),
            files={},
            actor=user,
        )
        services.save_step(
            draft=draft, step_key="request", data=QueryDict("purpose=bank&copies=2"), files={}, actor=user
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = BACKEND_PATH
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        templates.append((Draft.objects.get(pk=draft.pk), session.session_key))
    print(f"{len(templates)} residents signed in; cloning {drafts:,} complete drafts…", flush=True)
    clones, lines = [], []
    for n in range(drafts):
        template, session_key = templates[n % len(templates)]
        clone = Draft(
            applicant_id=template.applicant_id,
            procedure_code=template.procedure_code,
            form_version_id=template.form_version_id,
            answers=template.answers,
            completed_steps=template.completed_steps,
            resident_code=template.resident_code,
            prefilled=template.prefilled,
            prefill_consent_at=template.prefill_consent_at,
        )
        clones.append(clone)
        lines.append(f"{session_key} {clone.pk}")
    Draft.objects.bulk_create(clones, batch_size=2000)
    targets = workdir / "targets.txt"
    targets.write_text("\n".join(lines) + "\n")
    return targets


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict[str, float]:
    threads = min(2, connections)
    command = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def number(pattern: str, default: float = 0.0) -> float:
        found = re.search(pattern, output)
        return float(found.group(1)) if found else default

    def millis(label: str) -> float:
        found = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output)
        if not found:
            return 0.0
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = number(r"(\d+) requests in")
    non_2xx = number(r"Non-2xx or 3xx responses: (\d+)")
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return {
        "rate": number(r"Requests/sec:\s+([\d.]+)"),
        "p50": millis("50%"),
        "p99": millis("99%"),
        "requests": requests,
        "errors": non_2xx + socket_errors,
        "ok": requests - non_2xx,
    }


def cpu_seconds_by_program(app_pids: list[str]) -> dict[str, float]:
    """CPU time (user + system) consumed so far by the app workers, PostgreSQL and Redis.

    Read before and after the load so the run shows where each submission's CPU goes — on a
    2-core machine every program's share comes out of the same budget.
    """
    tick = os.sysconf("SC_CLK_TCK")
    totals = {"app": 0.0, "postgres": 0.0, "redis": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended meanwhile
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if entry.name in app_pids:
            totals["app"] += seconds
        elif name.startswith("postgres"):
            totals["postgres"] += seconds
        elif name.startswith("redis-server"):
            totals["redis"] += seconds
    return totals


def worker_pids(master_pid: int) -> list[str]:
    return Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()


def peak_memory_mb(master_pid: int) -> list[float]:
    children = worker_pids(master_pid)
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return peaks


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--drafts", type=int, default=12000)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    workdir = Path(tempfile.mkdtemp(prefix="madoguchi-bench-"))
    targets = prepare(args.drafts, workdir)
    script = workdir / "submit.lua"
    script.write_text(LUA % {"targets": targets, "csrf": CSRF, "threads": min(2, args.connections)})
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "madoguchi.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "/dev/null",
        ],
        env={**env(), "STATIC_ROOT": str(workdir / "static")},
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 — our own server
                break
            except OSError:
                time.sleep(0.5)
        from madoguchi.cases.models import Submission

        baseline = wrk(f"{base}/healthz", max(5, args.seconds // 2), args.connections)
        before = Submission.objects.count()
        workers = worker_pids(server.pid)
        cpu_before = cpu_seconds_by_program(workers)
        wrk_before = os.times()
        load = wrk(base, args.seconds, args.connections, script)
        wrk_after = os.times()
        cpu_after = cpu_seconds_by_program(workers)
        time.sleep(1)
        stored = Submission.objects.count() - before
        memory = peak_memory_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print()
    print(f"gunicorn workers: {args.workers}; wrk connections: {args.connections}; {args.seconds}s")
    print(f"{'case':<24} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, result in (("baseline GET /healthz", baseline), ("POST submission", load)):
        print(
            f"{name:<24} {result['rate']:>9.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} {result['errors']:>7.0f}"
        )
    from madoguchi.cases.models import Draft

    # wrk stops counting at its deadline, but requests already sent are still served and stored,
    # so stored ≥ successful responses. Lost = answered "done" but not stored; duplicated = more
    # submissions than submitted drafts (the schema forbids it: checked here, not assumed).
    duplicated = Submission.objects.count() - Draft.objects.filter(submission__isnull=False).count()
    print(
        f"successful submission responses: {load['ok']:.0f}; submissions stored: {stored} "
        f"({max(0, stored - load['ok']):.0f} were in flight when wrk stopped); "
        f"lost: {max(0, load['ok'] - stored):.0f}; duplicated: {duplicated}"
    )
    print(f"ratio submissions/s to baseline: {load['rate'] / baseline['rate']:.3f}")
    cpu = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
    cpu["wrk"] = (wrk_after.children_user + wrk_after.children_system) - (
        wrk_before.children_user + wrk_before.children_system
    )
    per = max(load["requests"], 1)
    print(
        "CPU ms per submission: "
        + ", ".join(f"{name} {seconds * 1000 / per:.2f}" for name, seconds in cpu.items())
        + f"; total {sum(cpu.values()) * 1000 / per:.2f}"
    )
    print("peak memory per app process (MB): " + ", ".join(f"{m:.0f}" for m in memory))
    if load["requests"] > args.drafts:
        print("note: more requests than drafts — some were repeats, answered idempotently")
    return 0


if __name__ == "__main__":
    sys.exit(main())
