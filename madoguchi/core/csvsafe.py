"""CSV cells that a spreadsheet will not run as formulas (CSV injection)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# A cell starting with one of these is a formula to Excel and LibreOffice: a failed sign-in with
# the username "=HYPERLINK(…)" must not become a live link in an auditor's spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(row: Iterable[Any]) -> list[Any]:
    """The row with every text cell that could be read as a formula prefixed by an apostrophe."""
    return [
        f"'{cell}" if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS) else cell for cell in row
    ]
