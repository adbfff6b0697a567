"""A small city for approval tests: the demo organisation and staff, and the authority matrix."""

from __future__ import annotations

import pytest

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.accounts.services import create_staff_user
from madoguchi.approvals import services
from madoguchi.demo.data import places
from madoguchi.demo.data.approvals import TOP_STAFF
from madoguchi.demo.data.organization import DEPARTMENTS, POSITIONS, STAFF
from madoguchi.demo.services import ORGANIZATION_FROM, seed_approvals
from madoguchi.organization import services as org_services
from madoguchi.organization.selectors import department_by_code

# The part of the demo city these tests use: seeding all of it would cost seconds per test.
UNITS = ("koshitsu", "somu", "somu-somu", "somu-zaisei", "somu-joho", "somu-joho-system", "somu-joho-dx")


@pytest.fixture
def city(db):
    municipality = org_services.upsert_municipality(
        code=places.LOCAL_GOVERNMENT_CODE, name="龍ケ崎市", prefecture="茨城県"
    )
    created = {}
    for bu in DEPARTMENTS:
        for unit, parent_code in (
            [(bu, None)]
            + [(ka, bu["code"]) for ka in bu["sections"]]
            + [(kakari, ka["code"]) for ka in bu["sections"] for kakari in ka["units"]]
        ):
            if unit["code"] in UNITS:
                created[unit["code"]] = org_services.upsert_department(
                    municipality=municipality,
                    code=unit["code"],
                    name=unit["name"],
                    parent=created.get(parent_code) if parent_code else None,
                    valid_from=ORGANIZATION_FROM,
                )
    positions = {
        code: org_services.upsert_position(code=code, name=name, name_en=name_en, rank=rank)
        for code, name, name_en, rank in POSITIONS
    }
    for person in STAFF + TOP_STAFF:
        posts = [(code, position) for code, position in person["posts"] if code in UNITS]
        if not posts:
            continue
        user = create_staff_user(
            username=person["username"],
            last_name=person["family_name"],
            first_name=person["given_name"],
            last_name_kana=person["family_name_kana"],
            first_name_kana=person["given_name_kana"],
            email=f"{person['username']}@city.ryugasaki.example",
            password_hash="!",
        )
        for index, (code, position) in enumerate(posts):
            org_services.appoint(
                user=user,
                department=created[code],
                position=positions[position],
                valid_from=ORGANIZATION_FROM,
                is_concurrent=index > 0,
            )
    seed_approvals(municipality)
    return municipality


@pytest.fixture
def staff(city):
    return staff_by_username


@pytest.fixture
def joho(city):
    return department_by_code(city, "somu-joho-system")


@pytest.fixture
def make_draft(city, staff, joho):
    def make(matter_code: str = "ka-routine", drafter: str = "admin.joho", **kwargs):
        from madoguchi.approvals.selectors import matter_classes

        matter = matter_classes().get(code=matter_code)
        return services.create_draft(
            drafter=staff(drafter),
            department=kwargs.pop("department", joho),
            title=kwargs.pop("title", "庁内ネットワーク機器の更新について"),
            body=kwargs.pop("body", "標記について、下記のとおり実施してよろしいか伺います。"),
            matter=matter,
            **kwargs,
        )

    return make
