"""受付番号 — receipt numbers a resident can read aloud over the phone.

Format ``261126-4821-0375``: the day of receipt (YYMMDD), seven random digits, and a Luhn check
digit, in groups of six, four and four digits only — no letters to confuse (0/O, 1/I), nothing
sequential to guess another resident's number from, and a typo is caught by the check digit
before anything is looked up.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata


def _luhn_digit(digits: str) -> int:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def new_receipt_number(day: dt.date) -> str:
    body = f"{day:%y%m%d}{secrets.randbelow(10**7):07d}"
    digits = body + str(_luhn_digit(body))
    return f"{digits[:6]}-{digits[6:10]}-{digits[10:]}"


def normalise_receipt_number(text: str) -> str | None:
    """The canonical form of what someone typed (full-width digits, dashes, spaces), or None."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    if len(digits) != 14 or _luhn_digit(digits[:-1]) != int(digits[-1]):
        return None
    return f"{digits[:6]}-{digits[6:10]}-{digits[10:]}"
