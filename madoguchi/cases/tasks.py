"""Background work for applications."""

from celery import shared_task


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
