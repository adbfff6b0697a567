"""Small definitions the tests share; each test states what it changes."""

from __future__ import annotations

import copy
from typing import Any

from django.http import QueryDict

RESIDENT_CERTIFICATE: dict[str, Any] = {
    "steps": [
        {
            "key": "applicant",
            "title": {"ja": "申請者", "en": "Applicant"},
            "fields": [
                {
                    "key": "name",
                    "type": "japanese_name",
                    "label": {"ja": "氏名", "en": "Name"},
                    "required": True,
                    "prefill": "full_name",
                },
                {
                    "key": "birth_date",
                    "type": "date",
                    "label": {"ja": "生年月日", "en": "Date of birth"},
                    "required": True,
                },
                {
                    "key": "phone",
                    "type": "phone",
                    "label": {"ja": "電話番号", "en": "Phone"},
                    "required": True,
                },
            ],
        },
        {
            "key": "request",
            "title": {"ja": "請求内容", "en": "Request"},
            "fields": [
                {
                    "key": "purpose",
                    "type": "choice",
                    "label": {"ja": "利用目的", "en": "Purpose"},
                    "required": True,
                    "options": [
                        {"value": "bank", "label": {"ja": "金融機関", "en": "Bank"}},
                        {"value": "other", "label": {"ja": "その他", "en": "Other"}},
                    ],
                },
                {
                    "key": "purpose_other",
                    "type": "text",
                    "label": {"ja": "その他の目的", "en": "Other purpose"},
                    "show_if": {"field": "purpose", "equals": "other"},
                    "required": True,
                },
                {
                    "key": "copies",
                    "type": "number",
                    "label": {"ja": "通数", "en": "Copies"},
                    "min": 1,
                    "max": 10,
                    "required": True,
                },
                {
                    "key": "fee",
                    "type": "fee",
                    "label": {"ja": "手数料", "en": "Fee"},
                    "unit_price": 300,
                    "times": "copies",
                },
            ],
        },
    ]
}


def definition(**changes: Any) -> dict[str, Any]:
    """A copy of RESIDENT_CERTIFICATE, so a test may change it freely."""
    result = copy.deepcopy(RESIDENT_CERTIFICATE)
    result.update(changes)
    return result


def one_field(field: dict[str, Any], *more: dict[str, Any]) -> dict[str, Any]:
    """A one-step definition holding just these fields."""
    return {"steps": [{"key": "main", "title": {"ja": "入力"}, "fields": [field, *more]}]}


def post(**values: str | list[str]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in values.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data
