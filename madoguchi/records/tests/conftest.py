"""Records tests reuse the small city of the approval tests and add the demo file plan."""

from __future__ import annotations

import pytest

from madoguchi.approvals.tests.conftest import city, joho, make_draft, staff  # noqa: F401 (fixtures)
from madoguchi.records import services


@pytest.fixture
def plan(city):  # noqa: F811
    parent = services.upsert_file_class(code="joho", name="情報システム", retention=5)
    return {
        "kiki": services.upsert_file_class(code="joho-kiki", name="機器の調達", parent=parent, retention=5),
        "keikaku": services.upsert_file_class(
            code="joho-keikaku", name="情報化計画", parent=parent, retention=30, expiry_action="transfer"
        ),
        "reiki": services.upsert_file_class(code="reiki", name="例規", retention=0, expiry_action="transfer"),
    }


@pytest.fixture
def somu_joho(city):  # noqa: F811
    from madoguchi.organization.selectors import department_by_code

    return department_by_code(city, "somu-joho")
