"""手数料と案内のルール — the two tiny rule languages a procedure and a life event carry as data.

Both are stored as JSON so that a department can change a fee or a guide without a release, and
both are checked here (pure functions, no database) so that a bad rule is refused when it is saved
rather than discovered by a resident.

Fee rules (手数料)::

    {"type": "free"}
    {"type": "fixed", "amount": 3000}
    {"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通",
     "unit_label_en": "copy"}                       # unit_label_en is optional

A fee that is not free may say when it is paid (納付の時期) with ``"payment"``:
``"before_submission"`` (the resident pays online before the application is received — e.g.
certificates, paid before issue) or ``"after_approval"`` (the default: paid once staff approve, online
or at the counter).

Life-event questions and rules (ライフイベントの質問と案内)::

    questions: [{"key": "has_children", "text": "…", "text_en": "…",
                 "choices": [["yes", "はい", "Yes"], ["no", "いいえ", "No"]]}]
    rules:     [{"procedure": "jidou-teate-nintei", "when": {"has_children": "yes"}},
                {"procedure": "tennyu"}]            # no "when": always applies

A rule applies when every answer named in its ``when`` equals the given value; that is the whole
language, on purpose — anything richer belongs in a form, not in a guide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FEE_TYPES = ("free", "fixed", "per_unit")
_FEE_KEYS = {
    "free": ({"type"}, set()),
    "fixed": ({"type", "amount"}, {"payment"}),
    "per_unit": ({"type", "unit_price", "unit_field", "unit_label"}, {"unit_label_en", "payment"}),
}
PAYMENT_TIMINGS = ("before_submission", "after_approval")


def _is_yen(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def validate_fee_rule(rule: Any) -> None:
    """Refuse a fee rule whose shape is not one of the three documented above."""
    if not isinstance(rule, dict) or rule.get("type") not in FEE_TYPES:
        raise ValidationError(
            _("手数料の種類は free・fixed・per_unit のいずれかにしてください。"), code="fee_type"
        )
    required, optional = _FEE_KEYS[rule["type"]]
    keys = set(rule)
    if not required <= keys or keys - required - optional:
        raise ValidationError(
            _("手数料（%(type)s）の項目が正しくありません。"), code="fee_keys", params={"type": rule["type"]}
        )
    if rule.get("payment", "after_approval") not in PAYMENT_TIMINGS:
        raise ValidationError(
            _("納付の時期は before_submission・after_approval のいずれかにしてください。"), code="fee_payment"
        )
    if rule["type"] == "fixed" and not _is_yen(rule["amount"]):
        raise ValidationError(_("手数料の金額は0以上の整数（円）にしてください。"), code="fee_amount")
    if rule["type"] == "per_unit":
        if not _is_yen(rule["unit_price"]):
            raise ValidationError(_("手数料の単価は0以上の整数（円）にしてください。"), code="fee_amount")
        texts = [rule["unit_field"], rule["unit_label"], rule.get("unit_label_en", "")]
        if (
            not all(isinstance(text, str) for text in texts)
            or not rule["unit_field"]
            or not rule["unit_label"]
        ):
            raise ValidationError(_("手数料の単位の項目名と単位を入力してください。"), code="fee_unit")


def paid_before_submission(rule: Mapping[str, Any]) -> bool:
    """Whether the fee must be paid before the application counts as received."""
    return rule.get("type") != "free" and rule.get("payment") == "before_submission"


def fee_amount(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> int:
    """The fee in yen for ``answers``; a per-unit fee needs a whole number of at least 1 units.

    A missing or unreadable quantity raises ``ValueError`` instead of assuming one unit: charging
    a resident for a guessed quantity is worse than refusing to quote.
    """
    if rule["type"] == "free":
        return 0
    if rule["type"] == "fixed":
        return rule["amount"]
    raw = answers.get(rule["unit_field"])
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise ValueError(f"{rule['unit_field']} must be a whole number of units, got {raw!r}")
    try:
        units = int(raw)
    except ValueError as error:
        raise ValueError(f"{rule['unit_field']} must be a whole number of units, got {raw!r}") from error
    if units < 1:
        raise ValueError(f"{rule['unit_field']} must be at least 1, got {units}")
    return rule["unit_price"] * units


def validate_questions(questions: Any) -> None:
    """Each question has a unique ``key``, Japanese ``text`` and at least two ``[value, ja, en]`` choices."""
    if not isinstance(questions, list):
        raise ValidationError(_("質問は一覧（リスト）で入力してください。"), code="questions")
    keys: set[str] = set()
    for question in questions:
        if (
            not isinstance(question, dict)
            or not isinstance(question.get("key"), str)
            or not question["key"].isidentifier()
            or not question.get("text")
            or question["key"] in keys
        ):
            raise ValidationError(_("質問には重複しない key と text が必要です。"), code="questions")
        choices = question.get("choices")
        if (
            not isinstance(choices, list)
            or len(choices) < 2
            or not all(
                isinstance(c, list) and len(c) == 3 and all(isinstance(s, str) for s in c) for c in choices
            )
        ):
            raise ValidationError(
                _("質問「%(key)s」の選択肢は [値, 日本語, 英語] の形で2つ以上にしてください。"),
                code="choices",
                params={"key": question["key"]},
            )
        keys.add(question["key"])


def validate_life_event_rules(rules: Any, questions: list[dict[str, Any]]) -> None:
    """Each rule names a procedure, and its ``when`` uses only the event's questions and choices."""
    if not isinstance(rules, list):
        raise ValidationError(_("案内ルールは一覧（リスト）で入力してください。"), code="rules")
    allowed = {q["key"]: {c[0] for c in q["choices"]} for q in questions}
    for rule in rules:
        if (
            not isinstance(rule, dict)
            or not isinstance(rule.get("procedure"), str)
            or set(rule) - {"procedure", "when"}
        ):
            raise ValidationError(
                _("案内ルールには procedure（と任意の when）だけを書いてください。"), code="rules"
            )
        when = rule.get("when", {})
        if not isinstance(when, dict) or any(
            allowed.get(key) is None or value not in allowed[key] for key, value in when.items()
        ):
            raise ValidationError(
                _("手続「%(procedure)s」の条件に、質問にない答えが使われています。"),
                code="rules",
                params={"procedure": rule["procedure"]},
            )


def applicable_procedure_codes(rules: list[dict[str, Any]], answers: Mapping[str, str]) -> list[str]:
    """The procedure codes whose rule holds for ``answers``, in rule order, each once."""
    codes: list[str] = []
    for rule in rules:
        when = rule.get("when", {})
        if all(answers.get(key) == value for key, value in when.items()) and rule["procedure"] not in codes:
            codes.append(rule["procedure"])
    return codes


def referenced_procedure_codes(rules: list[dict[str, Any]]) -> set[str]:
    """Every procedure a life event may point to, whatever the answers."""
    return {rule["procedure"] for rule in rules}
