"""The city's own statistics: applications per procedure and month, and the online share."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils import timezone

from madoguchi.cases import services as case_services
from madoguchi.cases.tests.conftest import HEAD_CODE, make_household, make_procedure
from madoguchi.demo.services import seed_organization, seed_staff
from madoguchi.opendata import selectors, statistics


def _post(**values: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(values)
    return data


def _submit(resident, *, assisted_by=None):
    draft = case_services.start_draft(
        applicant=resident,
        procedure_code="test-certificate",
        resident_code=HEAD_CODE,
        assisted_by=assisted_by,
    )
    actor = assisted_by or resident
    case_services.consent_to_prefill(draft=draft, actor=actor)
    case_services.save_step(
        draft=draft, step_key="applicant", data=_post(email="t@example.jp"), files={}, actor=actor
    )
    case_services.save_step(
        draft=draft, step_key="request", data=_post(purpose="bank", copies="1"), files={}, actor=actor
    )
    return case_services.submit(draft_id=draft.pk, actor=actor)


@pytest.mark.django_db
def test_applications_statistic_counts_online_and_counter_submissions(client):
    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.identity import services as identity_services

    municipality = seed_organization()
    seed_staff(municipality)
    make_procedure(municipality)
    make_household()
    clerk = staff_by_username("sakamoto.m")
    resident = identity_services.counter_account(resident_code=HEAD_CODE, actor=clerk)
    submission = _submit(resident)
    _submit(resident, assisted_by=clerk)

    assert "applications-per-procedure-month" in statistics.refresh()
    dataset = selectors.published_dataset("applications-per-procedure-month")
    assert dataset.frequency == "DAILY"
    resource = dataset.resources.get()
    month = timezone.localtime(submission.submitted_at).strftime("%Y-%m")
    rows = client.get(
        "/api/3/action/datastore_search", {"resource_id": str(resource.pk), "records_format": "lists"}
    ).json()["result"]["records"]
    assert [row[1:] for row in rows] == [
        [month, "test-certificate", "テスト証明書の交付請求", "2", "1", "50.0"]
    ]

    statistics.refresh()  # the next day: the same dataset and resource, refreshed in place
    assert dataset.resources.count() == 1


@pytest.mark.django_db
def test_another_app_plugs_in_a_statistic(city, monkeypatch):
    monkeypatch.setattr(statistics, "_PROVIDERS", {})
    statistics.register(
        statistics.StatisticsProvider(
            name="chatbot-questions-by-topic",
            title="チャットボットへの質問数（話題別）",
            notes="話題別の質問数です。",
            header=["年月", "話題", "質問数"],
            rows=lambda: [["2026-11", "ごみ", "42"]],
        )
    )
    assert statistics.refresh() == ["chatbot-questions-by-topic"]
    assert selectors.published_dataset("chatbot-questions-by-topic").resources.get().datastore_active
