"""The reference registry in this database (demo data and the tests' sandbox)."""

from __future__ import annotations

import dataclasses

from madoguchi.registry.adapters.base import ResidentData
from madoguchi.registry.models import ResidentRecord, TransferOutPerson

# The columns a ResidentData is made of, read as plain values: every submission re-reads its
# household, and building model instances cost more than the query.
_RECORD_COLUMNS = {
    "resident_code": "resident_code",
    "last_name": "last_name",
    "first_name": "first_name",
    "last_name_kana": "last_name_kana",
    "first_name_kana": "first_name_kana",
    "birth_date": "birth_date",
    "sex": "sex",
    "postal_code": "household__postal_code",
    "address": "household__address",
    "building": "household__building",
    "relationship": "relationship",
    "is_head": "is_head",
    "became_resident_on": "became_resident_on",
    "previous_address": "previous_address",
    "household_code": "household__household_code",
}


class LocalRegistry:
    def resident(self, resident_code: str) -> ResidentData | None:
        # The whole household in one query: the person is one of its members.
        rows = (
            ResidentRecord.objects.filter(household__members__resident_code=resident_code)
            .order_by("-is_head", "birth_date")
            .values_list(*_RECORD_COLUMNS.values())
        )
        members = [ResidentData(**dict(zip(_RECORD_COLUMNS, row, strict=True))) for row in rows]
        record = next((member for member in members if member.resident_code == resident_code), None)
        if record is None:
            return None
        return dataclasses.replace(record, household=tuple(members))

    def moving_in(self, resident_code: str) -> ResidentData | None:
        # The sandbox of what 住基ネット delivered: everyone in the same notice, in one query.
        persons = list(
            TransferOutPerson.objects.select_related("transfer_out")
            .filter(transfer_out__persons__resident_code=resident_code)
            .order_by("-is_head", "birth_date")
        )
        person = next((p for p in persons if p.resident_code == resident_code), None)
        if person is None:
            return None
        return _moving(person, tuple(_moving(p) for p in persons))


def _moving(person: TransferOutPerson, household: tuple[ResidentData, ...] = ()) -> ResidentData:
    notice = person.transfer_out
    return ResidentData(
        resident_code=person.resident_code,
        last_name=person.last_name,
        first_name=person.first_name,
        last_name_kana=person.last_name_kana,
        first_name_kana=person.first_name_kana,
        birth_date=person.birth_date,
        sex=person.sex,
        postal_code=notice.planned_postal_code,
        address=notice.planned_address,
        building=notice.planned_building,
        relationship=person.relationship,
        is_head=person.is_head,
        became_resident_on=notice.planned_move_date,
        previous_address=notice.previous_address,
        household_code=notice.notice_number,
        domicile=person.domicile,
        household=household,
    )
