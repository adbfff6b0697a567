import pytest

from madoguchi.cases.tests.conftest import CHILD_CODE, HEAD_CODE, make_household
from madoguchi.registry.adapters.local import LocalRegistry

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_a_resident_comes_with_their_household_in_one_query(django_assert_num_queries):
    make_household()
    with django_assert_num_queries(1):
        head = LocalRegistry().resident(HEAD_CODE)
    assert head.full_name == "龍ケ崎 太郎" and head.is_head
    assert [child.resident_code for child in head.household_children] == [CHILD_CODE]
    assert head.address.startswith("茨城県龍ケ崎市久保台")


def test_an_unknown_code_is_none():
    make_household()
    assert LocalRegistry().resident("00000000000") is None
