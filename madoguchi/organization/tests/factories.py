import datetime as dt

import factory

from madoguchi.organization.models import Department, Membership, Municipality, Position


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "082082"
    name = "龍ヶ崎市"
    name_en = "Ryugasaki City"
    prefecture = "茨城県"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"dept-{n}")
    level = Department.Level.BU
    name = factory.Sequence(lambda n: f"第{n}部")
    valid_from = dt.date(2020, 4, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("code",)

    code = "kacho"
    name = "課長"
    name_en = "Director"
    rank = 40


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("madoguchi.accounts.tests.factories.StaffUserFactory")
    department = factory.SubFactory(DepartmentFactory)
    position = factory.SubFactory(PositionFactory)
    valid_from = dt.date(2020, 4, 1)
