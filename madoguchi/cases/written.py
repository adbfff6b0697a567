"""「どれだけ書かせているか」 — how much a resident still types, per form and per life event.

Counts come from ``formbuilder.engine.field_stats``: typed boxes (a name is 4, an address 3),
choices, and answers filled in from the resident record or calculated. The share "not typed" is
(prefilled + derived) ÷ every answer, so choices count against it: a choice is not typing, but
it is still a question the resident answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from madoguchi.formbuilder.engine import FieldStats, FormSpec, field_counts, field_stats

# Answers that may be carried from one form of a bundle to the next: not files (each form wants
# its own document), not consents (each form its own declaration), not fees (calculated).
CARRIED_TYPES = frozenset(
    {"text", "long_text", "number", "date", "japanese_name", "address", "phone", "email", "choice", "group"}
)

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


def bundle_stats(specs: Iterable[FormSpec], *, life_event: str = "") -> FieldStats:
    """The forms of a life-event bundle together, in order.

    A question already answered in an earlier form of the bundle (same key and type, or one of
    its ``same_as`` keys), or with a default for the bundle's life event, is offered filled in
    (see ``cases.services.carried_answers``), so it counts as derived there.
    """
    typed = choices = prefilled = derived = 0
    answered: set[tuple[str, str]] = set()
    for spec in specs:
        for spec_field, counted in field_counts(spec):
            sources = {(key, spec_field.type) for key in (spec_field.key, *spec_field.same_as)}
            offered = bool(sources & answered) or life_event in (spec_field.life_event_defaults or {})
            if spec_field.type in CARRIED_TYPES and not spec_field.prefill and offered:
                derived += counted.typed + counted.choices
            else:
                typed, choices = typed + counted.typed, choices + counted.choices
            answered.add((spec_field.key, spec_field.type))
            prefilled, derived = prefilled + counted.prefilled, derived + counted.derived
    return FieldStats(typed=typed, prefilled=prefilled, derived=derived, choices=choices)


# The 転入 (moving-in) bundle for three households, as the life-event guide would assemble it.
MOVING_IN = "moving-in"
MOVING_IN_SCENARIOS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("転入：単身・会社の健康保険", ("tennyu-jizen",)),
    ("転入：国民健康保険に加入", ("tennyu-jizen", "kokuho-kanyu-dattai")),
    (
        "転入：子育て世帯・国保・保育所",
        (
            "tennyu-jizen",
            "kokuho-kanyu-dattai",
            "jidou-teate-nintei",
            "kodomo-iryouhi",
            "hoikusho-moushikomi",
        ),
    ),
)


def bundle_report(scenarios: Iterable[tuple[str, Iterable[FormSpec]]]) -> str:
    """A Markdown table, one row per bundle scenario, for ``docs/applications.md``."""
    lines = [HEADER.replace("申請書", "一括申請")]
    lines += [_row(label, bundle_stats(specs, life_event=MOVING_IN)) for label, specs in scenarios]
    return "\n".join(lines)
