"""「どれだけ書かせているか」 — how much a resident still types, per form and per life event.

Counts come from ``formbuilder.engine.field_stats``: input boxes (a name is 4, an address 3,
whoever fills them), choices, and answers filled in from the resident record (or, for a person
moving in, the 転出証明書情報) or calculated. The share "not typed" is (prefilled + derived) ÷
every box and choice, so choices count against it: a choice is not typing, but it is still a
question the resident answers. Every conditional question counts, as if every branch were taken.
A group counts one row when the resident fills it, and one row per listed person when it is
filled from the record — so a bundle's figure is for a given household (``rows``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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


def bundle_stats(
    specs: Iterable[FormSpec], *, life_event: str = "", rows: Mapping[str, int] | None = None
) -> FieldStats:
    """The forms of a life-event bundle together, in order.

    A question already answered in an earlier form of the bundle (same key and type, or one of
    its ``same_as`` keys), or with a default for the bundle's life event, is offered filled in
    (see ``cases.services.carried_answers``), so it counts as derived there. ``rows`` is the
    household (see ``household_rows``).
    """
    typed = choices = prefilled = derived = 0
    answered: set[tuple[str, str]] = set()
    for spec in specs:
        for spec_field, counted in field_counts(spec, rows):
            sources = {(key, spec_field.type) for key in (spec_field.key, *spec_field.same_as)}
            offered = bool(sources & answered) or life_event in (spec_field.life_event_defaults or {})
            if spec_field.type in CARRIED_TYPES and not spec_field.prefill and offered:
                derived += counted.typed + counted.choices
            else:
                typed, choices = typed + counted.typed, choices + counted.choices
            answered.add((spec_field.key, spec_field.type))
            prefilled, derived = prefilled + counted.prefilled, derived + counted.derived
    return FieldStats(typed=typed, prefilled=prefilled, derived=derived, choices=choices)


def household_rows(*, members: int, children: int) -> dict[str, int]:
    """The rows of the groups filled from the record, for a household: the others in it, its children."""
    return {"household_members": members, "household_children": children}


# The 転入 (moving-in) bundle for three households, as the life-event guide would assemble it: a
# person moving alone, and a couple with two children (4 people: 3 others, 2 children).
MOVING_IN = "moving-in"
ALONE = household_rows(members=0, children=0)
FAMILY_OF_FOUR = household_rows(members=3, children=2)
MOVING_IN_SCENARIOS: tuple[tuple[str, tuple[str, ...], Mapping[str, int]], ...] = (
    ("転入：単身・会社の健康保険", ("tennyu-jizen",), ALONE),
    ("転入：単身・国民健康保険に加入", ("tennyu-jizen", "kokuho-kanyu-dattai"), ALONE),
    (
        "転入：4人世帯（夫婦と子2人）・国保・児童手当・こども医療費・保育所",
        (
            "tennyu-jizen",
            "kokuho-kanyu-dattai",
            "jidou-teate-nintei",
            "kodomo-iryouhi",
            "hoikusho-moushikomi",
        ),
        FAMILY_OF_FOUR,
    ),
)


def bundle_report(scenarios: Iterable[tuple[str, Iterable[FormSpec], Mapping[str, int]]]) -> str:
    """A Markdown table, one row per bundle scenario, for ``docs/applications.md``."""
    lines = [HEADER.replace("申請書", "一括申請")]
    lines += [
        _row(label, bundle_stats(specs, life_event=MOVING_IN, rows=rows)) for label, specs, rows in scenarios
    ]
    return "\n".join(lines)
