"""認証アプリの再設定: a system administrator resets a staff member's lost authenticator."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.services import new_recovery_codes
from madoguchi.accounts.sessions import AUTHENTICATED_AT, now
from madoguchi.accounts.testing import current_code, totp_device
from madoguchi.accounts.tests.factories import DEFAULT_PASSWORD, StaffUserFactory
from madoguchi.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]
URL = "/staff/mfa-reset/"


@pytest.fixture
def lost_phone():
    """A staff member with an authenticator and recovery codes, signed in on a counter PC."""
    user = StaffUserFactory(username="nakajima.t")
    device = totp_device(user)
    codes = new_recovery_codes(user=user, actor=user)
    counter_pc = Client()
    counter_pc.post("/staff/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
    counter_pc.post("/staff/login/verify/", {"token": current_code(device)})
    assert counter_pc.get("/staff/").status_code == 200
    return user, codes, counter_pc


def test_the_reset_removes_the_app_and_codes_ends_sessions_and_is_audited(client, admin, lost_phone):
    user, _, counter_pc = lost_phone
    response = client.post(URL, {"username": user.username, "reason": "紛失。所属長に電話で本人確認"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert counter_pc.get("/staff/").status_code == 302  # the old session is gone
    event = AuditEvent.objects.get(action="accounts.mfa_reset")
    assert (event.actor_id, event.object_id) == (admin.pk, str(user.pk))
    assert event.details["reason"] == "紛失。所属長に電話で本人確認"


def test_after_a_reset_the_next_sign_in_enrols_a_new_app_and_old_codes_fail(client, admin, lost_phone):
    user, codes, _ = lost_phone
    client.post(URL, {"username": user.username, "reason": "紛失"})
    again = Client()
    response = again.post("/staff/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response["Location"].startswith("/staff/login/")
    assert again.get("/staff/").url.startswith("/staff/login/setup/")
    again.post("/staff/login/verify/", {"token": codes[0]})
    assert again.get("/staff/").url.startswith("/staff/login/setup/")  # the old code opened nothing


def test_the_administrator_must_have_re_authenticated_recently(client, admin, lost_phone, settings):
    user, _, _ = lost_phone
    session = client.session
    session[AUTHENTICATED_AT] = now() - settings.MADOGUCHI_REAUTH_SECONDS - 1
    session.save()
    assert client.get(URL)["Location"].startswith("/staff/reauthenticate/")
    response = client.post(URL, {"username": user.username, "reason": "紛失", "next": URL})
    assert response["Location"].startswith("/staff/reauthenticate/")
    assert TOTPDevice.objects.filter(user=user).exists()


def test_only_system_administrators_reach_the_page(client, lost_phone):
    user, _, _ = lost_phone
    client.force_login(StaffUserFactory())
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"username": user.username, "reason": "紛失"}).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


def test_an_unknown_id_or_no_reason_changes_nothing(client, admin, lost_phone):
    user, _, _ = lost_phone
    response = client.post(URL, {"username": "nobody", "reason": "紛失"})
    assert response.status_code == 400 and "この職員IDの職員は見つかりません" in response.content.decode()
    response = client.post(URL, {"username": user.username, "reason": ""})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()
    assert not AuditEvent.objects.filter(action="accounts.mfa_reset").exists()


def test_an_administrator_cannot_reset_their_own_app(client, admin):
    totp_device(admin)
    response = client.post(URL, {"username": admin.username, "reason": "機種変更"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=admin).exists()
