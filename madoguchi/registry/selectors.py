"""Reads of resident records. Every read of personal data writes an audit event with its purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from madoguchi.audit.services import record_event
from madoguchi.core import crypto
from madoguchi.registry.adapters import get_adapter
from madoguchi.registry.adapters.base import ResidentData
from madoguchi.registry.models import Household, ResidentRecord, TransferOutPerson
from madoguchi.registry.services import MY_NUMBER_CONTEXT

# Where ``resident_data`` found a person: this city's registry, or the 転出証明書情報 of a move in.
SOURCE_REGISTRY = "registry"
SOURCE_TRANSFER_OUT = "transfer_out"


@dataclass(frozen=True)
class CardItems:
    """基本4情報 as a (sandbox) My Number Card carries them, with the holder's 住民票コード.

    The address is the one on the card today: the registry's for a resident, and the address
    being left for someone moving in (the card is rewritten at the 転入届).
    """

    resident_code: str
    last_name: str
    first_name: str
    birth_date: dt.date
    sex: str
    address: str


def _card_items_of_resident(record: ResidentRecord) -> CardItems:
    return CardItems(
        resident_code=record.resident_code,
        last_name=record.last_name,
        first_name=record.first_name,
        birth_date=record.birth_date,
        sex=record.sex,
        address=record.household.address,
    )


def _card_items_of_mover(person: TransferOutPerson) -> CardItems:
    return CardItems(
        resident_code=person.resident_code,
        last_name=person.last_name,
        first_name=person.first_name,
        birth_date=person.birth_date,
        sex=person.sex,
        address=person.transfer_out.previous_address,
    )


def card_items(resident_code: str, *, actor: Any, purpose: str) -> CardItems | None:
    """The card items of a resident, or of a person moving in; the look is logged either way."""
    record = ResidentRecord.objects.select_related("household").filter(resident_code=resident_code).first()
    movers = TransferOutPerson.objects.select_related("transfer_out").filter(resident_code=resident_code)
    mover = None if record else movers.first()
    record_event(
        action="registry.read",
        actor=actor,
        object_type="registry.resident",
        object_id=resident_code,
        purpose=purpose,
        details={"found": record is not None or mover is not None},
    )
    if record is not None:
        return _card_items_of_resident(record)
    return _card_items_of_mover(mover) if mover is not None else None


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


def sandbox_personas(*, limit: int, actor: Any, purpose: str) -> list[CardItems]:
    """Card holders for the sandbox identity provider's and card reader's trays.

    Heads of household from the demo registry, then the heads of every household moving in
    whose 転出証明書情報 has arrived (so a move-in can be tried from the card sign-in).
    """
    records = list(
        ResidentRecord.objects.select_related("household")
        .filter(is_head=True)
        .order_by("resident_code")[:limit]
    )
    movers = list(
        TransferOutPerson.objects.select_related("transfer_out")
        .filter(is_head=True)
        .order_by("resident_code")
    )
    record_event(
        action="registry.read_many",
        actor=actor,
        object_type="registry.resident",
        purpose=purpose,
        details={"count": len(records), "moving_in": len(movers)},
    )
    return [*map(_card_items_of_resident, records), *map(_card_items_of_mover, movers)]


def resident_data(
    resident_code: str, *, actor: Any, purpose: str, attributes: list[str], moving_in: bool = False
) -> ResidentData | None:
    """A resident's record and household from the configured adapter, for ``purpose``.

    ``attributes`` names what will be used (e.g. the fields a form prefills); it is kept in the
    audit event, so a resident can later see exactly what was read and why.

    With ``moving_in``, a person not (yet) in the registry is read from the 転出証明書情報 the
    municipality they leave sent ahead (``RegistryAdapter.moving_in``) — for filling in their
    applications, never for certifying: a certificate is only ever made from the registry. The
    event names the source it was read from.
    """
    adapter = get_adapter()
    data = adapter.resident(resident_code)
    source = SOURCE_REGISTRY
    if data is None and moving_in:
        data = adapter.moving_in(resident_code)
        source = SOURCE_TRANSFER_OUT
    record_event(
        action="registry.read",
        actor=actor,
        object_type="registry.resident",
        object_id=resident_code,
        purpose=purpose,
        details={
            "found": data is not None,
            "source": source if data is not None else "",
            "attributes": sorted(attributes),
        },
    )
    return data


def match_moving_in(
    *, last_name: str, first_name: str, birth_date, address: str, actor: Any, purpose: str
) -> str | None:
    """The 住民票コード of a person moving in whose My Number Card this is, or None.

    Until the 転入届 is accepted, the card still carries the address the person is leaving, so
    the card's 氏名・生年月日 and address are matched with the 転出証明書情報's person and 前住所,
    exactly on every item.
    """
    code = (
        TransferOutPerson.objects.filter(
            last_name=last_name,
            first_name=first_name,
            birth_date=birth_date,
            transfer_out__previous_address=address,
        )
        .values_list("resident_code", flat=True)
        .first()
    )
    record_event(
        action="registry.match_moving_in",
        actor=actor,
        object_type="registry.transfer_out",
        object_id=code or "",
        purpose=purpose,
        details={"found": code is not None},
    )
    return code


@dataclass(frozen=True)
class CounterMatch:
    """One person a counter look-up found: a resident, or someone moving in (転入予定)."""

    resident_code: str
    last_name: str
    first_name: str
    last_name_kana: str
    first_name_kana: str
    birth_date: dt.date
    address: str  # the registered address, or the planned one here for a person moving in
    moving_in: bool


def search_residents(
    *, kana: str, birth_date, actor: Any, purpose: str, limit: int = 20
) -> list[CounterMatch]:
    """Counter look-up (窓口での本人確認): フリガナ (full or family name) and 生年月日, both required.

    Both are required so that a clerk cannot browse the registry by name alone. People moving in
    are found too, from the 転出証明書情報 sent ahead: they come to the counter to finish the
    転入届 before they are in the registry.
    """
    compact = kana.replace(" ", "").replace("\u3000", "")
    if not compact:
        return []

    def found(people, address, *, moving_in: bool) -> list[CounterMatch]:
        return [
            CounterMatch(
                p.resident_code,
                p.last_name,
                p.first_name,
                p.last_name_kana,
                p.first_name_kana,
                p.birth_date,
                address(p),
                moving_in,
            )
            for p in people.filter(birth_date=birth_date).order_by("resident_code")
            if (p.last_name_kana + p.first_name_kana).startswith(compact)
        ]

    residents = found(
        ResidentRecord.objects.select_related("household"), lambda r: r.household.address, moving_in=False
    )
    movers = found(
        TransferOutPerson.objects.select_related("transfer_out"),
        lambda p: p.transfer_out.planned_address,
        moving_in=True,
    )
    known = {match.resident_code for match in residents}
    matches = (residents + [m for m in movers if m.resident_code not in known])[:limit]
    record_event(
        action="registry.search",
        actor=actor,
        object_type="registry.resident",
        purpose=purpose,
        details={"results": len(matches), "resident_codes": [m.resident_code for m in matches]},
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
