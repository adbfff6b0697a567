"""A small city for the data-protection tests: the cases tests' procedure and household, and a
planted My Number (個人番号) on the head of the household."""

from __future__ import annotations

import pytest

from madoguchi.cases.tests.conftest import HEAD_CODE, make_household, make_procedure
from madoguchi.demo.services import seed_organization, seed_staff
from madoguchi.registry import services as registry_services
from madoguchi.registry.models import ResidentRecord

PLANTED_MY_NUMBER = "123456789018"


@pytest.fixture
def city():
    municipality = seed_organization()
    seed_staff(municipality)
    return municipality


@pytest.fixture
def procedure(city):
    return make_procedure(city)


@pytest.fixture
def household() -> str:
    code = make_household()
    registry_services.set_my_number(
        record=ResidentRecord.objects.get(resident_code=HEAD_CODE), number=PLANTED_MY_NUMBER
    )
    return code


@pytest.fixture
def clerk(city):
    from madoguchi.accounts.selectors import staff_by_username

    return staff_by_username("sakamoto.m")
