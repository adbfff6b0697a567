"""Reads of the file plan and the records.

Staff reach the files and received documents of the departments they work in; a records manager
(文書主管課) those of the departments of their role — every department for a city-wide one. The
department filter is in each query (``Reach.filter``), so a view cannot forget it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from madoguchi.accounts.models import Role
from madoguchi.accounts.roles import Reach, reach
from madoguchi.records.models import DisposalBatch, DisposalEntry, FileClass, Receipt, RecordFile, Retention

RETENTION_CHOICES = Retention.choices


def retention_label(retention: int | None) -> str:
    return str(Retention(retention).label) if retention is not None else "—"


def file_classes() -> QuerySet[FileClass]:
    return FileClass.objects.select_related("parent", "department")


def file_class_choices() -> list[tuple[int, str]]:
    """The leaves of the file plan (where files are filed), labelled with their path."""
    classes = list(file_classes())
    parents = {c.parent_id for c in classes}
    by_id = {c.pk: c for c in classes}

    def path(node: FileClass) -> str:
        names = [node.name]
        while node.parent_id:
            node = by_id[node.parent_id]
            names.append(node.name)
        return " ＞ ".join(reversed(names))

    return [(c.pk, f"{path(c)}（{c.get_retention_display()}）") for c in classes if c.pk not in parents]


def file_class_by_id(pk: int | None) -> FileClass | None:
    return FileClass.objects.filter(pk=pk).first() if pk else None


def fiscal_year_end(fiscal_year: int) -> dt.date:
    return dt.date(fiscal_year + 1, 3, 31)


def expiring_files(fiscal_year: int, department_ids: Iterable[int] | None = None) -> QuerySet[RecordFile]:
    """The files whose retention ends by the end of ``fiscal_year`` and may now be disposed of.

    常用 files never expire; files on legal hold or already in a decision are left out.
    """
    files = RecordFile.objects.filter(
        status=RecordFile.Status.ACTIVE,
        legal_hold=False,
        expires_on__isnull=False,
        expires_on__lte=fiscal_year_end(fiscal_year),
    ).select_related("file_class", "department")
    if department_ids is not None:
        files = files.filter(department_id__in=list(department_ids))
    return files.order_by("department__sort_order", "expires_on", "pk")


# Who handles records: the officers and heads of a department, and the records manager.
STAFF_ROLES = (Role.CASE_OFFICER, Role.DEPARTMENT_HEAD, Role.RECORDS_MANAGER)
# Disposal (廃棄・移管) is decided by the records manager, for the departments of their role.
DISPOSAL_ROLES = (Role.RECORDS_MANAGER,)


def staff_reach(user) -> Reach:
    """The departments whose files ``user`` handles today."""
    return reach(user, *STAFF_ROLES)


def disposal_reach(user) -> Reach:
    """The departments whose expired files ``user`` may put up for disposal today."""
    return reach(user, *DISPOSAL_ROLES)


def files_of(within: Reach) -> QuerySet[RecordFile]:
    files = RecordFile.objects.select_related("file_class", "department")
    return within.filter(files.order_by("-created_fiscal_year", "title"))


def file_for_staff(user, pk: int) -> RecordFile | None:
    """One file, if it belongs to a department the staff member handles."""
    return files_of(staff_reach(user)).filter(pk=pk).first()


def receipts_of(within: Reach) -> QuerySet[Receipt]:
    return within.filter(Receipt.objects.select_related("department", "file"))


def disposal_register() -> QuerySet[DisposalEntry]:
    """廃棄簿 — everything disposed of or transferred, newest first."""
    return DisposalEntry.objects.select_related("batch__draft")


def disposal_batches(within: Reach) -> QuerySet[DisposalBatch]:
    return within.filter(DisposalBatch.objects.select_related("draft").order_by("-created_at"))


def file_plan_tree() -> list[dict]:
    """The file plan as nested dicts (one query)."""
    nodes = list(file_classes().order_by("sort_order", "code"))
    children: dict[int | None, list[FileClass]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)

    def build(parent_id: int | None) -> list[dict]:
        return [{"node": n, "children": build(n.pk)} for n in children.get(parent_id, [])]

    return build(None)


def transfer_metadata(record: RecordFile) -> dict:
    """移管 — what the archives receive about a transferred file (歴史公文書), as plain data."""
    return {
        "title": record.title,
        "classification": record.file_class.name,
        "classification_code": record.file_class.code,
        "department": record.department.name,
        "created_fiscal_year": record.created_fiscal_year,
        "completed_fiscal_year": record.completed_fiscal_year,
        "retention": str(record.get_retention_display()),
        "extended_years": record.extended_years,
        "expires_on": record.expires_on.isoformat() if record.expires_on else None,
        "status": record.status,
        "receipts": [
            {
                "document_number": r.document_number,
                "received_on": r.received_on.isoformat(),
                "sender": r.sender,
                "title": r.title,
            }
            for r in record.receipts.order_by("received_on", "number")
        ],
        "retention_changes": [
            {"kind": c.kind, "years": c.years, "reason": c.reason, "at": c.at.isoformat()}
            for c in record.retention_changes.all()
        ],
    }


def all_files() -> QuerySet[RecordFile]:
    return RecordFile.objects.all()


def search_all(query: str, *, limit: int) -> dict[str, list[int]]:
    """The ids of the best-matching drafts, files and receipts for ``query``, best first."""
    from madoguchi.textsearch.selectors import search

    namespaces = {"drafts": "approvals.draft", "files": "records.file", "receipts": "records.receipt"}
    return {
        name: [int(hit.key) for hit in search(namespace=namespace, query=query, limit=limit)]
        for name, namespace in namespaces.items()
    }


def files_in_order(ids: list[int], within: Reach) -> list[RecordFile]:
    found = {f.pk: f for f in files_of(within).filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def receipts_in_order(ids: list[int], within: Reach) -> list[Receipt]:
    found = {r.pk: r for r in receipts_of(within).filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]
