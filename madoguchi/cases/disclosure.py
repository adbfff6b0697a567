"""開示請求 (disclosure request) support: everything the city holds about a resident's applications.

The Act on the Protection of Personal Information gives residents the right to see the personal
information an administrative body holds about them (保有個人情報の開示). This collects, for one
signed-in resident, their submissions with answers, messages, status history and attachments'
metadata, their unsent drafts, the registry items read for them, and the access-log entries about
them — as one JSON document and as a PDF. Staff names are not disclosed, only that staff acted.
Producing it is itself audited.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.audit.selectors import events_about
from madoguchi.audit.services import record_event
from madoguchi.cases import selectors
from madoguchi.core.pdf import sections_pdf
from madoguchi.identity.selectors import resident_code_of

PURPOSE = "開示請求（本人による保有個人情報のダウンロード）"


def _who(actor_id: int | None, user) -> str:
    if actor_id is None:
        return "system"
    return "self" if actor_id == user.pk else "staff"


def _submission(submission, user) -> dict[str, Any]:
    return {
        "receipt_number": submission.receipt_number,
        "procedure_code": submission.procedure_code,
        "procedure_title": submission.procedure_title,
        "department": submission.department.name,
        "status": submission.status,
        "submitted_at": submission.submitted_at,
        "fee": submission.fee,
        "answers": submission.answers,
        "status_history": [
            {
                "from": c.from_status,
                "to": c.to_status,
                "reason": c.reason,
                "at": c.at,
                "by": _who(c.actor_id, user),
            }
            for c in submission.status_changes.order_by("at", "pk")
        ],
        "messages": [
            {"from_staff": m.from_staff, "body": m.body, "at": m.created_at}
            for m in submission.messages.order_by("created_at", "pk")
        ],
        "attachments": [
            {
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
                "uploaded_at": a.created_at,
            }
            for a in submission.draft.attachments.all()
        ],
        "anonymised_at": submission.anonymised_at,
    }


def disclosure_for(user) -> dict[str, Any]:
    """Everything about ``user``'s applications, and an audit event saying it was handed over."""
    submissions = list(selectors.submissions_of(user).select_related("department", "draft"))
    drafts = list(selectors.drafts_of(user))
    resident_code = resident_code_of(user) or ""
    events = events_about([resident_code, *(s.receipt_number for s in submissions)])
    document = {
        "generated_at": timezone.now(),
        "resident": {
            "name": f"{user.last_name} {user.first_name}".strip(),
            "resident_code": resident_code,
        },
        "submissions": [_submission(s, user) for s in submissions],
        "drafts": [
            {"procedure_code": d.procedure_code, "answers": d.answers, "updated_at": d.updated_at}
            for d in drafts
        ],
        "registry_reads": [
            {
                "at": e.occurred_at,
                "action": e.action,
                "purpose": e.purpose,
                "items": e.details.get("attributes", []),
            }
            for e in events
            if e.object_type.startswith("registry.")
        ],
        "access_log": [
            {
                "at": e.occurred_at,
                "action": e.action,
                "object": e.object_id,
                "purpose": e.purpose,
                "by": _who(e.actor_id, user),
            }
            for e in events
        ],
    }
    record_event(
        action="cases.disclosure",
        actor=user,
        object_type="identity.resident",
        object_id=resident_code,
        purpose=PURPOSE,
        details={"submissions": len(submissions), "events": len(events)},
    )
    return document


def as_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _flat(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return "" if value is None else str(value)


def as_pdf(document: dict[str, Any]) -> bytes:
    """The same content, readable: one section per submission, then the registry reads and the log."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for s in document["submissions"]:
        rows = [
            (_("手続"), s["procedure_title"]),
            (_("担当課"), s["department"]),
            (_("状態"), s["status"]),
            (_("申請日時"), _flat(s["submitted_at"])),
        ]
        rows += [(key, _flat(value)) for key, value in s["answers"].items()]
        rows += [
            (_("状態の変更"), f"{_flat(c['at'])} {c['from']} → {c['to']} {c['reason']}")
            for c in s["status_history"]
        ]
        rows += [(_("メッセージ"), f"{_flat(m['at'])} {m['body']}") for m in s["messages"]]
        rows += [
            (_("添付書類"), f"{a['name']} ({a['content_type']}, {a['size']} B)") for a in s["attachments"]
        ]
        sections.append((f"{_('受付番号')} {s['receipt_number']}", rows))
    if document["drafts"]:
        sections.append(
            (_("入力途中の申請"), [(d["procedure_code"], _flat(d["answers"])) for d in document["drafts"]])
        )
    sections.append(
        (
            _("住民記録から読み取った項目"),
            [(_flat(r["at"]), f"{r['purpose']} {', '.join(r['items'])}") for r in document["registry_reads"]],
        )
    )
    sections.append(
        (
            _("アクセス記録"),
            [
                (_flat(e["at"]), f"{e['action']} {e['object']} {e['purpose']} ({e['by']})")
                for e in document["access_log"]
            ],
        )
    )
    resident = document["resident"]
    return sections_pdf(
        title=_("保有個人情報の開示（申請に関する情報）"),
        subtitle_lines=[
            f"{_('氏名')}: {resident['name']}",
            f"{_('作成日時')}: {_flat(document['generated_at'])}",
        ],
        sections=sections,
    )
