"""The demo city with its open data: every standard dataset published and in the datastore."""

from __future__ import annotations

import pytest

from madoguchi.demo.services import seed_open_data, seed_organization


@pytest.fixture
def city(db):
    municipality = seed_organization()
    seed_open_data(municipality)
    return municipality
