"""What happens to a case (案件) when the draft deciding it closes: the hook into ``cases``."""

from __future__ import annotations

from madoguchi.approvals.models import Draft
from madoguchi.cases import services as case_services

CASE_SUBJECT = "cases.submission"


def case_decided(draft: Draft) -> None:
    last = draft.actions.last()
    case_services.record_decision(
        receipt_number=draft.subject_ref,
        outcome=draft.subject_outcome,
        decided=draft.status == Draft.Status.DECIDED,
        reference=f"起案番号 {draft.pk}",
        actor=last.actor if last else draft.drafter,
    )
