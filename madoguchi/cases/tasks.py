"""Background work for applications."""

from celery import shared_task
from django.template.loader import render_to_string
from django.utils import translation

from madoguchi.core.links import absolute_url
from madoguchi.notifications.services import notify


def _email_context(submission) -> dict:
    from madoguchi.cases.selectors import applicant_name, status_path

    return {
        "submission": submission,
        "name": applicant_name(submission),
        "status_url": absolute_url(status_path(submission)),
    }


@shared_task
def send_submission_confirmation(submission_id: int) -> None:
    """受付のお知らせ — sent after the submission has committed (see services.submit)."""
    from madoguchi.cases.selectors import contact_email, submission_by_id

    submission = submission_by_id(submission_id)
    with translation.override("ja"):
        body = render_to_string("cases/email/received.txt", _email_context(submission))
    notify(
        key=f"submission-received:{submission.pk}",
        to=contact_email(submission),
        subject=f"【受付のお知らせ】{submission.procedure_title}（受付番号 {submission.receipt_number}）",
        body=body,
    )


@shared_task
def send_status_notification(submission_id: int, status: str) -> None:
    """状況のお知らせ — a correction requested, or the application completed or rejected."""
    from madoguchi.cases.selectors import contact_email, submission_by_id

    submission = submission_by_id(submission_id)
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


@shared_task
def apply_retention() -> dict:
    """Daily: anonymise cases past their 保存年限 and delete expired drafts (see cases.retention)."""
    import datetime as dt

    from madoguchi.cases import retention

    result = retention.apply_retention(now=dt.datetime.now(dt.UTC))
    return {"anonymised": len(result.anonymised), "drafts_expired": result.drafts_expired}


@shared_task
def remove_idle_guest_accounts() -> int:
    """Daily: remove guest accounts that own nothing any more (see cases.retention)."""
    import datetime as dt

    from madoguchi.cases import retention

    return retention.remove_idle_guest_accounts(now=dt.datetime.now(dt.UTC))
