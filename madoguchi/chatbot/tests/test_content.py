"""Every FAQ content file (``chatbot/data/faqs/*.json``) loads: this is the one test that reads them.

The content is written by people, so the checks say exactly which file and key is wrong: keys
unique across files, ja / easy_ja / en present, departments and procedures that exist, links
that resolve. The benchmark's labelled questions must name FAQs that exist.
"""

from __future__ import annotations

import json
from pathlib import Path

from madoguchi.chatbot import markup
from madoguchi.chatbot.models import LANGUAGES, REQUIRED_LANGUAGES
from madoguchi.chatbot.services import FAQ_DATA_DIR
from madoguchi.demo.data.organization import DEPARTMENTS
from madoguchi.demo.data.procedures import PROCEDURES

BENCH_QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "chatbot" / "questions"
STYLES = {"colloquial", "typo", "kana", "abbrev", "polite", "blunt", "easy", "en", "other"}


def _department_codes() -> set[str]:
    codes = set()
    for bu in DEPARTMENTS:
        codes.add(bu["code"])
        for ka in bu["sections"]:
            codes.add(ka["code"])
            codes.update(unit["code"] for unit in ka["units"])
    return codes


def _entries():
    for path in sorted(FAQ_DATA_DIR.glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        assert content.get("topic") and content.get("topic_en"), f"{path.name}: topic / topic_en"
        for entry in content["entries"]:
            yield path.name, entry


def test_every_faq_file_is_complete_and_points_at_things_that_exist():
    departments = _department_codes()
    procedures = {procedure["code"] for procedure in PROCEDURES}
    seen: dict[str, str] = {}
    problems = []
    for name, entry in _entries():
        key = entry.get("key", "")
        where = f"{name} {key}"
        if key in seen:
            problems.append(f"{where}: key also in {seen[key]}")
        seen[key] = name
        for lang in REQUIRED_LANGUAGES:
            for part in ("question", "answer"):
                if not (entry.get(part) or {}).get(lang, "").strip():
                    problems.append(f"{where}: {part}.{lang} missing")
        for part in ("question", "answer", "variants"):
            unknown = set(entry.get(part) or {}) - set(LANGUAGES)
            if unknown:
                problems.append(f"{where}: {part} in unknown languages {sorted(unknown)}")
        if entry.get("department") not in departments:
            problems.append(f"{where}: unknown department {entry.get('department')!r}")
        if entry.get("procedure") and entry["procedure"] not in procedures:
            problems.append(f"{where}: unknown procedure {entry['procedure']!r}")
        for lang, answer in (entry.get("answer") or {}).items():
            for _label, url in markup.links(answer):
                if not markup.is_safe_url(url):
                    problems.append(f"{where}: answer.{lang} links to {url}")
                found = markup.PROCEDURE_LINK.match(url)
                if found and found.group(1) not in procedures:
                    problems.append(f"{where}: answer.{lang} links to unknown procedure {url}")
    assert not problems, "\n".join(problems)


def test_every_labelled_benchmark_question_names_an_faq_that_exists():
    keys = {entry["key"] for _name, entry in _entries()}
    problems = []
    for path in sorted(BENCH_QUESTIONS.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("expected") not in keys:
                problems.append(f"{path.name}:{number}: unknown FAQ {row.get('expected')!r}")
            if row.get("lang") not in LANGUAGES or row.get("style") not in STYLES or not row.get("q"):
                problems.append(f"{path.name}:{number}: bad lang, style or q")
    assert not problems, "\n".join(problems)
