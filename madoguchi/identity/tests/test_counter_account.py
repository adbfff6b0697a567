"""Accounts opened at the counter are the same accounts the card later signs in to."""

import pytest

from madoguchi.accounts.tests.factories import StaffUserFactory
from madoguchi.audit.models import AuditEvent
from madoguchi.identity import services
from madoguchi.identity.models import ResidentIdentity
from madoguchi.identity.tests.conftest import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_a_clerk_opens_an_account_in_the_residents_own_name(households):
    clerk = StaffUserFactory()
    account = services.counter_account(resident_code=households["ichiro"], actor=clerk)
    assert account.kind == "resident"
    assert ResidentIdentity.objects.get(user=account).resident_code == households["ichiro"]
    assert AuditEvent.objects.filter(action="identity.counter_account", actor_id=clerk.pk).exists()
    # A second visit finds the same account instead of opening another.
    assert services.counter_account(resident_code=households["ichiro"], actor=clerk) == account


def test_signing_in_with_the_card_later_reaches_the_account_opened_at_the_counter(client, households):
    account = services.counter_account(resident_code=households["ichiro"], actor=StaffUserFactory())
    sign_in(client, households["ichiro"])
    assert int(client.session["_auth_user_id"]) == account.pk
    assert ResidentIdentity.objects.filter(user=account).count() == 2


def test_an_unknown_resident_code_opens_nothing(households):
    with pytest.raises(ValueError):
        services.counter_account(resident_code="00000000000", actor=StaffUserFactory())
    assert not ResidentIdentity.objects.exists()
