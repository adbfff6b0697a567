"""Residents see who (department and post) looked at their data; auditors search and export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from madoguchi.accounts.models import Role
from madoguchi.accounts.services import assign_role
from madoguchi.accounts.tests.factories import StaffUserFactory
from madoguchi.audit.models import AuditEvent
from madoguchi.audit.services import record_event
from madoguchi.cases.tests.conftest import HEAD_CODE
from tests.browser.pages import build_site

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def site():
    return build_site()


def test_a_resident_sees_the_department_and_post_that_read_their_data_but_not_the_name(site):
    staff_client = Client()
    staff_client.force_login(site.clerk)
    assert staff_client.get(f"/staff/cases/{site.submission.receipt_number}/").status_code == 200
    staff_client.get(f"/staff/counter/{HEAD_CODE}/")
    resident = Client()
    resident.force_login(site.resident)
    page = resident.get("/my/access-log/").content.decode()
    assert "申請内容の閲覧" in page and "住民記録の閲覧" in page
    assert "市民窓口課" in page and "課長" in page and "案件の確認" in page
    assert site.clerk.last_name not in page and site.clerk.username not in page


def test_a_resident_does_not_see_looks_at_someone_else(site):
    record_event(
        action="registry.read",
        actor=site.clerk,
        object_type="registry.resident",
        object_id="08208299999",
        purpose="別人の確認",
    )
    resident = Client()
    resident.force_login(site.resident)
    assert "別人の確認" not in resident.get("/my/access-log/").content.decode()


def test_a_counter_search_that_found_the_resident_is_on_their_log(site):
    clerk = Client()
    clerk.force_login(site.clerk)
    clerk.get("/staff/counter/", {"kana": "リュウガサキ", "birth_date": "S60.6.1"})
    resident = Client()
    resident.force_login(site.resident)
    assert "住民記録の検索" in resident.get("/my/access-log/").content.decode()


def _auditor() -> Client:
    auditor = StaffUserFactory(username="kansa.t")
    assign_role(user=auditor, role=Role.AUDITOR, valid_from=dt.date(2020, 4, 1), actor=None)
    client = Client()
    client.force_login(auditor)
    return client


def test_an_auditor_searches_and_exports_the_trail_and_that_is_audited_too(site):
    client = _auditor()
    page = client.get("/staff/audit/", {"object_id": site.submission.receipt_number})
    assert page.status_code == 200 and "cases.submit" in page.content.decode()
    export = client.get("/staff/audit/export.csv", {"action": "cases."})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    assert site.submission.receipt_number in export.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="audit.search", actor_label="staff:kansa.t").exists()
    assert AuditEvent.objects.filter(action="audit.export", actor_label="staff:kansa.t").exists()


def test_a_formula_in_a_failed_username_is_defused_in_the_export(site):
    Client().post("/staff/login/", {"username": '=HYPERLINK("http://evil")', "password": "x-wrong-password"})
    body = (
        _auditor()
        .get("/staff/audit/export.csv", {"action": "accounts.login_failed"})
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body


def test_other_staff_cannot_search_the_trail(site):
    client = Client()
    client.force_login(site.clerk)
    assert client.get("/staff/audit/").status_code == 403
