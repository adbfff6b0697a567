"""Removing personal data (個人情報) from questions before they are logged.

Residents type all sorts of things into a chat box. The question log keeps what they asked, not
who they are: phone numbers, e-mail addresses, 12-digit numbers (a My Number — マイナンバー —
or anything that looks like one) and personal names (人名, found by Sudachi's part of speech or
after phrases such as 「私は…です」 / "my name is …") are replaced with placeholders.
"""

from __future__ import annotations

import re
import unicodedata

from madoguchi.textsearch.analysis import japanese_morphemes

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MY_NUMBER = re.compile(r"(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
PHONE = re.compile(r"(?<!\d)(?:\+81[\s-]?|0)\d{1,4}[\s()-]?\d{1,4}[\s)-]?\d{3,4}(?!\d)")
_INTRODUCTION = re.compile(
    r"(?:my name is|i am|i'm|名前は|なまえは|私は|わたしは|僕は|ぼくは)\s*([^\s、。,.!?！？]{1,20}?)"
    r"(?=です|と申します|といいます|でございます|[\s、。,.!?！？]|$)",
    re.IGNORECASE,
)

EMAIL_MARK = "[メール]"
NUMBER_MARK = "[番号]"
PHONE_MARK = "[電話番号]"
NAME_MARK = "[氏名]"


def _names(text: str) -> str:
    out: list[str] = []
    for surface, pos in japanese_morphemes(text):
        if pos[:3] == ("名詞", "固有名詞", "人名"):
            if not out or out[-1] != NAME_MARK:
                out.append(NAME_MARK)
        else:
            out.append(surface)
    return "".join(out)


def scrub(text: str) -> str:
    """``text`` with contact details, My Numbers and names replaced by placeholders."""
    text = unicodedata.normalize("NFKC", text)
    text = EMAIL.sub(EMAIL_MARK, text)
    text = MY_NUMBER.sub(NUMBER_MARK, text)
    text = PHONE.sub(PHONE_MARK, text)
    text = _INTRODUCTION.sub(lambda m: m.group(0).replace(m.group(1), NAME_MARK), text)
    return _names(text)
