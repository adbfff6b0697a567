"""The organisation answers "who held which post on that day"."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from madoguchi.accounts.tests.factories import ResidentUserFactory, StaffUserFactory
from madoguchi.audit.models import AuditEvent
from madoguchi.organization import selectors, services
from madoguchi.organization.models import Department
from madoguchi.organization.tests.factories import MunicipalityFactory, PositionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

APRIL_2025 = dt.date(2025, 4, 1)
APRIL_2026 = dt.date(2026, 4, 1)


@pytest.fixture
def city():
    municipality = MunicipalityFactory()
    somu = services.upsert_department(
        municipality=municipality, code="somu", name="総務部", valid_from=APRIL_2025
    )
    joho = services.upsert_department(
        municipality=municipality, code="somu-joho", name="情報管理課", parent=somu, valid_from=APRIL_2025
    )
    madoguchi = services.upsert_department(
        municipality=municipality,
        code="shimin-madoguchi",
        name="市民窓口課",
        parent=somu,
        valid_from=APRIL_2025,
    )
    return municipality, somu, joho, madoguchi


def test_levels_follow_the_tree(city):
    municipality, somu, joho, _ = city
    kakari = services.upsert_department(
        municipality=municipality,
        code="somu-joho-system",
        name="情報システム係",
        parent=joho,
        valid_from=APRIL_2025,
    )
    assert (somu.level, joho.level, kakari.level) == ("bu", "ka", "kakari")
    with pytest.raises(ValidationError):
        services.upsert_department(
            municipality=municipality, code="too-deep", name="班", parent=kakari, valid_from=APRIL_2025
        )


def test_a_transfer_changes_who_holds_the_post_from_its_date(city):
    _, _, joho, madoguchi = city
    kacho = PositionFactory(code="kacho", name="課長", rank=6)
    before, after = StaffUserFactory(), StaffUserFactory()
    first = services.appoint(user=before, department=joho, position=kacho, valid_from=APRIL_2025)
    services.end_appointment(membership=first, last_day=APRIL_2026 - dt.timedelta(days=1))
    services.appoint(user=before, department=madoguchi, position=kacho, valid_from=APRIL_2026)
    services.appoint(user=after, department=joho, position=kacho, valid_from=APRIL_2026)

    on_march_31 = selectors.holders_of(joho, "kacho", dt.date(2026, 3, 31))
    on_april_1 = selectors.holders_of(joho, "kacho", APRIL_2026)
    assert [m.user for m in on_march_31] == [before]
    assert [m.user for m in on_april_1] == [after]
    assert [m.department for m in selectors.posts_held_by(before.pk, dt.date(2026, 3, 31))] == [joho]
    assert [m.department for m in selectors.posts_held_by(before.pk, APRIL_2026)] == [madoguchi]
    assert AuditEvent.objects.filter(action="organization.appoint").count() == 3
    assert AuditEvent.objects.filter(action="organization.end_appointment").count() == 1


def test_a_concurrent_post_is_listed_after_the_main_one(city):
    _, somu, joho, _ = city
    jicho = PositionFactory(code="jicho", name="次長", rank=5)
    kacho = PositionFactory(code="kacho", name="課長", rank=6)
    person = StaffUserFactory()
    services.appoint(user=person, department=joho, position=kacho, valid_from=APRIL_2026, is_concurrent=True)
    services.appoint(user=person, department=somu, position=jicho, valid_from=APRIL_2026)
    posts = selectors.posts_held_by(person.pk, APRIL_2026)
    assert [(p.position.code, p.is_concurrent) for p in posts] == [("jicho", False), ("kacho", True)]


def test_residents_cannot_be_appointed(city):
    _, _, joho, _ = city
    with pytest.raises(ValidationError, match="職員以外"):
        services.appoint(
            user=ResidentUserFactory(), department=joho, position=PositionFactory(), valid_from=APRIL_2026
        )


def test_an_appointment_cannot_end_before_it_starts(city):
    _, _, joho, _ = city
    membership = services.appoint(
        user=StaffUserFactory(), department=joho, position=PositionFactory(), valid_from=APRIL_2026
    )
    with pytest.raises(ValidationError):
        services.end_appointment(membership=membership, last_day=APRIL_2025)


def test_a_department_abolished_in_a_reorganisation_disappears_from_that_day(city):
    municipality, somu, _, _ = city
    services.upsert_department(
        municipality=municipality,
        code="somu-old",
        name="旧電算課",
        parent=somu,
        valid_from=dt.date(2000, 4, 1),
        valid_to=dt.date(2025, 3, 31),
    )
    codes_2024 = {d.code for d in selectors.departments_on(municipality, dt.date(2024, 10, 1))}
    codes_2025 = {d.code for d in selectors.departments_on(municipality, APRIL_2025)}
    assert "somu-old" in codes_2024 and "somu-old" not in codes_2025


def test_the_directory_page_lists_the_tree_in_one_query_per_level(
    client, city, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get("/organization/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "総務部" in body and "情報管理課" in body and "市民窓口課" in body


def test_an_invalid_municipality_code_is_refused():
    with pytest.raises(ValidationError):
        services.upsert_municipality(code="082083", name="龍ヶ崎市", prefecture="茨城県")
    assert not Department.objects.exists()
