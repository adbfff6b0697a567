"""The reference registry in this database (demo data and the tests' sandbox)."""

from __future__ import annotations

from madoguchi.registry.adapters.base import ResidentData
from madoguchi.registry.models import ResidentRecord, TransferOutPerson


def _data(record: ResidentRecord, household: tuple[ResidentData, ...] = ()) -> ResidentData:
    return ResidentData(
        resident_code=record.resident_code,
        last_name=record.last_name,
        first_name=record.first_name,
        last_name_kana=record.last_name_kana,
        first_name_kana=record.first_name_kana,
        birth_date=record.birth_date,
        sex=record.sex,
        postal_code=record.household.postal_code,
        address=record.household.address,
        building=record.household.building,
        relationship=record.relationship,
        is_head=record.is_head,
        became_resident_on=record.became_resident_on,
        previous_address=record.previous_address,
        household_code=record.household.household_code,
        household=household,
    )


class LocalRegistry:
    def resident(self, resident_code: str) -> ResidentData | None:
        # The whole household in one query: the person is one of its members.
        members = list(
            ResidentRecord.objects.select_related("household")
            .filter(household__members__resident_code=resident_code)
            .order_by("-is_head", "birth_date")
        )
        record = next((member for member in members if member.resident_code == resident_code), None)
        if record is None:
            return None
        return _data(record, tuple(_data(member) for member in members))

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
