"""「どれだけ書かせているか」 — how much a resident still types, per form and per life event.

Counts come from ``formbuilder.engine.field_stats``: typed boxes (a name is 4, an address 3),
choices, and answers filled in from the resident record or calculated. The share "not typed" is
(prefilled + derived) ÷ every answer, so choices count against it: a choice is not typing, but
it is still a question the resident answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from madoguchi.formbuilder.engine import FieldStats, FormSpec, field_stats

HEADER = (
    "| 申請書 | 書く欄 | 選ぶ欄 | 自動入力 | 自動計算 | 書かずに済む割合 |\n|---|---:|---:|---:|---:|---:|"
)


def not_typed_share(stats: FieldStats) -> float:
    total = stats.typed + stats.choices + stats.prefilled + stats.derived
    return (stats.prefilled + stats.derived) / total if total else 1.0


def _row(title: str, stats: FieldStats) -> str:
    return (
        f"| {title} | {stats.typed} | {stats.choices} | {stats.prefilled} | {stats.derived} | "
        f"{not_typed_share(stats):.0%} |"
    )


def report(forms: Iterable[tuple[str, FormSpec]]) -> str:
    """A Markdown table, one row per form, for staff and for ``docs/applications.md``."""
    return "\n".join([HEADER, *(_row(title, field_stats(spec)) for title, spec in forms)])


def bundle_stats(specs: Iterable[FormSpec]) -> FieldStats:
    """The forms of a life-event bundle together (each answered once per form)."""
    totals = [0, 0, 0, 0]
    for spec in specs:
        for index, value in enumerate(field_stats(spec)):
            totals[index] += value
    return FieldStats(*totals)
