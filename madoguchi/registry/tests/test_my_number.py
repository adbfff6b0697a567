"""個人番号: the check digit, encryption at rest with a key id, rotation, and audited reads."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from madoguchi.audit.models import AuditEvent
from madoguchi.core import crypto
from madoguchi.registry import mynumber, selectors, services
from madoguchi.registry.models import ResidentRecord

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

PLANTED = "123456789018"  # the number the official specification uses as its example


@pytest.fixture
def keys(settings):
    """Two keys: "old" current at first; tests rotate by putting "new" first."""
    old, new = crypto.generate_key_entry("old"), crypto.generate_key_entry("new")
    settings.MADOGUCHI_ENCRYPTION_KEYS = old
    crypto.reset_key_provider()
    yield {"old": old, "new": new}
    crypto.reset_key_provider()


def _record(code: str = "08208299001", number: str = PLANTED) -> ResidentRecord:
    services.register_household(
        household_code="0820829901",
        postal_code="3010001",
        address="茨城県龍ケ崎市久保台1丁目1番1号",
        town="久保台",
        members=[
            services.Member(
                resident_code=code,
                last_name="検証",
                first_name="一郎",
                last_name_kana="ケンショウ",
                first_name_kana="イチロウ",
                birth_date=dt.date(1980, 1, 1),
                sex="male",
                relationship="世帯主",
                became_resident_on=dt.date(1980, 1, 1),
                my_number=number,
            )
        ],
    )
    return ResidentRecord.objects.get(resident_code=code)


def test_check_digit_follows_the_official_algorithm():
    assert mynumber.check_digit("12345678901") == 8
    assert mynumber.is_valid("1234-5678-9018") and mynumber.is_valid("１２３４５６７８９０１８")
    assert not mynumber.is_valid("123456789017") and not mynumber.is_valid("12345678901")
    rng = random.Random(5)
    assert all(mynumber.is_valid(mynumber.fictional(rng)) for _ in range(200))


def test_the_number_is_stored_sealed_with_its_key_id(keys):
    record = _record()
    assert record.my_number_key_id == "old"
    assert PLANTED not in record.my_number_ciphertext
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM registry_residentrecord")
        assert PLANTED not in repr(cursor.fetchall())
    assert PLANTED not in repr(
        services.Member(
            "x", "a", "b", "c", "d", dt.date.today(), "m", "r", dt.date.today(), my_number=PLANTED
        )
    )


def test_a_malformed_number_is_refused_and_nothing_changes(keys):
    record = _record()
    before = record.my_number_ciphertext
    with pytest.raises(ValueError, match="チェックデジット"):
        services.set_my_number(record=record, number="123456789017")
    record.refresh_from_db()
    assert record.my_number_ciphertext == before


def test_reading_it_goes_through_an_audited_selector_that_keeps_no_number(keys, django_user_model):
    _record()
    clerk = django_user_model.objects.create_user(username="clerk", password="x" * 12, kind="staff")
    assert selectors.my_number("08208299001", actor=clerk, purpose="児童手当の認定") == PLANTED
    event = AuditEvent.objects.get(action="registry.read_my_number")
    assert event.actor_id == clerk.pk and event.purpose == "児童手当の認定"
    assert event.object_id == "08208299001"
    assert PLANTED not in repr(event.details)
    assert selectors.my_number("nobody", actor=clerk, purpose="確認") is None
    assert AuditEvent.objects.filter(action="registry.read_my_number").count() == 2


def test_a_ciphertext_moved_to_another_field_or_tampered_with_does_not_open(keys):
    token = _record().my_number_ciphertext
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="cases.Submission.answers")
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered, context=services.MY_NUMBER_CONTEXT)


def test_rotation_re_seals_every_number_under_the_new_key(keys, settings):
    _record("08208299001")
    settings.MADOGUCHI_ENCRYPTION_KEYS = f"{keys['new']},{keys['old']}"
    crypto.reset_key_provider()
    # Old values still open until they are moved.
    assert selectors.my_number("08208299001", actor=None, purpose="確認") == PLANTED
    out, err = io.StringIO(), io.StringIO()
    call_command("reencrypt", stdout=out, stderr=err)
    assert "1 件" in out.getvalue()
    assert set(ResidentRecord.objects.values_list("my_number_key_id", flat=True)) == {"new"}
    assert AuditEvent.objects.get(action="crypto.reencrypt").details == {"key_id": "new", "records": 1}
    # With the old key retired, every number still opens.
    settings.MADOGUCHI_ENCRYPTION_KEYS = keys["new"]
    crypto.reset_key_provider()
    assert selectors.my_number("08208299001", actor=None, purpose="確認") == PLANTED
    call_command("reencrypt", "--no-progress", stdout=out)
    assert "0 件" in out.getvalue()


def test_a_malformed_key_configuration_is_refused(settings):
    settings.MADOGUCHI_ENCRYPTION_KEYS = "k1:tooshort"
    crypto.reset_key_provider()
    try:
        with pytest.raises(ImproperlyConfigured, match="MADOGUCHI_ENCRYPTION_KEYS"):
            crypto.encrypt("x", context="test")
    finally:
        crypto.reset_key_provider()
