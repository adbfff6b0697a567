"""Reads of resident records. Every read of personal data writes an audit event with its purpose."""

from __future__ import annotations

from typing import Any

from madoguchi.audit.services import record_event
from madoguchi.core import crypto
from madoguchi.registry.adapters import get_adapter
from madoguchi.registry.adapters.base import ResidentData
from madoguchi.registry.models import Household, ResidentRecord
from madoguchi.registry.services import MY_NUMBER_CONTEXT


def resident_by_code(resident_code: str, *, actor: Any, purpose: str) -> ResidentRecord | None:
    """One resident's record; the look is logged whether or not the record exists."""
    record = ResidentRecord.objects.select_related("household").filter(resident_code=resident_code).first()
    record_event(
        action="registry.read",
        actor=actor,
        object_type="registry.resident",
        object_id=resident_code,
        purpose=purpose,
        details={"found": record is not None},
    )
    return record


def household_members(household: Household, *, actor: Any, purpose: str) -> list[ResidentRecord]:
    members = list(household.members.order_by("-is_head", "birth_date"))
    record_event(
        action="registry.read_household",
        actor=actor,
        object_type="registry.household",
        object_id=household.household_code,
        purpose=purpose,
        details={"members": len(members)},
    )
    return members


def resident_count() -> int:
    """How many records there are (no personal data, so no audit event)."""
    return ResidentRecord.objects.count()


def match_resident(
    *, last_name: str, first_name: str, birth_date, address: str, actor: Any, purpose: str
) -> ResidentRecord | None:
    """Find the record of the person a My Number Card describes (基本4情報: 氏名・生年月日・住所).

    The address on the card is compared with the household's address as written in the registry;
    the match must be exact on every item, or nobody is returned.
    """
    record = (
        ResidentRecord.objects.select_related("household")
        .filter(last_name=last_name, first_name=first_name, birth_date=birth_date, household__address=address)
        .first()
    )
    record_event(
        action="registry.match",
        actor=actor,
        object_type="registry.resident",
        object_id=record.resident_code if record else "",
        purpose=purpose,
        details={"found": record is not None},
    )
    return record


def sandbox_personas(*, limit: int, actor: Any, purpose: str) -> list[ResidentRecord]:
    """Adults from the demo registry, for the sandbox identity provider's card picker."""
    records = list(
        ResidentRecord.objects.select_related("household")
        .filter(is_head=True)
        .order_by("resident_code")[:limit]
    )
    record_event(
        action="registry.read_many",
        actor=actor,
        object_type="registry.resident",
        purpose=purpose,
        details={"count": len(records)},
    )
    return records


def resident_data(
    resident_code: str, *, actor: Any, purpose: str, attributes: list[str]
) -> ResidentData | None:
    """A resident's record and household from the configured adapter, for ``purpose``.

    ``attributes`` names what will be used (e.g. the fields a form prefills); it is kept in the
    audit event, so a resident can later see exactly what was read and why.
    """
    data = get_adapter().resident(resident_code)
    record_event(
        action="registry.read",
        actor=actor,
        object_type="registry.resident",
        object_id=resident_code,
        purpose=purpose,
        details={"found": data is not None, "attributes": sorted(attributes)},
    )
    return data


def search_residents(
    *, kana: str, birth_date, actor: Any, purpose: str, limit: int = 20
) -> list[ResidentRecord]:
    """Counter look-up (窓口での本人確認): フリガナ (full or family name) and 生年月日, both required.

    Both are required so that a clerk cannot browse the registry by name alone.
    """
    compact = kana.replace(" ", "").replace("\u3000", "")
    records = list(
        ResidentRecord.objects.select_related("household")
        .filter(birth_date=birth_date)
        .order_by("resident_code")
    )
    matches = [r for r in records if compact and (r.last_name_kana + r.first_name_kana).startswith(compact)][
        :limit
    ]
    record_event(
        action="registry.search",
        actor=actor,
        object_type="registry.resident",
        purpose=purpose,
        details={"results": len(matches), "resident_codes": [r.resident_code for r in matches]},
    )
    return matches


def my_number(resident_code: str, *, actor: Any, purpose: str) -> str | None:
    """個人番号 of one resident, opened for ``purpose`` (特定個人情報: the read is always audited).

    Only the fact of the read is recorded, never the number itself.
    """
    token = (
        ResidentRecord.objects.filter(resident_code=resident_code)
        .values_list("my_number_ciphertext", flat=True)
        .first()
    )
    record_event(
        action="registry.read_my_number",
        actor=actor,
        object_type="registry.resident",
        object_id=resident_code,
        purpose=purpose,
        details={"found": bool(token)},
    )
    return crypto.decrypt(token, context=MY_NUMBER_CONTEXT) if token else None
