import datetime as dt

import pytest

from madoguchi.accounts.models import Role
from madoguchi.accounts.services import assign_role
from madoguchi.accounts.tests.factories import StaffUserFactory


@pytest.fixture
def admin(client):
    """A system administrator, signed in (past the one-time password) on ``client``."""
    user = StaffUserFactory(username="admin.test")
    assign_role(user=user, role=Role.SYSTEM_ADMINISTRATOR, valid_from=dt.date(2020, 4, 1), actor=None)
    client.force_login(user)
    return user
