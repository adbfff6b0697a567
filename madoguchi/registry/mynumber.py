"""個人番号 (My Number): format, check digit, and fictional numbers for the demo.

The check digit follows the official algorithm (行政手続における特定の個人を識別するための番号の
利用等に関する法律施行令 第8条 / 総務省令): with P_n the n-th of the first eleven digits counted from
the right and Q_n = n + 1 (n ≤ 6) or n − 5 (n ≥ 7), r = Σ P_n × Q_n mod 11, and the check digit is
0 when r ≤ 1, else 11 − r.
"""

from __future__ import annotations

import random
import unicodedata


def check_digit(first_eleven: str) -> int:
    digits = [int(c) for c in reversed(first_eleven)]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(digits, start=1))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def normalise(text: str) -> str:
    """Full-width digits to ASCII, hyphens and spaces removed ("１２３４-…" → "1234…")."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if c not in "-‐‑–—−ー ")


def is_valid(text: str) -> bool:
    number = normalise(text)
    return (
        len(number) == 12
        and number.isascii()
        and number.isdigit()
        and check_digit(number[:11]) == int(number[11])
    )


def fictional(rng: random.Random) -> str:
    """A well-formed number for demo residents (random, so it belongs to nobody we know of)."""
    first = "".join(str(rng.randrange(10)) for _ in range(11))
    return first + str(check_digit(first))


def variants(number: str) -> list[str]:
    """The forms a number may be written in (for leak scanners): plain, hyphenated, full-width."""
    hyphenated = f"{number[:4]}-{number[4:8]}-{number[8:]}"
    to_wide = str.maketrans("0123456789-", "０１２３４５６７８９－")
    return [
        number,
        hyphenated,
        f"{number[:4]} {number[4:8]} {number[8:]}",
        number.translate(to_wide),
        hyphenated.translate(to_wide),
    ]
