"""The seeded chatbot FAQ files and the benchmark's labelled questions must stay loadable and true.

The FAQ entries (``madoguchi/chatbot/data/faqs/*.json``) are written by hand for several topics at
once; the benchmark (``bench/chatbot/questions/*.jsonl``) labels each question with an FAQ key.
A typo in a key, a department or a procedure code would only show up as a wrong answer in the
widget or a silently lower benchmark score, so it is caught here instead.
"""

import json
import re
from pathlib import Path

import pytest

from madoguchi.demo.data.organization import DEPARTMENTS
from madoguchi.demo.data.procedures import PROCEDURES

ROOT = Path(__file__).resolve().parent.parent
FAQ_DIR = ROOT / "madoguchi" / "chatbot" / "data" / "faqs"
QUESTION_DIR = ROOT / "bench" / "chatbot" / "questions"

pytestmark = pytest.mark.sqlite_subset

REQUIRED_LANGUAGES = {"ja", "easy_ja", "en"}
OPTIONAL_LANGUAGES = {"zh", "ko", "vi", "pt"}
ENTRY_FIELDS = {"key", "category", "department", "procedure", "keywords", "question", "variants", "answer"}
_LINK = re.compile(r"\]\(/procedures/([a-z0-9-]+)/\)")


def _entries() -> list[dict]:
    entries = []
    for path in sorted(FAQ_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) == {"topic", "topic_en", "entries"}, path.name
        entries.extend(data["entries"])
    return entries


def _questions() -> list[dict]:
    return [
        json.loads(line)
        for path in sorted(QUESTION_DIR.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_faq_keys_are_unique_ascii_slugs():
    keys = [entry["key"] for entry in _entries()]
    assert keys, "no FAQ entries found"
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) for key in keys)


def test_faq_entries_name_real_departments_and_procedures():
    sections = {section["code"] for department in DEPARTMENTS for section in department["sections"]}
    procedures = {procedure["code"] for procedure in PROCEDURES}
    for entry in _entries():
        assert set(entry) == ENTRY_FIELDS, entry["key"]
        assert entry["department"] in sections, entry["key"]
        assert entry["procedure"] is None or entry["procedure"] in procedures, entry["key"]
        linked = set(_LINK.findall(" ".join(entry["answer"].values())))
        assert linked <= procedures, (entry["key"], linked - procedures)


def test_faq_entries_answer_every_language_they_ask_in():
    for entry in _entries():
        languages = set(entry["question"])
        assert REQUIRED_LANGUAGES <= languages <= REQUIRED_LANGUAGES | OPTIONAL_LANGUAGES, entry["key"]
        assert set(entry["answer"]) == languages, entry["key"]
        assert all(text.strip() for text in [*entry["question"].values(), *entry["answer"].values()])


def test_every_labelled_question_expects_an_existing_entry_in_its_language():
    languages = {entry["key"]: set(entry["question"]) for entry in _entries()}
    questions = _questions()
    assert questions, "no labelled questions found"
    for question in questions:
        assert question["expected"] in languages, question
        assert question["lang"] in languages[question["expected"]], question
        assert question["q"].strip(), question
