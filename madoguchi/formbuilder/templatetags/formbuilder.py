"""Server-side rendering of form steps: ``{% render_step %}`` and ``{% error_summary %}``.

Each visible question is rendered by one small template per type under
``formbuilder/fields/``, with the design system's classes, so residents, counter staff and the
staff editor's preview all see the same markup. Nothing here needs JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from madoguchi.core.templatetags.madoguchi import display_date
from madoguchi.formbuilder.engine import (
    ADD_ROW,
    LOOKUP_POSTAL,
    REMOVE_ROW,
    SHOWN,
    FieldSpec,
    FormSpec,
    StepSpec,
    compute_fee,
    display_value,
    group_row_count,
    is_required,
    is_visible,
    localized_text,
    visible_answers,
)

register = template.Library()

# Autocomplete tokens for the resident's own details; rows of a group describe other people.
AUTOCOMPLETE = {"phone": "tel", "email": "email"}
NAME_AUTOCOMPLETE = {"last": "family-name", "first": "given-name"}
ADDRESS_AUTOCOMPLETE = {"postal_code": "postal-code", "address": "address-line1", "detail": "address-line2"}
INPUT_MODE = {"number": "numeric", "phone": "tel", "email": "email"}
INPUT_TYPE = {"phone": "tel", "email": "email"}


@dataclass
class Widget:
    """Everything one field template needs: ids, names, values, errors, hints."""

    spec: FieldSpec
    prefix: str
    label: str
    help: str
    required: bool
    errors: list[str]
    disabled: bool
    in_group: bool
    value: Any = ""
    parts: dict[str, Any] = field(default_factory=dict)
    rows: list[list[Widget]] = field(default_factory=list)
    known_date: str = ""
    display: str = ""

    @property
    def id(self) -> str:
        return f"id_{self.prefix}"

    @property
    def hint_id(self) -> str:
        return f"{self.id}_hint"

    @property
    def error_id(self) -> str:
        return f"{self.id}_error"

    @property
    def describedby(self) -> str:
        ids = [self.hint_id] if self.help else []
        return " ".join([*ids, self.error_id] if self.errors else ids)

    @property
    def autocomplete(self) -> str:
        if self.in_group:
            return "off"
        if self.spec.type == "date" and "birth_date" in {self.spec.key, self.spec.prefill}:
            return "bday"
        return AUTOCOMPLETE.get(self.spec.type, "")

    @property
    def input_type(self) -> str:
        return INPUT_TYPE.get(self.spec.type, "text")

    @property
    def inputmode(self) -> str:
        return INPUT_MODE.get(self.spec.type, "")

    @property
    def max_length(self) -> int | None:
        return self.spec.options.get("max_length")

    @property
    def choices(self) -> list[dict[str, Any]]:
        picked = self.value if isinstance(self.value, list) else [self.value]
        return [
            {"value": value, "label": label, "id": f"{self.id}_{index}", "checked": value in picked}
            for index, (value, label) in enumerate(
                (value, localized_text(label)) for value, label in self.spec.choices
            )
        ]

    @property
    def widget(self) -> str:
        return self.spec.options.get("widget", "radio")

    @property
    def consent_text(self) -> str:
        return localized_text(self.spec.options.get("text", {}))

    @property
    def accept(self) -> str:
        return ",".join(self.spec.options.get("accept", ()))

    @property
    def group_key(self) -> str:
        return self.spec.key

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def can_add_row(self) -> bool:
        return len(self.rows) < self.spec.options.get("max", 20)

    @property
    def name_parts(self) -> list[tuple[str, str, dict[str, str]]]:
        labels = {"last": _("姓"), "first": _("名"), "last_kana": _("セイ"), "first_kana": _("メイ")}
        return [
            (
                part,
                label,
                {
                    "value": self.parts.get(part, ""),
                    "autocomplete": "off" if self.in_group else NAME_AUTOCOMPLETE.get(part, ""),
                },
            )
            for part, label in labels.items()
        ]


def _input_value(spec_field: FieldSpec, answer: Any) -> Any:
    """An answer as it goes back into the inputs (dates as 2026/11/26, postal codes with a hyphen)."""
    if answer is None:
        return [] if spec_field.multiple else ""
    if spec_field.type == "date":
        return answer.replace("-", "/")
    if spec_field.type == "address":
        code = answer.get("postal_code", "")
        return {**answer, "postal_code": f"{code[:3]}-{code[3:]}" if len(code) == 7 else code}
    return answer


def _posted_value(spec_field: FieldSpec, prefix: str, posted: Mapping[str, Any]) -> Any:
    if spec_field.type == "japanese_name":
        return {
            part: posted.get(f"{prefix}__{part}", "") for part in ("last", "first", "last_kana", "first_kana")
        }
    if spec_field.type == "address":
        return {part: posted.get(f"{prefix}__{part}", "") for part in ("postal_code", "address", "detail")}
    return posted.get(prefix, [] if spec_field.multiple else "")


def _widget(
    spec_field: FieldSpec,
    *,
    prefix: str,
    answer: Any,
    posted: Mapping[str, Any] | None,
    errors: Mapping[str, list[str]],
    path: str,
    required: bool,
    disabled: bool,
    in_group: bool = False,
) -> Widget:
    value = (
        _posted_value(spec_field, prefix, posted) if posted is not None else _input_value(spec_field, answer)
    )
    widget = Widget(
        spec=spec_field,
        prefix=prefix,
        label=spec_field.label_in(),
        help=spec_field.help_in(),
        required=required,
        errors=list(errors.get(path, [])),
        disabled=disabled,
        in_group=in_group,
        value=value,
    )
    if spec_field.type in {"japanese_name", "address"}:
        widget.parts = value if isinstance(value, dict) else {}
        widget.value = ""
    if spec_field.type == "date" and isinstance(answer, str) and answer:
        widget.known_date = display_date(dt.date.fromisoformat(answer))
    if spec_field.type == "file" and answer:
        widget.display = display_value(spec_field, answer)
    return widget


def _group_widget(
    spec_field: FieldSpec,
    *,
    answer: Any,
    posted: Mapping[str, Any] | None,
    errors: Mapping[str, list[str]],
    required: bool,
    disabled: bool,
) -> Widget:
    widget = _widget(
        spec_field,
        prefix=spec_field.key,
        answer=None,
        posted=None,
        errors=errors,
        path=spec_field.key,
        required=required,
        disabled=disabled,
    )
    count = group_row_count(spec_field, posted, answer)
    rows = answer if isinstance(answer, list) else []
    for index in range(count):
        row_answer = rows[index] if index < len(rows) and posted is None else {}
        widget.rows.append(
            [
                _widget(
                    sub,
                    prefix=f"{spec_field.key}__{index}__{sub.key}",
                    answer=row_answer.get(sub.key),
                    posted=posted,
                    errors=errors,
                    path=f"{spec_field.key}.{index}.{sub.key}",
                    required=sub.required,
                    disabled=disabled,
                    in_group=True,
                )
                for sub in spec_field.fields
            ]
        )
    return widget


@register.simple_tag
def render_widget(widget: Widget) -> SafeString:
    return render_to_string(
        f"formbuilder/fields/{widget.spec.type}.html",
        {
            "w": widget,
            "add_row": ADD_ROW,
            "remove_row": REMOVE_ROW,
            "lookup_postal": LOOKUP_POSTAL,
        },
    )


def render_field(
    spec: FormSpec,
    spec_field: FieldSpec,
    answers: Mapping[str, Any],
    errors: Mapping[str, list[str]],
    prefilled: Mapping[str, Any],
    *,
    posted: Mapping[str, Any] | None = None,
    disabled: bool = False,
) -> SafeString:
    """One question as HTML: prefilled and fee fields are shown read-only, without an input."""
    key = spec_field.key
    if key in prefilled or spec_field.type == "fee":
        amount = compute_fee(spec, answers) if spec_field.type == "fee" else None
        widget = _widget(
            spec_field,
            prefix=key,
            answer=None,
            posted=None,
            errors=errors,
            path=key,
            required=False,
            disabled=True,
        )
        widget.display = display_value(spec_field, prefilled.get(key, amount))
        template_name = (
            "formbuilder/fields/prefilled.html" if key in prefilled else "formbuilder/fields/fee.html"
        )
        return render_to_string(template_name, {"w": widget})
    required = is_required(spec_field, answers)
    if spec_field.type == "group":
        widget = _group_widget(
            spec_field,
            answer=answers.get(key),
            posted=posted,
            errors=errors,
            required=required,
            disabled=disabled,
        )
    else:
        widget = _widget(
            spec_field,
            prefix=key,
            answer=answers.get(key),
            posted=posted,
            errors=errors,
            path=key,
            required=required,
            disabled=disabled,
        )
    if disabled:
        return render_widget(widget)
    # Tells clean_step which questions were on the page, so a newly revealed one is asked, not failed.
    return format_html('{}<input type="hidden" name="{}" value="{}">', render_widget(widget), SHOWN, key)


@register.simple_tag
def render_step(
    spec: FormSpec,
    step: StepSpec | str,
    answers: Mapping[str, Any] | None,
    errors: Mapping[str, list[str]] | None,
    prefilled: Mapping[str, Any] | None,
    posted: Mapping[str, Any] | None = None,
    disabled: bool = False,
) -> SafeString:
    """Every visible question of a step. After a failed POST pass ``posted=result.raw`` so the
    inputs show what was typed; ``disabled=True`` renders a preview whose inputs cannot be used."""
    step_spec = spec.step(step) if isinstance(step, str) else step
    merged = {**visible_answers(spec, answers or {}), **(prefilled or {})}
    html = [
        render_field(
            spec, spec_field, merged, errors or {}, prefilled or {}, posted=posted, disabled=disabled
        )
        for spec_field in step_spec.fields
        if is_visible(spec_field, merged)
    ]
    return mark_safe("".join(html))  # noqa: S308 — each part comes from an autoescaped template


def error_anchor(spec: FormSpec, path: str) -> str:
    """The id of the first input of the field an error path names (``kids.0.name`` → id_kids__0__name)."""
    parts = path.split(".")
    top = spec.fields_by_key.get(parts[0])
    if top is None:
        return "main"
    target, prefix = top, top.key
    if top.type == "group" and len(parts) == 3:
        target = next((sub for sub in top.fields if sub.key == parts[2]), top)
        prefix = f"{top.key}__{parts[1]}__{parts[2]}"
    if target.type == "japanese_name":
        return f"id_{prefix}__last"
    if target.type == "address":
        return f"id_{prefix}__postal_code"
    if target.type == "choice" and target.options.get("widget", "radio") != "select":
        return f"id_{prefix}_0"
    return f"id_{prefix}"


@register.inclusion_tag("formbuilder/error_summary.html")
def error_summary(errors: Mapping[str, list[str]] | None, spec: FormSpec) -> dict[str, Any]:
    """The DS error summary: every message, each a link to its field."""
    items = []
    for path, messages in (errors or {}).items():
        parts = path.split(".")
        top = spec.fields_by_key.get(parts[0])
        label = top.label_in() if top is not None else ""
        if label and len(parts) == 3:
            label = f"{label} {int(parts[1]) + 1}"
        for message in messages:
            text = (
                message
                if not label or label in message
                else _("%(label)s：%(message)s")
                % {
                    "label": label,
                    "message": message,
                }
            )
            items.append({"href": f"#{error_anchor(spec, path)}", "text": text})
    return {"items": items}


@register.simple_tag
def render_preview(spec: FormSpec, step: StepSpec) -> SafeString:
    """Every question of a step, conditional ones included, with inputs disabled (staff preview)."""
    html = [render_field(spec, spec_field, {}, {}, {}, disabled=True) for spec_field in step.fields]
    return mark_safe("".join(html))  # noqa: S308 — each part comes from an autoescaped template
