"""Guided flows (案内フロー): short conversations of buttons, defined as data by staff.

A flow's ``definition`` is JSON::

    {"steps": [{"name": "area",
                "prompt": {"ja": "お住まいの地区は？", "en": "Your area?"},
                "options": [{"value": "nagayama",
                             "label": {"ja": "長山", "en": "Nagayama"},
                             "vars": {"burnable": {"ja": "月・木", "en": "Mon, Thu"}},
                             "when": {"other-step": "value"}}]}],
     "results": [{"when": {"area": "nagayama"},
                  "text": {"ja": "「{item}」は{category_name}です。{area}では{*category}に出してください。"},
                  "procedures": ["tennyu"]}]}

Steps are asked in order; an option with ``when`` is offered only if the earlier answers match.
Once every step is answered, the first result whose ``when`` matches (a value or a list of
values per step; none for the fallback) is shown. In its text ``{step}`` is the chosen option's
label, ``{var}`` a variable set by a chosen option's ``vars``, and ``{*var}`` the variable named
by the value of ``var`` — which is how an item's category picks the area's collection day.
Texts are ``{lang: text}``; the resident's language is used, then Japanese.

The state of a conversation is just the answers so far (``{"area": "nagayama"}``): the web
page carries it in the query string and LINE in postback data, so nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PLACEHOLDER = re.compile(r"\{(\*?)([a-z0-9_]+)\}")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FlowState:
    """Where a conversation is: the next question with its options, or the result."""

    prompt: str = ""
    step: str = ""
    options: list[Option] = field(default_factory=list)
    result: str = ""
    procedures: list[str] = field(default_factory=list)
    answered: list[tuple[str, str]] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return not self.step


def localized(value, lang: str) -> str:
    if isinstance(value, dict):
        if lang == "easy_ja" and "easy_ja" not in value:
            lang = "ja"
        return str(
            value.get(lang)
            or value.get("en" if lang not in {"ja", "easy_ja"} else "ja")
            or value.get("ja", "")
        )
    return str(value)


def _matches(when: dict, answers: dict[str, str]) -> bool:
    for step, expected in (when or {}).items():
        allowed = expected if isinstance(expected, list) else [expected]
        if answers.get(step) not in allowed:
            return False
    return True


def _offered(step: dict, answers: dict[str, str]) -> list[dict]:
    return [option for option in step["options"] if _matches(option.get("when", {}), answers)]


def advance(definition: dict, answers: dict[str, str], lang: str = "ja") -> FlowState:
    """The state after ``answers``; an answer that is not on offer is ignored (asked again)."""
    variables: dict[str, object] = {}
    answered: list[tuple[str, str]] = []
    accepted: dict[str, str] = {}
    for step in definition["steps"]:
        chosen = next((o for o in _offered(step, accepted) if o["value"] == answers.get(step["name"])), None)
        if chosen is None:
            return FlowState(
                prompt=localized(step["prompt"], lang),
                step=step["name"],
                options=[Option(o["value"], localized(o["label"], lang)) for o in _offered(step, accepted)],
                answered=answered,
            )
        accepted[step["name"]] = chosen["value"]
        answered.append((localized(step["prompt"], lang), localized(chosen["label"], lang)))
        variables[step["name"]] = chosen["label"]
        variables.update(chosen.get("vars", {}))
    result = next((r for r in definition["results"] if _matches(r.get("when", {}), accepted)), None)
    if result is None:
        return FlowState(answered=answered)

    def fill(match: re.Match) -> str:
        indirect, name = match.groups()
        value = variables.get(name, "")
        if indirect:
            value = variables.get(localized(value, lang), "")
        return localized(value, lang)

    return FlowState(
        result=_PLACEHOLDER.sub(fill, localized(result["text"], lang)),
        procedures=list(result.get("procedures", [])),
        answered=answered,
    )


def validate(definition: dict) -> None:
    """Raise ValueError (Japanese / English) if ``definition`` is not a usable flow."""
    if not isinstance(definition, dict) or not isinstance(definition.get("steps"), list):
        raise ValueError("steps の一覧が必要です / a list of steps is required")
    names = set()
    for step in definition["steps"]:
        if not isinstance(step, dict) or not step.get("name") or not step.get("options"):
            raise ValueError(
                "各ステップには name と options が必要です / every step needs a name and options"
            )
        if "ja" not in (step.get("prompt") or {}):
            raise ValueError(f"ステップ {step['name']} に日本語の prompt がありません / no Japanese prompt")
        for option in step["options"]:
            if not option.get("value") or "ja" not in (option.get("label") or {}):
                raise ValueError(
                    f"ステップ {step['name']} の選択肢に value と label.ja が必要です / bad option"
                )
            if set(option.get("when", {})) - names:
                raise ValueError(
                    f"選択肢の when は前のステップだけを参照できます / bad when in {step['name']}"
                )
        names.add(step["name"])
    results = definition.get("results")
    if not isinstance(results, list) or not results:
        raise ValueError("results が必要です / results are required")
    for result in results:
        if "ja" not in (result.get("text") or {}):
            raise ValueError("結果には日本語の text が必要です / every result needs a Japanese text")
        if set(result.get("when", {})) - names:
            raise ValueError(
                "結果の when は既存のステップだけを参照できます / result refers to an unknown step"
            )
