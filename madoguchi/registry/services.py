"""Writes to the reference registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from madoguchi.core import crypto
from madoguchi.registry import mynumber
from madoguchi.registry.models import Household, ResidentRecord, TransferOut, TransferOutPerson


@dataclass(frozen=True)
class Member:
    resident_code: str
    last_name: str
    first_name: str
    last_name_kana: str
    first_name_kana: str
    birth_date: dt.date
    sex: str
    relationship: str
    became_resident_on: dt.date
    previous_address: str = ""
    my_number: str = field(default="", repr=False)


@transaction.atomic
def register_household(
    *,
    household_code: str,
    postal_code: str,
    address: str,
    town: str,
    building: str = "",
    members: list[Member],
) -> Household:
    """Register a household with its members; the first member is the head (世帯主).

    Idempotent by household code and resident codes, so demo seeding can run again safely.
    """
    household, _created = Household.objects.update_or_create(
        household_code=household_code,
        defaults={"postal_code": postal_code, "address": address, "town": town, "building": building},
    )
    for index, member in enumerate(members):
        values = asdict(member)
        number = values.pop("my_number")
        record, _created = ResidentRecord.objects.update_or_create(
            resident_code=member.resident_code,
            defaults={**values, "household": household, "is_head": index == 0},
        )
        if number:
            set_my_number(record=record, number=number)
    return household


@dataclass(frozen=True)
class MovingPerson:
    """One person in a 転出証明書情報; the first of a notice is its 世帯主."""

    resident_code: str
    last_name: str
    first_name: str
    last_name_kana: str
    first_name_kana: str
    birth_date: dt.date
    sex: str
    relationship: str
    domicile: str = ""


@transaction.atomic
def receive_transfer_out(
    *,
    notice_number: str,
    from_municipality: str,
    previous_address: str,
    planned_postal_code: str,
    planned_address: str,
    planned_move_date: dt.date,
    persons: list[MovingPerson],
    planned_building: str = "",
) -> TransferOut:
    """Keep the 転出証明書情報 of a household moving in, as 住基ネット delivered it.

    Idempotent by notice number and resident codes: a notice sent again replaces what it said.
    """
    notice, _created = TransferOut.objects.update_or_create(
        notice_number=notice_number,
        defaults={
            "from_municipality": from_municipality,
            "previous_address": previous_address,
            "planned_postal_code": planned_postal_code,
            "planned_address": planned_address,
            "planned_building": planned_building,
            "planned_move_date": planned_move_date,
            "received_at": timezone.now(),
        },
    )
    for index, person in enumerate(persons):
        TransferOutPerson.objects.update_or_create(
            resident_code=person.resident_code,
            defaults={**asdict(person), "transfer_out": notice, "is_head": index == 0},
        )
    return notice


# The associated data that ties a sealed My Number to this column (see core.crypto).
MY_NUMBER_CONTEXT = "registry.ResidentRecord.my_number"


def set_my_number(*, record: ResidentRecord, number: str) -> None:
    """Store a resident's 個人番号 sealed under the current key; a malformed number is refused."""
    normalised = mynumber.normalise(number)
    if not mynumber.is_valid(normalised):
        raise ValueError("個人番号の形式またはチェックデジットが正しくありません / invalid My Number")
    record.my_number_ciphertext = crypto.encrypt(normalised, context=MY_NUMBER_CONTEXT)
    record.my_number_key_id = crypto.key_id_of(record.my_number_ciphertext)
    record.save(update_fields=["my_number_ciphertext", "my_number_key_id"])


def reencrypt_my_numbers(*, batch_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Re-seal every My Number not under the current key (after a key rotation); returns how many.

    Each batch is its own transaction, so a long run can be interrupted and started again.
    """
    current = crypto.key_provider().current_key_id()
    moved = 0
    while True:
        with transaction.atomic():
            batch = list(
                ResidentRecord.objects.select_for_update()
                .exclude(my_number_key_id__in=["", current])
                .order_by("pk")[:batch_size]
            )
            for record in batch:
                plain = crypto.decrypt(record.my_number_ciphertext, context=MY_NUMBER_CONTEXT)
                record.my_number_ciphertext = crypto.encrypt(plain, context=MY_NUMBER_CONTEXT)
                record.my_number_key_id = current
            ResidentRecord.objects.bulk_update(batch, ["my_number_ciphertext", "my_number_key_id"])
        moved += len(batch)
        if progress is not None and batch:
            progress(len(batch))
        if len(batch) < batch_size:
            return moved


def records_to_reencrypt() -> int:
    current = crypto.key_provider().current_key_id()
    return ResidentRecord.objects.exclude(my_number_key_id__in=["", current]).count()
