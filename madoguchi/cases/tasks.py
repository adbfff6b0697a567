"""Background work for applications."""

from celery import shared_task


@shared_task
def apply_retention() -> dict:
    """Daily: anonymise cases past their 保存年限 and delete expired drafts (see cases.retention)."""
    import datetime as dt

    from madoguchi.cases import retention

    result = retention.apply_retention(now=dt.datetime.now(dt.UTC))
    return {"anonymised": len(result.anonymised), "drafts_expired": result.drafts_expired}
