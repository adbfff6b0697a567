"""The case workflow: which status may follow which. The one place transitions are decided."""

from __future__ import annotations

from madoguchi.cases.models import Submission

Status = Submission.Status

ALLOWED: dict[str, frozenset[str]] = {
    # Received once the fee is captured (services.receive_payment); staff may only reject it.
    Status.AWAITING_PAYMENT: frozenset({Status.RECEIVED, Status.REJECTED}),
    Status.RECEIVED: frozenset(
        {Status.UNDER_REVIEW, Status.CORRECTION_REQUESTED, Status.COMPLETED, Status.REJECTED}
    ),
    Status.UNDER_REVIEW: frozenset({Status.CORRECTION_REQUESTED, Status.COMPLETED, Status.REJECTED}),
    # A correction request ends when the applicant amends (back to review) or staff give up on it.
    Status.CORRECTION_REQUESTED: frozenset({Status.UNDER_REVIEW, Status.REJECTED}),
    Status.COMPLETED: frozenset(),
    Status.REJECTED: frozenset(),
}
NEEDS_REASON = frozenset({Status.CORRECTION_REQUESTED, Status.REJECTED})
#: Changes only the payments side makes: staff cannot mark a case paid by hand.
PAYMENT_ONLY = frozenset({(Status.AWAITING_PAYMENT, Status.RECEIVED)})
# A 処分 (completing or refusing an application) of a procedure that requires 決裁 is only made
# by a decided draft in the approvals app, never by a plain status change.
NEEDS_DECISION = frozenset({Status.COMPLETED, Status.REJECTED})
OPEN = frozenset({Status.RECEIVED, Status.UNDER_REVIEW, Status.CORRECTION_REQUESTED})


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED.get(from_status, frozenset())
