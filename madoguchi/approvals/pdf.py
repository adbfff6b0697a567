"""The decided document as a PDF: the draft, its handling, and the 決裁欄 (approval column)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.approvals import selectors
from madoguchi.approvals.models import Draft
from madoguchi.approvals.signing import sign_pdf
from madoguchi.core.pdf import sections_pdf
from madoguchi.records import selectors as record_selectors


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else "—"


def decided_pdf(draft: Draft) -> bytes:
    """Each actor with the date, and the 代決 / 後閲 marks, signed so a change shows."""
    column = []
    for entry in selectors.approval_column(draft):
        value = f"{entry.kind}　{_when(entry.acted_on)}"
        if entry.acted_by and entry.acted_by != entry.name:
            value += f"　（{entry.acted_by}）"
        if entry.mark:
            value += f"　【{entry.mark}】"
        if entry.post_reviewed_on:
            value += f"\n{_('後閲')}　{_when(entry.post_reviewed_on)}"
        column.append((f"{entry.post}\n{entry.name}", value))
    handling = [
        (_("担当課"), draft.department.name),
        (_("起案者"), draft.drafter.display_name),
        (_("起案日時"), _when(draft.created_at)),
        (_("完結日時"), _when(draft.closed_at)),
        (_("状態"), draft.get_status_display()),
        (_("決裁区分"), draft.matter.name if draft.matter else "—"),
        (_("文書分類"), draft.file_class.name if draft.file_class else "—"),
        (_("保存期間"), record_selectors.retention_label(draft.retention)),
        (_("公開区分"), draft.get_disclosure_display()),
    ]
    if draft.disclosure_ground:
        handling.append((_("非公開等の根拠"), draft.disclosure_ground))
    content = sections_pdf(
        title=draft.title,
        subtitle_lines=[f"{_('起案番号')}: {draft.pk}"],
        sections=[
            (_("決裁欄"), column),
            (_("本文"), [(_("本文"), draft.body or "—")]),
            (_("文書の取扱い"), handling),
        ],
    )
    return sign_pdf(content, reason=f"{draft.get_status_display()} {draft.pk}")
