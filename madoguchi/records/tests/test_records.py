"""Receipt numbers, retention from the fiscal year, expiry lists, and disposal through 決裁."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.approvals import services as approvals
from madoguchi.records import selectors, services
from madoguchi.records.models import DisposalBatch, DisposalEntry, Receipt, RecordFile

pytestmark = pytest.mark.django_db


def test_fiscal_year_runs_april_to_march():
    assert services.fiscal_year_of(dt.date(2027, 3, 31)) == 2026
    assert services.fiscal_year_of(dt.date(2026, 4, 1)) == 2026


def test_document_numbers_per_department_per_fiscal_year(somu_joho, staff):
    actor = staff("admin.joho")

    def register(day):
        return services.register_receipt(
            department=somu_joho, received_on=day, sender="茨城県", title="照会", actor=actor
        ).document_number

    assert register(dt.date(2026, 3, 30)) == "龍総情第1号"
    assert register(dt.date(2026, 4, 1)) == "龍総情第1号"
    assert register(dt.date(2026, 4, 2)) == "龍総情第2号"
    assert register(dt.date(2026, 3, 31)) == "龍総情第2号"


def test_a_failed_registration_leaves_no_gap(somu_joho, staff):
    actor = staff("admin.joho")
    day = dt.date(2026, 5, 1)
    services.register_receipt(department=somu_joho, received_on=day, sender="国", title="通知", actor=actor)
    with pytest.raises(services.RecordsError):
        services.register_receipt(department=somu_joho, received_on=day, sender="", title="x", actor=actor)
    receipt = services.register_receipt(
        department=somu_joho, received_on=day, sender="県", title="依頼", actor=actor
    )
    assert receipt.number == 2 and Receipt.objects.count() == 2


def test_retention_starts_the_april_after_completion(plan, somu_joho, staff):
    record = services.create_file(
        file_class=plan["kiki"],
        department=somu_joho,
        title="端末調達",
        fiscal_year=2020,
        actor=staff("admin.joho"),
    )
    assert record.expires_on is None
    record = services.complete_file(record=record, fiscal_year=2020, actor=staff("admin.joho"))
    assert record.expires_on == dt.date(2026, 3, 31)  # 2021-04-01 + 5 years
    assert list(selectors.expiring_files(2025)) == [record]
    assert list(selectors.expiring_files(2024)) == []


def test_permanent_files_never_expire(plan, somu_joho, staff):
    record = services.create_file(
        file_class=plan["reiki"],
        department=somu_joho,
        title="条例",
        fiscal_year=2000,
        actor=staff("admin.joho"),
    )
    services.complete_file(record=record, fiscal_year=2000, actor=staff("admin.joho"))
    assert list(selectors.expiring_files(2100)) == []


def test_extension_and_legal_hold_need_a_reason_and_keep_files(plan, somu_joho, staff):
    actor = staff("admin.joho")
    record = services.create_file(
        file_class=plan["kiki"], department=somu_joho, title="端末調達", fiscal_year=2019, actor=actor
    )
    services.complete_file(record=record, fiscal_year=2019, actor=actor)
    with pytest.raises(services.RecordsError):
        services.extend_retention(record=record, years=2, reason=" ", actor=actor)
    record = services.extend_retention(record=record, years=2, reason="監査対応のため", actor=actor)
    assert record.expires_on == dt.date(2027, 3, 31)
    services.set_legal_hold(record=record, hold=True, reason="訴訟係属中", actor=actor)
    assert list(selectors.expiring_files(2030)) == []
    services.set_legal_hold(record=record, hold=False, reason="訴訟終結", actor=actor)
    assert list(selectors.expiring_files(2030)) == [RecordFile.objects.get(pk=record.pk)]
    assert record.retention_changes.count() == 3


def _expired(plan, somu_joho, actor):
    made = []
    for key, title in (("kiki", "令和元年度 機器更新"), ("keikaku", "第1次情報化計画")):
        record = services.create_file(
            file_class=plan[key], department=somu_joho, title=title, fiscal_year=1990, actor=actor
        )
        made.append(services.complete_file(record=record, fiscal_year=1990, actor=actor))
    return made


def test_disposal_is_carried_out_only_when_decided(plan, somu_joho, staff):
    actor = staff("admin.joho")
    files = _expired(plan, somu_joho, actor)
    batch = services.start_disposal(department=somu_joho, fiscal_year=2026, files=files, actor=actor)
    assert set(RecordFile.objects.values_list("status", flat=True)) == {"pending"}
    assert list(selectors.expiring_files(2026)) == []
    draft = batch.draft
    assert "令和元年度 機器更新" in draft.body
    approvals.submit(draft=draft, actor=actor)
    approvals.approve(draft=draft, actor=staff("gunji.m"))  # 総務課 (文書主管課) agrees
    approvals.decide(draft=draft, actor=staff("terakado.s"))
    batch.refresh_from_db()
    assert batch.status == DisposalBatch.Status.APPROVED
    statuses = dict(RecordFile.objects.values_list("title", "status"))
    assert statuses == {"令和元年度 機器更新": "disposed", "第1次情報化計画": "transferred"}
    assert DisposalEntry.objects.count() == 2
    assert DisposalEntry.objects.get(action="dispose").decision == f"起案番号 {draft.pk}"


def test_rejected_disposal_returns_files_and_writes_nothing(plan, somu_joho, staff):
    actor = staff("admin.joho")
    files = _expired(plan, somu_joho, actor)
    batch = services.start_disposal(department=somu_joho, fiscal_year=2026, files=files, actor=actor)
    approvals.submit(draft=batch.draft, actor=actor)
    approvals.approve(draft=batch.draft, actor=staff("gunji.m"))
    approvals.reject(draft=batch.draft, actor=staff("terakado.s"), comment="来年度に再検討")
    assert set(RecordFile.objects.values_list("status", flat=True)) == {"active"}
    assert DisposalEntry.objects.count() == 0


def test_files_not_yet_expired_cannot_be_proposed(plan, somu_joho, staff):
    actor = staff("admin.joho")
    record = services.create_file(
        file_class=plan["kiki"], department=somu_joho, title="新しい", fiscal_year=2025, actor=actor
    )
    services.complete_file(record=record, fiscal_year=2025, actor=actor)
    with pytest.raises(services.RecordsError):
        services.start_disposal(department=somu_joho, fiscal_year=2026, files=[record], actor=actor)


def test_transfer_metadata_lists_the_receipts(plan, somu_joho, staff):
    actor = staff("admin.joho")
    record = _expired(plan, somu_joho, actor)[1]
    services.register_receipt(
        department=somu_joho,
        received_on=dt.date(2026, 5, 1),
        sender="県",
        title="計画の照会",
        actor=actor,
        file=record,
    )
    data = selectors.transfer_metadata(record)
    assert data["classification_code"] == "joho-keikaku"
    assert data["receipts"][0]["document_number"] == "龍総情第1号"
