"""Writes for official records: receipt numbers, files and their retention, approved disposal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.approvals import selectors as approval_selectors
from madoguchi.approvals import services as approval_services
from madoguchi.audit.services import record_event
from madoguchi.core.errors import ServiceError
from madoguchi.records.models import (
    DisposalBatch,
    DisposalEntry,
    DocumentCounter,
    ExpiryAction,
    FileClass,
    Receipt,
    RecordFile,
    Retention,
    RetentionChange,
)
from madoguchi.textsearch import services as textsearch

DISPOSAL_SUBJECT = "records.disposal"
DISPOSAL_MATTER = "records-disposal"
CITY_MARK = "龍"  # the first character of every 文書記号 (龍ケ崎市)


class RecordsError(ServiceError):
    """A request that cannot be carried out; ``messages`` are shown to the person as they are."""


def fiscal_year_of(day: dt.date) -> int:
    """年度 — April to March: 2027-03-31 is in fiscal 2026."""
    return day.year if day.month >= 4 else day.year - 1


def expiry_date(completed_fiscal_year: int, years: int) -> dt.date:
    """Retention starts on 1 April after the completing fiscal year and ends on a 31 March."""
    return dt.date(completed_fiscal_year + 1 + years, 3, 31)


def document_symbol(department) -> str:
    """文書記号 — 龍 + the first character of the 部 and of the 課 (総務部情報管理課 → 龍総情)."""
    chain = []
    unit = department
    while unit is not None:
        chain.append(unit)
        unit = unit.parent
    chain.reverse()
    return CITY_MARK + "".join(unit.name[0] for unit in chain[:2])


def _audit(action: str, *, actor, object_type: str, object_id, details: dict | None = None) -> None:
    record_event(
        action=f"records.{action}",
        actor=actor,
        object_type=object_type,
        object_id=str(object_id),
        purpose="公文書管理",
        details=details or {},
    )


# --- Full-text index ---------------------------------------------------------------------------

FILE_NAMESPACE = "records.file"
RECEIPT_NAMESPACE = "records.receipt"


def file_search_fields(record: RecordFile) -> dict[str, str]:
    return {"title": record.title, "keywords": f"{record.file_class.name} {record.department.name}"}


def receipt_search_fields(receipt: Receipt) -> dict[str, str]:
    return {"title": receipt.title, "keywords": f"{receipt.document_number} {receipt.sender}"}


# --- File plan ---------------------------------------------------------------------------------


def upsert_file_class(
    *,
    code: str,
    name: str,
    parent: FileClass | None = None,
    department=None,
    retention: int = Retention.FIVE,
    expiry_action: str = ExpiryAction.DISPOSE,
    sort_order: int = 0,
) -> FileClass:
    if retention not in Retention.values:
        raise RecordsError(_("保存期間は 1・3・5・10・30年または常用から選んでください。"))
    node, _created = FileClass.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "parent": parent,
            "department": department,
            "retention": retention,
            "expiry_action": expiry_action,
            "sort_order": sort_order,
        },
    )
    return node


# --- 収受 and 文書番号 ----------------------------------------------------------------------------


def _next_number(department, fiscal_year: int) -> int:
    """The next number in the department's fiscal-year sequence, in the caller's transaction.

    The counter row is locked until commit, so concurrent registrations queue; a rolled-back
    registration rolls its number back too, so the sequence has no gaps.
    """
    try:
        with transaction.atomic():
            DocumentCounter.objects.get_or_create(department=department, fiscal_year=fiscal_year)
    except IntegrityError:
        pass  # created by a concurrent first registration of the year; lock it below
    counter = DocumentCounter.objects.select_for_update().get(department=department, fiscal_year=fiscal_year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def register_receipt(
    *,
    department,
    received_on: dt.date,
    sender: str,
    title: str,
    actor,
    file: RecordFile | None = None,
    draft_ids: Iterable[int] = (),
) -> Receipt:
    """収受 — register an incoming document and give it the department's next 文書番号."""
    if not sender.strip() or not title.strip():
        raise RecordsError(_("差出人と件名を入力してください。"))
    if received_on > timezone.localdate():
        raise RecordsError(_("収受日に未来の日付は指定できません。"))
    fiscal_year = fiscal_year_of(received_on)
    number = _next_number(department, fiscal_year)
    receipt = Receipt.objects.create(
        department=department,
        fiscal_year=fiscal_year,
        number=number,
        document_number=f"{document_symbol(department)}第{number}号",
        received_on=received_on,
        sender=sender.strip(),
        title=title.strip(),
        file=file,
        registered_by=actor,
    )
    if draft_ids:
        receipt.drafts.set(list(draft_ids))
    textsearch.index_document(
        namespace=RECEIPT_NAMESPACE, key=str(receipt.pk), fields=receipt_search_fields(receipt)
    )
    _audit("receipt", actor=actor, object_type="records.receipt", object_id=receipt.pk)
    return receipt


