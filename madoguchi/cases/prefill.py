"""Once-only prefill: turning a registry record into the answers a form's fields expect.

A field asks for a registry attribute with ``"prefill": "<attribute>"``; the shape of the value
depends on the field type (a name field takes 姓・名・セイ・メイ, an address field postal code,
address and building). Group fields (e.g. the children for 児童手当) take one row per household
member (``household_members`` / ``household_children``); a row fills its name sub-field (type
japanese_name) and every sub-field whose key is a member attribute (``birth_date``,
``relationship``, ``sex``).

For a person moving in, the same attributes come from the 転出証明書情報 the municipality they
leave sent ahead (see ``registry.selectors.resident_data``); ``head_of_household`` (世帯主) is
the member whose 続柄 is 世帯主, and ``domicile`` (本籍) is only known from that information.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.formbuilder import engine
from madoguchi.registry.adapters.base import ResidentData

ATTRIBUTE_LABELS = {
    "full_name": _("氏名"),
    "last_name": _("氏"),
    "first_name": _("名"),
    "last_name_kana": _("氏（フリガナ）"),
    "first_name_kana": _("名（フリガナ）"),
    "birth_date": _("生年月日"),
    "sex": _("性別"),
    "postal_code": _("郵便番号"),
    "address": _("住所"),
    "relationship": _("続柄"),
    "became_resident_on": _("住民となった年月日"),
    "previous_address": _("前住所"),
    "domicile": _("本籍"),
    "head_of_household": _("世帯主"),
    "household_members": _("世帯員"),
    "household_children": _("世帯の子ども"),
}


def label_of(attribute: str) -> str:
    return str(ATTRIBUTE_LABELS.get(attribute, attribute))


def attributes_of(spec: engine.FormSpec) -> list[str]:
    """Every registry attribute the form reads (what the resident is asked to consent to)."""
    return sorted({field.prefill for field in spec.all_fields() if field.prefill})


def _value(field_type: str, attribute: str, person: ResidentData) -> Any:
    if field_type == "japanese_name":
        return {
            "last": person.last_name,
            "first": person.first_name,
            "last_kana": person.last_name_kana,
            "first_kana": person.first_name_kana,
        }
    if field_type == "address":
        return {"postal_code": person.postal_code, "address": person.address, "detail": person.building}
    value = getattr(person, attribute)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_MEMBER_ATTRIBUTES = ("birth_date", "relationship", "sex")


def _row(group: engine.FieldSpec, member: ResidentData) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for sub in group.fields:
        if sub.type == "japanese_name":
            row[sub.key] = _value(sub.type, "full_name", member)
        elif sub.key in _MEMBER_ATTRIBUTES:
            row[sub.key] = _value(sub.type, sub.key, member)
    return row


def values_for(spec: engine.FormSpec, data: ResidentData) -> dict[str, Any]:
    """Field key → prefilled answer, for every field bound to the registry."""
    values: dict[str, Any] = {}
    for step in spec.steps:
        for field in step.fields:
            if not field.prefill:
                continue
            if field.type == "group":
                values[field.key] = [_row(field, member) for member in getattr(data, field.prefill)]
            elif field.prefill == "head_of_household":
                head = data.head_of_household
                if head is not None:
                    values[field.key] = _value(field.type, "full_name", head)
            else:
                values[field.key] = _value(field.type, field.prefill, data)
    return values
