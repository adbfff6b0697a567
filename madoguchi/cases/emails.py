"""The e-mails an applicant receives about a case, written to the outbox in the caller's transaction.

They are rendered from the submission the caller already holds: a submission request renders its
受付のお知らせ without reading the row it has just written back from the database. Delivery itself
happens after commit, in the background (see ``notifications.services.notify``).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from madoguchi.cases.models import Submission
from madoguchi.cases.selectors import applicant_name, contact_email, status_path
from madoguchi.core.links import absolute_url
from madoguchi.notifications.services import notify


def _email_context(submission: Submission) -> dict:
    return {
        "submission": submission,
        "name": applicant_name(submission),
        "status_url": absolute_url(status_path(submission)),
    }


def send_submission_confirmation(submission: Submission) -> None:
    """受付のお知らせ — queued with the submission, sent once it has committed."""
    with translation.override("ja"):
        body = render_to_string("cases/email/received.txt", _email_context(submission))
    notify(
        key=f"submission-received:{submission.pk}",
        to=contact_email(submission),
        subject=f"【受付のお知らせ】{submission.procedure_title}（受付番号 {submission.receipt_number}）",
        body=body,
    )


def send_status_notification(submission: Submission, status: str) -> None:
    """状況のお知らせ — a correction requested, or the application completed or rejected."""
    with translation.override("ja"):
        body = render_to_string(
            "cases/email/status.txt",
            {**_email_context(submission), "status": status, "label": submission.Status(status).label},
        )
        label = str(submission.Status(status).label)
    notify(
        key=f"submission-status:{submission.pk}:{status}:{submission.status_changes.count()}",
        to=contact_email(submission),
        subject=f"【{label}】{submission.procedure_title}（受付番号 {submission.receipt_number}）",
        body=body,
    )