# --- Files and retention -----------------------------------------------------------------------


@transaction.atomic
def create_file(*, file_class: FileClass, department, title: str, fiscal_year: int, actor) -> RecordFile:
    if not title.strip():
        raise RecordsError(_("ファイル名を入力してください。"))
    record = RecordFile.objects.create(
        file_class=file_class,
        department=department,
        title=title.strip(),
        created_fiscal_year=fiscal_year,
        retention=file_class.retention,
        expiry_action=file_class.expiry_action,
    )
    textsearch.index_document(namespace=FILE_NAMESPACE, key=str(record.pk), fields=file_search_fields(record))
    _audit("file.create", actor=actor, object_type="records.file", object_id=record.pk)
    return record


def _locked(record: RecordFile) -> RecordFile:
    return RecordFile.objects.select_for_update().get(pk=record.pk)


def _recompute_expiry(record: RecordFile) -> None:
    if record.completed_fiscal_year is None or record.retention == Retention.PERMANENT:
        record.expires_on = None
    else:
        record.expires_on = expiry_date(
            record.completed_fiscal_year, record.retention + record.extended_years
        )


@transaction.atomic
def complete_file(*, record: RecordFile, fiscal_year: int, actor) -> RecordFile:
    """完結 — the file is closed; its retention runs from the next 1 April."""
    record = _locked(record)
    if fiscal_year < record.created_fiscal_year:
        raise RecordsError(_("完結年度は作成年度以降にしてください。"))
    record.completed_fiscal_year = fiscal_year
    _recompute_expiry(record)
    record.save(update_fields=["completed_fiscal_year", "expires_on"])
    _audit("file.complete", actor=actor, object_type="records.file", object_id=record.pk)
    return record


@transaction.atomic
def extend_retention(*, record: RecordFile, years: int, reason: str, actor) -> RecordFile:
    """保存期間の延長 — for a reason (e.g. 職務の遂行上必要), never silently."""
    if years < 1 or years > 30:
        raise RecordsError(_("延長する年数は 1〜30 年で指定してください。"))
    if not reason.strip():
        raise RecordsError(_("延長の理由を入力してください。"))
    record = _locked(record)
    if record.status != RecordFile.Status.ACTIVE:
        raise RecordsError(_("保存中のファイルだけ延長できます。"))
    record.extended_years += years
    _recompute_expiry(record)
    record.save(update_fields=["extended_years", "expires_on"])
    RetentionChange.objects.create(
        file=record, kind=RetentionChange.Kind.EXTEND, years=years, reason=reason, actor=actor
    )
    _audit(
        "file.extend", actor=actor, object_type="records.file", object_id=record.pk, details={"years": years}
    )
    return record


@transaction.atomic
def set_legal_hold(*, record: RecordFile, hold: bool, reason: str, actor) -> RecordFile:
    """廃棄の停止 (訴訟・開示請求への対応) or its release; a held file never appears for disposal."""
    if not reason.strip():
        raise RecordsError(_("理由を入力してください。"))
    record = _locked(record)
    if record.status not in (RecordFile.Status.ACTIVE, RecordFile.Status.PENDING) and hold:
        raise RecordsError(_("廃棄・移管済みのファイルは停止できません。"))
    record.legal_hold, record.hold_reason = hold, reason.strip() if hold else ""
    record.save(update_fields=["legal_hold", "hold_reason"])
    kind = RetentionChange.Kind.HOLD if hold else RetentionChange.Kind.RELEASE
    RetentionChange.objects.create(file=record, kind=kind, reason=reason, actor=actor)
    _audit(f"file.{kind}", actor=actor, object_type="records.file", object_id=record.pk)
    return record


# --- Disposal through the approval engine ------------------------------------------------------


