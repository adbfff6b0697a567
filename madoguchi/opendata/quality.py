"""5つ星オープンデータ — Tim Berners-Lee's five-star scheme, as the government's guide uses it.

★ open licence; ★★ machine-readable (e.g. Excel); ★★★ an open format (CSV, JSON); ★★★★ data
identified by URIs (RDF); ★★★★★ linked to other data. A dataset scores its best resource.
"""

from __future__ import annotations

from madoguchi.opendata.licenses import license_by_id
from madoguchi.opendata.models import Dataset

_FORMAT_STARS = {
    "XLS": 2,
    "XLSX": 2,
    "CSV": 3,
    "JSON": 3,
    "GEOJSON": 3,
    "XML": 3,
    "TTL": 4,
    "RDF": 4,
    "JSON-LD": 4,
    "JSONLD": 4,
}


def stars(dataset: Dataset) -> int:
    if not license_by_id(dataset.license_id).is_open:
        return 0
    best = max(
        (_FORMAT_STARS.get(resource.format.upper(), 1) for resource in dataset.resources.all()), default=1
    )
    return best
