"""Background work of the open-data portal: datastore imports and the city's daily statistics."""

from __future__ import annotations

from celery import shared_task


@shared_task
def import_resource(resource_id: str) -> int:
    """Load one validated table into the datastore (may take minutes for a large file)."""
    from madoguchi.opendata import services
    from madoguchi.opendata.models import Resource

    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:
        return 0
    return services.import_to_datastore(resource)


@shared_task
def refresh_city_statistics() -> list[str]:
    """統計の更新 — rebuild the city's own statistics datasets (run daily by the scheduler)."""
    from madoguchi.opendata.statistics import refresh

    return refresh()
