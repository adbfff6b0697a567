"""Background work for certificates: issuing once paid, and the mop-up that catches what was missed."""

from celery import shared_task


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def issue_requested_certificates(self, request_id: str) -> None:
    """交付 — sign and store a paid request's certificates (idempotent: a re-run changes nothing)."""
    from madoguchi.certificates.services import issue_for_request

    issue_for_request(request_id=request_id)


@shared_task
def issue_pending_certificates() -> int:
    """Issue every request paid for but not issued (a worker died, the signing service was down)."""
    from madoguchi.certificates.services import issue_pending

    return issue_pending()
