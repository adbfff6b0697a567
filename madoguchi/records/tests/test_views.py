"""Staff pages for records: 収受, the expiry list into a disposal draft, transfer exports."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from madoguchi.accounts.models import Role
from madoguchi.accounts.services import assign_role
from madoguchi.approvals import services as approvals
from madoguchi.records import services
from madoguchi.records.models import Receipt

pytestmark = pytest.mark.django_db
START = dt.date(2020, 4, 1)


def test_receipt_page_gives_the_next_number_and_rejects_bad_input(client, staff, somu_joho):
    client.force_login(staff("terakado.s"))
    url = reverse("records:receipts")
    response = client.post(
        url, {"department": somu_joho.pk, "received_on": "2026-05-01", "sender": "", "title": "x"}
    )
    assert response.status_code == 400 and Receipt.objects.count() == 0
    response = client.post(
        url,
        {"department": somu_joho.pk, "received_on": "2026-05-01", "sender": "茨城県", "title": "調査"},
        follow=True,
    )
    assert "龍総情第1号" in response.content.decode()


def _records_manager(user, department=None):
    """Make ``user`` 文書主管課 (records manager) for ``department`` (every one when None)."""
    assign_role(user=user, role=Role.RECORDS_MANAGER, department=department, valid_from=START, actor=None)
    return user


def test_expired_files_go_to_a_disposal_draft_and_transferred_ones_export(client, staff, somu_joho, plan):
    actor = _records_manager(staff("admin.joho"), somu_joho)
    record = services.create_file(
        file_class=plan["keikaku"], department=somu_joho, title="第1次計画", fiscal_year=1980, actor=actor
    )
    services.complete_file(record=record, fiscal_year=1980, actor=actor)
    client.force_login(actor)
    page = client.get(reverse("records:expiry"), {"fiscal_year": "2026"}).content.decode()
    assert "第1次計画" in page
    response = client.post(reverse("records:dispose"), {"fiscal_year": "2026", "file": [record.pk]})
    assert response.status_code == 302
    record.refresh_from_db()
    draft = record.disposal_batches.get().draft
    approvals.submit(draft=draft, actor=actor)
    approvals.approve(draft=draft, actor=staff("gunji.m"))  # 総務課 (文書主管課) agrees
    approvals.decide(draft=draft, actor=staff("terakado.s"))
    assert "第1次計画" in client.get(reverse("records:register")).content.decode()
    data = json.loads(client.get(reverse("records:transfer_json", kwargs={"file_id": record.pk})).content)
    assert data["title"] == "第1次計画" and data["status"] == "transferred"
    pdf = client.get(reverse("records:transfer_pdf", kwargs={"file_id": record.pk})).content
    assert "第1次計画" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_files_of_another_division_are_refused(client, staff, somu_joho, plan, city):
    from madoguchi.organization.selectors import department_by_code

    record = services.create_file(
        file_class=plan["kiki"],
        department=department_by_code(city, "somu-zaisei"),
        title="予算",
        fiscal_year=2020,
        actor=staff("admin.joho"),
    )
    client.force_login(staff("admin.joho"))
    assert client.get(reverse("records:file", kwargs={"file_id": record.pk})).status_code == 404


def test_a_city_wide_records_manager_sees_every_departments_files(client, staff, plan, city):
    from madoguchi.accounts.tests.factories import StaffUserFactory
    from madoguchi.organization.selectors import department_by_code

    record = services.create_file(
        file_class=plan["kiki"],
        department=department_by_code(city, "somu-zaisei"),
        title="予算",
        fiscal_year=2020,
        actor=staff("admin.joho"),
    )
    client.force_login(_records_manager(StaffUserFactory()))
    assert client.get(reverse("records:file", kwargs={"file_id": record.pk})).status_code == 200
    assert "予算" in client.get(reverse("records:home")).content.decode()


def test_only_the_records_manager_lists_expired_files_and_starts_their_disposal(
    client, staff, somu_joho, plan
):
    officer = staff("admin.joho")
    record = services.create_file(
        file_class=plan["keikaku"], department=somu_joho, title="第1次計画", fiscal_year=1980, actor=officer
    )
    services.complete_file(record=record, fiscal_year=1980, actor=officer)
    client.force_login(officer)
    assert "保存期間満了ファイル" not in client.get(reverse("records:home")).content.decode()
    assert client.get(reverse("records:expiry"), {"fiscal_year": "2026"}).status_code == 403
    response = client.post(reverse("records:dispose"), {"fiscal_year": "2026", "file": [record.pk]})
    assert response.status_code == 403
    record.refresh_from_db()
    assert not record.disposal_batches.exists()


def test_a_records_manager_of_one_department_cannot_dispose_of_anothers_files(
    client, staff, somu_joho, plan, city
):
    from madoguchi.accounts.tests.factories import StaffUserFactory
    from madoguchi.organization.selectors import department_by_code

    zaisei = department_by_code(city, "somu-zaisei")
    record = services.create_file(
        file_class=plan["keikaku"], department=somu_joho, title="第1次計画", fiscal_year=1980, actor=None
    )
    services.complete_file(record=record, fiscal_year=1980, actor=None)
    client.force_login(_records_manager(StaffUserFactory(), zaisei))
    assert "第1次計画" not in client.get(reverse("records:expiry"), {"fiscal_year": "2026"}).content.decode()
    client.post(reverse("records:dispose"), {"fiscal_year": "2026", "file": [record.pk]})
    record.refresh_from_db()
    assert not record.disposal_batches.exists()


def test_full_text_search_finds_drafts_files_and_receipts_the_user_may_see(
    client, staff, somu_joho, plan, make_draft
):
    import datetime as dt

    actor = staff("admin.joho")
    make_draft(title="庁内無線LANの更新について", body="アクセスポイントを入れ替える")
    services.create_file(
        file_class=plan["kiki"],
        department=somu_joho,
        title="無線LAN機器の調達",
        fiscal_year=2026,
        actor=actor,
    )
    services.register_receipt(
        department=somu_joho,
        received_on=dt.date(2026, 5, 1),
        sender="総務省",
        title="無線LANの調査",
        actor=actor,
    )
    client.force_login(actor)
    page = client.get(reverse("records:search"), {"q": "無線ＬＡＮ"}).content.decode()
    assert "庁内無線LANの更新について" in page and "無線LAN機器の調達" in page and "龍総情第1号" in page
    client.force_login(staff("tsuboi.k"))
    page = client.get(reverse("records:search"), {"q": "無線LAN"}).content.decode()
    assert "庁内無線LANの更新について" not in page and "無線LAN機器の調達" not in page
    services.rebuild_search_index()
    client.force_login(actor)
    found = client.get(reverse("records:search"), {"q": "アクセスポイント"}).content.decode()
    assert "庁内無線LANの更新について" in found  # the body is indexed, and still after a rebuild
