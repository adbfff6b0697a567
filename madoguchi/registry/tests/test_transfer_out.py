"""転出証明書情報: the sandbox of what 住基ネット delivers ahead of a household moving in."""

import datetime as dt

import pytest

from madoguchi.audit.models import AuditEvent
from madoguchi.registry import selectors
from madoguchi.registry.adapters.local import LocalRegistry
from madoguchi.registry.services import MovingPerson, receive_transfer_out

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

HEAD, CHILD = "70000000901", "70000000902"


def _receive(child_name: str = "ハル") -> None:
    receive_transfer_out(
        notice_number="TN-TEST-1",
        from_municipality="千葉県柏市",
        previous_address="千葉県柏市柏5丁目10番1号",
        planned_postal_code="3010042",
        planned_address="茨城県龍ケ崎市長山4丁目12番3号",
        planned_move_date=dt.date(2026, 12, 3),
        persons=[
            MovingPerson(
                HEAD,
                "森田",
                "健一",
                "モリタ",
                "ケンイチ",
                dt.date(1988, 4, 2),
                "male",
                "世帯主",
                "千葉県柏市",
            ),
            MovingPerson(
                CHILD, "森田", child_name, "モリタ", "ハル", dt.date(2020, 5, 5), "female", "子", "千葉県柏市"
            ),
        ],
    )


def test_a_person_moving_in_comes_with_those_moving_together_in_one_query(django_assert_num_queries):
    _receive()
    with django_assert_num_queries(1):
        child = LocalRegistry().moving_in(CHILD)
    assert child.relationship == "子" and not child.is_head and child.domicile == "千葉県柏市"
    assert child.address == "茨城県龍ケ崎市長山4丁目12番3号" and child.postal_code == "3010042"
    assert child.previous_address == "千葉県柏市柏5丁目10番1号"
    assert child.became_resident_on == dt.date(2026, 12, 3)
    assert child.head_of_household.first_name == "健一"
    assert [m.resident_code for m in LocalRegistry().moving_in(HEAD).household_children] == [CHILD]


def test_a_notice_sent_again_replaces_what_it_said():
    _receive()
    _receive(child_name="陽")
    assert LocalRegistry().moving_in(CHILD).first_name == "陽"


def test_someone_not_moving_in_is_none():
    _receive()
    assert LocalRegistry().moving_in("00000000000") is None
    assert LocalRegistry().resident(HEAD) is None  # not a resident until the 転入届 is accepted


def test_the_notice_is_read_only_for_applications_and_the_source_is_audited():
    _receive()
    read = {"actor": None, "purpose": "テスト", "attributes": ["full_name"]}
    assert selectors.resident_data(HEAD, **read) is None  # e.g. for a certificate
    assert selectors.resident_data(HEAD, **read, moving_in=True).first_name == "健一"
    events = AuditEvent.objects.filter(action="registry.read", object_id=HEAD).order_by("seq")
    assert [(e.details["found"], e.details["source"]) for e in events] == [
        (False, ""),
        (True, "transfer_out"),
    ]


def test_the_card_of_a_person_moving_in_matches_by_the_address_they_leave():
    _receive()
    card = {
        "last_name": "森田",
        "first_name": "健一",
        "birth_date": dt.date(1988, 4, 2),
        "actor": None,
        "purpose": "テスト",
    }
    assert selectors.match_moving_in(**card, address="千葉県柏市柏5丁目10番1号") == HEAD
    assert selectors.match_moving_in(**card, address="茨城県龍ケ崎市長山4丁目12番3号") is None
