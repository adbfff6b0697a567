"""Roles: from appointments, from dated assignments; only system administrators assign, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from madoguchi.accounts.models import Role, RoleAssignment
from madoguchi.accounts.roles import has_role, roles_of
from madoguchi.accounts.services import assign_role
from madoguchi.accounts.sessions import AUTHENTICATED_AT
from madoguchi.accounts.tests.factories import ResidentUserFactory, StaffUserFactory
from madoguchi.audit.models import AuditEvent
from madoguchi.organization.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]
TODAY = dt.date(2026, 11, 26)


def test_a_post_makes_a_case_officer_of_that_department_and_a_kacho_its_head():
    membership = MembershipFactory(position__code="kacho", valid_from=dt.date(2026, 4, 1))
    user = membership.user
    assert {Role.CASE_OFFICER, Role.DEPARTMENT_HEAD} <= roles_of(user, TODAY)
    assert has_role(user, Role.DEPARTMENT_HEAD, department_id=membership.department_id, day=TODAY)
    other = MembershipFactory(valid_from=dt.date(2026, 4, 1)).department
    assert not has_role(user, Role.CASE_OFFICER, department_id=other.pk, day=TODAY)


def test_an_assignment_holds_only_between_its_dates():
    user = StaffUserFactory()
    assign_role(
        user=user,
        role=Role.AUDITOR,
        valid_from=dt.date(2026, 4, 1),
        valid_to=dt.date(2026, 9, 30),
        actor=None,
    )
    assert has_role(user, Role.AUDITOR, day=dt.date(2026, 9, 30))
    assert not has_role(user, Role.AUDITOR, day=dt.date(2026, 10, 1))
    assert not has_role(user, Role.AUDITOR, day=dt.date(2026, 3, 31))


def test_a_resident_is_only_a_resident():
    assert roles_of(ResidentUserFactory()) == {Role.RESIDENT}


def _admin(client: Client):
    admin = StaffUserFactory()
    assign_role(user=admin, role=Role.SYSTEM_ADMINISTRATOR, valid_from=dt.date(2020, 1, 1), actor=None)
    client.force_login(admin)
    return admin


def test_a_system_administrator_assigns_a_role_and_it_is_audited(client):
    admin = _admin(client)
    target = StaffUserFactory(username="kiroku.t")
    assert client.get("/staff/roles/").status_code == 200
    response = client.post(
        "/staff/roles/assign/",
        {
            "username": "kiroku.t",
            "role": "records_manager",
            "valid_from": "2026-04-01",
            "next": "/staff/roles/",
        },
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.get(user=target).granted_by == admin
    event = AuditEvent.objects.filter(action="accounts.role_assigned").last()
    assert event.actor_id == admin.pk and event.details["role"] == "records_manager"


def test_changing_roles_needs_a_recent_sign_in(client):
    _admin(client)
    StaffUserFactory(username="kiroku.t")
    session = client.session
    session[AUTHENTICATED_AT] = 0
    session.save()
    response = client.post(
        "/staff/roles/assign/",
        {"username": "kiroku.t", "role": "auditor", "valid_from": "2026-04-01", "next": "/staff/roles/"},
    )
    assert response["Location"] == "/staff/reauthenticate/?next=%2Fstaff%2Froles%2F"
    assert not RoleAssignment.objects.filter(user__username="kiroku.t").exists()


def test_an_unknown_staff_id_is_a_field_error_and_changes_nothing(client):
    _admin(client)
    response = client.post(
        "/staff/roles/assign/", {"username": "nobody", "role": "auditor", "valid_from": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "この職員IDの職員は見つかりません。" in response.content.decode()
    assert not RoleAssignment.objects.exclude(role=Role.SYSTEM_ADMINISTRATOR).exists()


def test_other_staff_cannot_open_role_management(client):
    client.force_login(StaffUserFactory())
    assert client.get("/staff/roles/").status_code == 403


def test_reach_covers_the_departments_of_the_roles_asked_for_and_everything_below():
    from madoguchi.accounts.roles import reach
    from madoguchi.organization.tests.factories import DepartmentFactory

    ka = DepartmentFactory(level="ka")
    kakari = DepartmentFactory(municipality=ka.municipality, parent=ka, level="kakari")
    sibling = DepartmentFactory(municipality=ka.municipality, parent=ka, level="kakari")
    user = MembershipFactory(department=kakari, valid_from=dt.date(2026, 4, 1)).user
    officer = reach(user, Role.CASE_OFFICER, day=TODAY)
    assert not officer.everywhere and {ka.pk, kakari.pk, sibling.pk} <= officer.departments
    assert not reach(user, Role.RECORDS_MANAGER, day=TODAY)
    assign_role(user=user, role=Role.RECORDS_MANAGER, valid_from=dt.date(2026, 4, 1), actor=None)
    assert reach(user, Role.RECORDS_MANAGER, day=TODAY).everywhere


def test_an_auditor_or_administrator_role_cannot_be_limited_to_one_department():
    from madoguchi.accounts.services import RoleError
    from madoguchi.organization.tests.factories import DepartmentFactory

    user = StaffUserFactory()
    for role in (Role.AUDITOR, Role.SYSTEM_ADMINISTRATOR):
        with pytest.raises(RoleError, match="全庁の役割"):
            assign_role(user=user, role=role, department=DepartmentFactory(), valid_from=TODAY, actor=None)
    assert not RoleAssignment.objects.filter(user=user).exists()
