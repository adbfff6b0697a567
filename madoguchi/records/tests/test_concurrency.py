"""Receipt numbers stay gapless and unique when many are registered at once (PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.approvals.tests.test_concurrency import _race
from madoguchi.records import services
from madoguchi.records.models import Receipt

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("postgres_only")
def test_simultaneous_registrations_get_consecutive_numbers(somu_joho, staff):
    actor = staff("admin.joho")

    def register() -> None:
        services.register_receipt(
            department=somu_joho, received_on=dt.date(2026, 6, 1), sender="県", title="通知", actor=actor
        )

    assert _race(*[register for _ in range(8)]) == []
    assert sorted(Receipt.objects.values_list("number", flat=True)) == list(range(1, 9))
