"""市の統計 — the platform's own figures published as datasets, refreshed daily (EBPM's first data).

Each statistic comes from a provider: a name, a title, a header and a function returning the
rows. The applications statistic is built in (read through ``cases.selectors``). Other apps plug
theirs in with ``register`` from their ``AppConfig.ready`` — the chatbot registers "questions per
topic" that way, so this app never imports the chatbot and works without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from madoguchi.opendata import selectors, services
from madoguchi.opendata.models import Dataset, Frequency
from madoguchi.organization import selectors as org_selectors

# 企画政策課 publishes the city's statistics (EBPM); a city whose chart differs changes this code.
PUBLISHING_DEPARTMENT = "koshitsu-kikaku"


@dataclass(frozen=True)
class StatisticsProvider:
    name: str
    title: str
    notes: str
    header: list[str]
    rows: Callable[[], list[list[str]]]


_PROVIDERS: dict[str, StatisticsProvider] = {}


def register(provider: StatisticsProvider) -> None:
    """Add (or replace) a statistic; call from an app's ``ready()``."""
    _PROVIDERS[provider.name] = provider


def providers() -> list[StatisticsProvider]:
    return list(_PROVIDERS.values())


def _application_rows() -> list[list[str]]:
    from madoguchi.cases.selectors import monthly_submission_counts

    rows = []
    for item in monthly_submission_counts():
        share = f"{item['online'] / item['total'] * 100:.1f}" if item["total"] else ""
        rows.append(
            [
                item["month"].strftime("%Y-%m"),
                item["procedure_code"],
                item["procedure_title"],
                str(item["total"]),
                str(item["online"]),
                share,
            ]
        )
    return rows


register(
    StatisticsProvider(
        name="applications-per-procedure-month",
        title="手続別・月別の申請件数とオンライン申請率",
        notes="オンライン窓口で受け付けた申請の件数を手続別・月別に集計し、"
        "そのうち申請者自身がオンラインで送信した件数と割合（%）を示します。毎日更新します。",
        header=["年月", "手続コード", "手続名", "申請件数", "オンライン申請件数", "オンライン申請率"],
        rows=_application_rows,
    )
)


@transaction.atomic
def publish_statistic(provider: StatisticsProvider, *, today: dt.date) -> Dataset:
    """Create or refresh one statistic's dataset: its CSV replaced, imported and published."""
    municipality = org_selectors.home_municipality()
    dataset = selectors.dataset_for_staff(provider.name)
    if dataset is None:
        dataset = services.save_dataset(
            actor=None,
            name=provider.name,
            title=provider.title,
            notes=provider.notes,
            organization=org_selectors.department_by_code(municipality, PUBLISHING_DEPARTMENT),
            frequency=Frequency.DAILY,
            spatial=municipality.name,
            tags=["統計", "EBPM"],
        )
    resource = dataset.resources.first()
    services.upload_file(
        dataset=dataset,
        actor=None,
        name=f"{provider.title}（{today.isoformat()}時点）",
        filename=f"{provider.name}.csv",
        data=services.table_bytes(provider.header, provider.rows()),
        schema_code="",
        resource=resource,
        import_now=True,
    )
    if dataset.state == Dataset.State.DRAFT:
        services.submit_for_review(dataset=dataset, actor=None)
    if dataset.state == Dataset.State.REVIEW:
        services.publish(dataset=dataset, actor=None)
    return dataset


def refresh(today: dt.date | None = None) -> list[str]:
    """Every registered statistic, refreshed; returns the dataset names."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return [publish_statistic(provider, today=today).name for provider in providers()]
