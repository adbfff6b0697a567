"""Benchmark: the chatbot's answers to the labelled questions, against a plain trigram baseline.

Loads the FAQ content (``madoguchi/chatbot/data/faqs``) into a fresh database (SQLite in a
temporary folder, or ``DATABASE_URL`` if set), asks every labelled question in
``bench/chatbot/questions/*.jsonl`` through the same service the web page, API and LINE use,
and prints top-1 / top-3 accuracy (overall, by style and by language), p50/p95 answer latency,
the time to rebuild the index for 1,000 FAQs, and the process's peak memory. The baseline
ranks the same FAQs by how many of the question's character trigrams occur in each FAQ's text
(what a LIKE '%…%' search does), in the same run.

The labelled questions are split in two halves by a hash of their text: a **dev** half that
engineers read the misses of and tune on, and a **held-out** half whose misses are never listed,
so its accuracy says how the chatbot does on questions nobody tuned for. Both are reported.

    bench/chatbot/run [--show-misses]      # misses of the dev half only
    bench/chatbot/run --semantic           # with the optional semantic retrieval on (embeds the
                                           # FAQs' phrasings first: minutes on one core)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "bench" / "chatbot" / "questions"


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        os.environ["MADOGUCHI_VAR_DIR"] = tempfile.mkdtemp(prefix="madoguchi-bench-chatbot-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
    os.environ["MADOGUCHI_CHATBOT_RATE_PER_MINUTE"] = "1000000"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from madoguchi.chatbot.services import load_faq_files
    from madoguchi.demo.services import seed_organization
    from madoguchi.procedures.services import seed_catalogue

    seed_catalogue(municipality=seed_organization())
    load_faq_files()


def labelled() -> list[dict]:
    rows = []
    for path in sorted(QUESTIONS.glob("*.jsonl")):
        rows.extend(
            json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        )
    return rows


def half(question: str) -> str:
    """``dev`` or ``held-out``: a stable split by the question's text (SHA-256, first byte's parity),
    so a question added later falls into a half without moving the others."""
    return "dev" if hashlib.sha256(question.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def _grams(text: str, n: int) -> set[str]:
    text = "".join(unicodedata.normalize("NFKC", text).lower().split())
    return {text[i : i + n] for i in range(max(1, len(text) - n + 1))}


class TrigramBaseline:
    """Rank FAQs by the number of the question's character trigrams found in their text."""

    def __init__(self, faqs) -> None:
        self.texts = {}
        for faq in faqs:
            parts = [*faq.question.values(), *faq.answer.values(), *faq.keywords]
            parts += [v for values in faq.variants.values() for v in values]
            self.texts[faq.key] = "".join(unicodedata.normalize("NFKC", " ".join(parts)).lower().split())

    def rank(self, question: str) -> list[str]:
        grams = _grams(question, 3 if len(question) > 3 else 2)
        scores = {key: sum(gram in text for gram in grams) for key, text in self.texts.items()}
        return [key for key, score in sorted(scores.items(), key=lambda kv: -kv[1]) if score > 0][:3]


def rebuild_seconds(faqs, target: int = 1000) -> tuple[float, float]:
    """Index ``target`` FAQs (the content repeated under new keys) in scratch namespaces.

    Returns wall-clock and this process's CPU seconds: on a shared machine the first includes
    waiting for a core, the second does not (the database work of SQLite is in-process).
    """
    from madoguchi.chatbot.services import FIELD_WEIGHTS, _documents
    from madoguchi.textsearch import services as textsearch

    documents: dict[str, list] = defaultdict(list)
    for number in range(target):
        faq = faqs[number % len(faqs)]
        for space, fields, lang in _documents(faq):
            documents[f"bench-{space}"].append((f"{faq.key}-{number}", fields, lang))
    started, cpu = time.perf_counter(), time.process_time()
    for space, docs in documents.items():
        textsearch.rebuild(namespace=space, documents=docs, weights=FIELD_WEIGHTS)
    elapsed = (time.perf_counter() - started, time.process_time() - cpu)
    for space in documents:
        textsearch.rebuild(namespace=space, documents=[])
    return elapsed


def pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}%" if total else "   – "


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--show-misses", action="store_true", help="list the dev half's questions answered wrongly"
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="turn the optional semantic retrieval on (MADOGUCHI_CHATBOT_SEMANTIC) and embed the FAQs first",
    )
    args = parser.parse_args()
    setup()
    from django.db import connection

    from madoguchi.chatbot.models import FAQ
    from madoguchi.chatbot.services import ask

    faqs = list(FAQ.objects.filter(status=FAQ.Status.PUBLISHED))
    rows = labelled()
    print(f"database: {connection.vendor}; FAQs: {len(faqs)}; labelled questions: {len(rows)}")
    if args.semantic:
        from django.conf import settings

        from madoguchi.chatbot.services import embed_faqs

        settings.MADOGUCHI_CHATBOT_SEMANTIC = True  # after loading the FAQs: embedding is timed here
        started, cpu = time.perf_counter(), time.process_time()
        embedded = embed_faqs()
        print(
            f"semantic vectors: {embedded} phrasings embedded in {time.perf_counter() - started:.1f} s wall, "
            f"{time.process_time() - cpu:.1f} s CPU"
        )
    ask(question="ウォームアップ")  # load the dictionary (and the vectors) before timing
    baseline = TrigramBaseline(faqs)
    totals = defaultdict(lambda: [0, 0, 0, 0, 0])  # n, top1, top3, base top1, base top3
    latencies: list[float] = []
    cpu_times: list[float] = []
    misses = []
    confident_right = confident_wrong = 0
    for row in rows:
        started, cpu = time.perf_counter(), time.process_time()
        reply = ask(question=row["q"], lang=row["lang"])
        latencies.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
        keys = [c.faq.key for c in reply.answers.candidates]
        base = baseline.rank(row["q"])
        if reply.answers.confident:
            if keys[:1] == [row["expected"]]:
                confident_right += 1
            else:
                confident_wrong += 1
        split = half(row["q"])
        for group in ("all", split, f"style:{row['style']}", f"lang:{row['lang']}"):
            total = totals[group]
            total[0] += 1
            total[1] += keys[:1] == [row["expected"]]
            total[2] += row["expected"] in keys[:3]
            total[3] += base[:1] == [row["expected"]]
            total[4] += row["expected"] in base[:3]
        if keys[:1] != [row["expected"]] and split == "dev":
            misses.append((row, keys[:3]))
    print(f"\n{'group':<18} {'n':>4} {'top-1':>7} {'top-3':>7} {'base-1':>7} {'base-3':>7}")
    order = {"all": 0, "dev": 1, "held-out": 2}
    for group in sorted(totals, key=lambda g: (order.get(g, 3), g)):
        n, top1, top3, base1, base3 = totals[group]
        print(f"{group:<18} {n:>4} {pct(top1, n)} {pct(top3, n)} {pct(base1, n)} {pct(base3, n)}")
    n, top1, top3, base1, base3 = totals["all"]
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"\ntop-1 {pct(top1, n)} (baseline {pct(base1, n)}, ×{top1 / max(base1, 1):.2f})")
    print(f"top-3 {pct(top3, n)} (baseline {pct(base3, n)}, ×{top3 / max(base3, 1):.2f})")
    for split in ("dev", "held-out"):
        n_split, top1_split, top3_split = totals[split][:3]
        print(f"  {split:<9} n={n_split}: top-1 {pct(top1_split, n_split)}, top-3 {pct(top3_split, n_split)}")
    answered = confident_right + confident_wrong
    print(f"confident answers: {answered} of {n}, of which right {pct(confident_right, answered)}")
    cpu_times.sort()
    cpu50 = statistics.median(cpu_times) * 1000
    cpu95 = cpu_times[int(0.95 * (len(cpu_times) - 1))] * 1000
    print(f"answer latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms (ask(): analysis, search, log write)")
    print(f"answer CPU time: p50 {cpu50:.1f} ms, p95 {cpu95:.1f} ms")
    wall, cpu_seconds = rebuild_seconds(faqs)
    print(f"index rebuild for 1,000 FAQs: {wall:.2f} s wall, {cpu_seconds:.2f} s CPU")
    print(f"machine load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"peak process memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.show_misses:
        print("\nmisses of the dev half (expected ← got; the held-out half's are not listed):")
        for row, keys in misses:
            print(f"  [{row['lang']}/{row['style']}] {row['q']!r}: {row['expected']} ← {keys}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
