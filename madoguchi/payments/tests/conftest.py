"""Fixtures for payment tests: a resident, a staff member, and the sandbox driven like a browser."""

from __future__ import annotations

import itertools
import json
import re
import time

import pytest
from django.conf import settings
from django.test import Client

from madoguchi.accounts.services import create_resident_user, create_staff_user
from madoguchi.payments import services
from madoguchi.payments.models import Payment, SandboxFaults
from madoguchi.payments.webhooks import SIGNATURE_HEADER, sign

_keys = itertools.count(1)


@pytest.fixture
def resident():
    return create_resident_user(username="resident1", last_name="龍ケ崎", first_name="太郎")


@pytest.fixture
def staff():
    """A 会計課 member: counter staff for every department, so every payment is within reach."""
    import datetime as dt

    from madoguchi.accounts.models import Role
    from madoguchi.accounts.services import assign_role

    user = create_staff_user(
        username="kaikei.ichiro", last_name="職員", first_name="一郎", password="correct-horse-9"
    )
    assign_role(user=user, role=Role.COUNTER_STAFF, valid_from=dt.date(2020, 4, 1), actor=None)
    return user


@pytest.fixture
def faults(db) -> SandboxFaults:
    return SandboxFaults.current()


def start(resident, *, amount: int = 300, key: str | None = None, **overrides) -> Payment:
    """A payment for 住民票の写し, as another app would start it."""
    params = {
        "payer": resident,
        "amount": amount,
        "description": "住民票の写し 1通",
        "reference": "R20260401-0000001",
        "purpose": "case:R20260401-0000001",
        "return_url": "/my/",
        "idempotency_key": key or f"test-{next(_keys)}",
        **overrides,
    }
    return services.start_payment(**params)


def hosted_path(payment: Payment) -> str:
    return re.sub(r"^https?://[^/]+", "", payment.next_url)


def pay_by_card(client: Client, payment: Payment, number: str = "4242424242424242"):
    """Fill in the sandbox's hosted card page the way a resident would."""
    return client.post(
        hosted_path(payment), {"method": "card", "number": number, "expiry": "12/30", "cvc": "123"}
    )


def signed_post(client: Client, body: dict, *, secret: str | None = None, timestamp: int | None = None):
    raw = json.dumps(body).encode()
    header = sign(
        raw, secret=secret or settings.PAYMENTS_WEBHOOK_SECRET, timestamp=timestamp or int(time.time())
    )
    return client.post(
        "/payments/webhook/", raw, content_type="application/json", headers={SIGNATURE_HEADER: header}
    )