@transaction.atomic
def start_disposal(*, department, fiscal_year: int, files: Sequence[RecordFile], actor) -> DisposalBatch:
    """廃棄・移管の起案 — the chosen expired files go for decision; nothing is disposed of yet."""
    from madoguchi.records.selectors import expiring_files

    if not files:
        raise RecordsError(_("廃棄・移管するファイルを選んでください。"))
    allowed = set(expiring_files(fiscal_year, department_ids=[department.pk]).values_list("pk", flat=True))
    locked = list(RecordFile.objects.select_for_update().filter(pk__in=[f.pk for f in files]).order_by("pk"))
    if any(record.pk not in allowed for record in locked) or len(locked) != len(files):
        raise RecordsError(_("保存期間が満了していないか、停止中・決裁中のファイルが含まれています。"))
    matter = approval_selectors.matter_classes().filter(code=DISPOSAL_MATTER).first()
    lines = [
        f"・{record.title}（{record.file_class.name}、{record.get_retention_display()}、"
        f"{record.completed_fiscal_year}年度完結、{record.get_expiry_action_display()}）"
        for record in locked
    ]
    batch = DisposalBatch.objects.create(department=department, fiscal_year=fiscal_year, created_by=actor)
    batch.files.set(locked)
    draft = approval_services.create_draft(
        drafter=actor,
        department=department,
        title=_("保存期間満了文書の廃棄・移管について（%(year)s年度）") % {"year": fiscal_year},
        body=_("保存期間が満了した次のファイルについて、廃棄または移管してよろしいか伺います。")
        + "\n\n"
        + "\n".join(lines),
        matter=matter,
        subject_type=DISPOSAL_SUBJECT,
        subject_ref=str(batch.pk),
    )
    batch.draft = draft
    batch.save(update_fields=["draft"])
    RecordFile.objects.filter(pk__in=[r.pk for r in locked]).update(status=RecordFile.Status.PENDING)
    _audit("disposal.start", actor=actor, object_type="records.disposal", object_id=batch.pk)
    return batch


def disposal_closed(draft) -> None:
    """The approval engine's hook: a decided batch is carried out and written to the 廃棄簿."""
    batch = DisposalBatch.objects.select_for_update().get(pk=int(draft.subject_ref))
    files = list(batch.files.select_related("file_class", "department").order_by("pk"))
    if draft.status != "decided":
        batch.status = DisposalBatch.Status.REJECTED
        batch.save(update_fields=["status"])
        RecordFile.objects.filter(pk__in=[f.pk for f in files], status=RecordFile.Status.PENDING).update(
            status=RecordFile.Status.ACTIVE
        )
        return
    now = timezone.now()
    held = [f for f in files if f.legal_hold]
    for record in files:
        if record.legal_hold:
            continue  # a hold placed while the decision was pending still wins
        transfer = record.expiry_action == ExpiryAction.TRANSFER
        DisposalEntry.objects.create(
            batch=batch,
            file=record,
            title=record.title,
            file_class=record.file_class.name,
            department=record.department.name,
            retention=str(record.get_retention_display()),
            completed_fiscal_year=record.completed_fiscal_year,
            action=record.expiry_action,
            executed_at=now,
            decision=f"起案番号 {draft.pk}",
        )
        record.status = RecordFile.Status.TRANSFERRED if transfer else RecordFile.Status.DISPOSED
        record.save(update_fields=["status"])
    RecordFile.objects.filter(pk__in=[f.pk for f in held]).update(status=RecordFile.Status.ACTIVE)
    batch.status = DisposalBatch.Status.APPROVED
    batch.save(update_fields=["status"])
    _audit("disposal.done", actor=None, object_type="records.disposal", object_id=batch.pk)


def rebuild_search_index() -> dict[str, int]:
    """Re-index every draft, file and receipt (after an import, or a change of analyser)."""
    from madoguchi.approvals.services import SEARCH_NAMESPACE, search_fields

    drafts = approval_selectors.all_drafts_for_index()
    return {
        SEARCH_NAMESPACE: textsearch.rebuild(
            namespace=SEARCH_NAMESPACE,
            documents=((str(d.pk), search_fields(d), "ja") for d in drafts.iterator(chunk_size=2000)),
        ),
        FILE_NAMESPACE: textsearch.rebuild(
            namespace=FILE_NAMESPACE,
            documents=(
                (str(f.pk), file_search_fields(f), "ja")
                for f in RecordFile.objects.select_related("file_class", "department").iterator(
                    chunk_size=2000
                )
            ),
        ),
        RECEIPT_NAMESPACE: textsearch.rebuild(
            namespace=RECEIPT_NAMESPACE,
            documents=(
                (str(r.pk), receipt_search_fields(r), "ja") for r in Receipt.objects.iterator(chunk_size=2000)
            ),
        ),
    }
