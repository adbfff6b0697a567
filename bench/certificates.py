"""Benchmark: issuing signed certificates (render + PAdES B-LT signature + storage).

One process, SQLite in a temporary folder, the demo PKI made fresh for the run. It:

1. registers one fictional household with a seal registration and tax records;
2. issues N certificates through ``certificates.services.issue_certificate`` (the four kinds in
   turn), timing the whole issue and, inside it, the rendering and the signing;
3. every tenth certificate, also has pyHanko sign a blank one-page PDF with the same key, TSA
   and validation context — the baseline, interleaved so that the shared machine's load hits
   both alike;
4. prints the medians, the ratio of render+sign to the blank signature (target ≤ 2×), and the
   process's peak memory (max RSS).

    bench/certificates [--count 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(var_dir: str) -> None:
    os.environ["MADOGUCHI_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _household() -> tuple[object, str]:
    from madoguchi.accounts.services import create_staff_user
    from madoguchi.certificates import services
    from madoguchi.registry.services import Member, register_household

    code = "08208299001"
    register_household(
        household_code="0820829901",
        postal_code="3010001",
        address="茨城県龍ケ崎市久保台2丁目3番4号",
        town="久保台",
        members=[
            Member(
                resident_code=code,
                last_name="龍ケ崎",
                first_name="太郎",
                last_name_kana="リュウガサキ",
                first_name_kana="タロウ",
                birth_date=dt.date(1985, 6, 1),
                sex="male",
                relationship="世帯主",
                became_resident_on=dt.date(2015, 4, 1),
                previous_address="茨城県牛久市中央3丁目15番1号",
            ),
            *(
                Member(
                    resident_code=f"0820829900{index}",
                    last_name="龍ケ崎",
                    first_name=name,
                    last_name_kana="リュウガサキ",
                    first_name_kana=kana,
                    birth_date=born,
                    sex=sex,
                    relationship=relationship,
                    became_resident_on=dt.date(2015, 4, 1),
                )
                for index, (name, kana, born, sex, relationship) in enumerate(
                    [
                        ("花子", "ハナコ", dt.date(1987, 2, 3), "female", "妻"),
                        ("一郎", "イチロウ", dt.date(2016, 7, 8), "male", "子"),
                        ("二葉", "フタバ", dt.date(2019, 9, 9), "female", "子"),
                    ],
                    start=2,
                )
            ),
        ],
    )
    services.register_seal(
        resident_code=code,
        registration_number="990001",
        registered_on=dt.date(2016, 5, 1),
        engraving="龍ケ崎",
    )
    services.record_tax_assessment(
        resident_code=code, fiscal_year=2026, salary_income=5_200_000, dependents=3
    )
    services.record_tax_payment(
        resident_code=code, fiscal_year=2026, tax_item="市県民税", assessed=180_000, paid=180_000
    )
    actor = create_staff_user(username="bench", last_name="計測", first_name="担当")
    return actor, code


def _blank_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _timed(module, name: str, samples: list[float]) -> None:
    """Wrap ``module.name`` so each call's duration lands in ``samples``."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            samples.append(time.perf_counter() - start)

    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="madoguchi-bench-certificates-") as var_dir:
        _setup(var_dir)
        from madoguchi.certificates import render, services, signing
        from madoguchi.certificates.models import Certificate, CertificateKind

        actor, code = _household()
        setup_started = time.perf_counter()
        signing.signing_setup()
        print(f"demo PKI made in {time.perf_counter() - setup_started:.2f} s")
        blank = _blank_pdf()
        signing.sign_pdf(blank, reason="warm-up", location="bench")  # first signature loads fonts, caches

        renders: list[float] = []
        signs: list[float] = []
        _timed(render, "render_pdf", renders)
        _timed(signing, "sign_pdf", signs)
        totals: list[float] = []
        baseline: list[float] = []
        kinds = list(CertificateKind.values)
        started = time.perf_counter()
        for index in range(args.count):
            begin = time.perf_counter()
            services.issue_certificate(kind=kinds[index % len(kinds)], resident_code=code, actor=actor)
            totals.append(time.perf_counter() - begin)
            if index % 10 == 0:
                blank_signs = len(signs)
                begin = time.perf_counter()
                signing.sign_pdf(blank, reason="baseline", location="bench")
                baseline.append(time.perf_counter() - begin)
                del signs[blank_signs:]
            if (index + 1) % 100 == 0:
                print(f"  {index + 1} issued", file=sys.stderr)
        elapsed = time.perf_counter() - started
        stored = Certificate.objects.count()
        codes = Certificate.objects.values("verification_code").distinct().count()

    render_sign = [r + s for r, s in zip(renders, signs, strict=True)]
    median = statistics.median
    base = median(baseline)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\ncertificates issued: {args.count} in {elapsed:.1f} s ({args.count / elapsed:.1f}/s); stored {stored}, distinct codes {codes}"
    )
    print(f"{'case':<44}{'median ms':>10}{'p90 ms':>10}")
    for label, samples in (
        ("baseline: pyHanko signs a blank 1-page PDF", baseline),
        ("render (reportlab)", renders),
        ("sign (PAdES B-LT: signature, TSA, DSS)", signs),
        ("render + sign", render_sign),
        ("whole issue (read, render, sign, store)", totals),
    ):
        p90 = statistics.quantiles(samples, n=10)[-1] if len(samples) > 1 else samples[0]
        print(f"{label:<44}{median(samples) * 1000:>10.1f}{p90 * 1000:>10.1f}")
    print(f"\nratio render+sign / blank signature: {median(render_sign) / base:.2f}x (target <= 2x)")
    print(f"ratio whole issue / blank signature: {median(totals) / base:.2f}x")
    print(f"peak memory (max RSS) of the process: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
