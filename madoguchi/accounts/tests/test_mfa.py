"""Staff MFA: enrol by QR code, verify at every sign-in, recovery codes, lockout, timeouts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts.models import Role
from madoguchi.accounts.services import assign_role
from madoguchi.accounts.sessions import AUTHENTICATED_AT, LAST_SEEN, now
from madoguchi.accounts.testing import current_code, force_login_password_only, totp_device
from madoguchi.accounts.tests.factories import DEFAULT_PASSWORD, ResidentUserFactory, StaffUserFactory
from madoguchi.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def _password_step(client: Client, username: str, password: str = DEFAULT_PASSWORD):
    return client.post("/staff/login/", {"username": username, "password": password})


def test_first_sign_in_enrols_an_authenticator_and_shows_recovery_codes_once(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below
    StaffUserFactory(username="new.staff")
    response = _password_step(client, "new.staff")
    assert response["Location"].startswith("/staff/login/setup/")
    setup = client.get(response["Location"])
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user__username="new.staff", confirmed=False)
    wrong = client.post("/staff/login/setup/", {"token": "000000", "next": "/staff/"})
    assert wrong.status_code == 400 and "確認コードが正しくありません" in wrong.content.decode()
    assert client.get("/staff/").status_code == 302
    device.refresh_from_db()
    done = client.post("/staff/login/setup/", {"token": current_code(device), "next": "/staff/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.mfa_enrolled").exists()


def test_a_password_alone_does_not_open_staff_pages(client):
    staff = StaffUserFactory()
    totp_device(staff)
    _password_step(client, staff.username)
    response = client.get("/staff/inbox/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/verify/")


def test_a_wrong_code_is_refused_and_audited(client):
    staff = StaffUserFactory()
    totp_device(staff)
    _password_step(client, staff.username)
    response = client.post("/staff/login/verify/", {"token": "123456"})
    assert response.status_code == 400
    assert "確認コードが正しくない" in response.content.decode()
    assert client.get("/staff/").status_code == 302
    assert AuditEvent.objects.filter(action="accounts.mfa_failed", actor_id=staff.pk).exists()


def test_someone_with_only_the_password_cannot_enrol_their_own_phone(client):
    staff = StaffUserFactory()
    totp_device(staff)
    _password_step(client, staff.username)
    response = client.get("/staff/login/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/verify/")
    assert client.post("/staff/login/setup/", {"token": "000000"}).status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_recovery_code_signs_in_once(client):
    staff = StaffUserFactory()
    totp_device(staff)
    from madoguchi.accounts.services import new_recovery_codes

    code = new_recovery_codes(user=staff, actor=staff)[0]
    _password_step(client, staff.username)
    assert client.post("/staff/login/verify/", {"token": code})["Location"] == "/staff/"
    client.post("/staff/logout/")
    _password_step(client, staff.username)
    assert client.post("/staff/login/verify/", {"token": code}).status_code == 400


def test_next_never_leads_off_the_site(client):
    staff = StaffUserFactory()
    device = totp_device(staff)
    _password_step(client, staff.username)
    response = client.post(
        "/staff/login/verify/", {"token": current_code(device), "next": "//evil.example/phish"}
    )
    assert response["Location"] == "/staff/"


def test_a_resident_cannot_reach_the_mfa_pages(client):
    client.force_login(ResidentUserFactory())
    assert client.get("/staff/login/verify/").status_code == 403
    assert client.get("/staff/login/setup/").status_code == 403


# --- Lockout (django-axes, in the cache) --------------------------------------------------------------


def test_an_account_is_locked_after_five_failures_even_with_the_right_password(client, settings):
    settings.AXES_ENABLED = True
    StaffUserFactory(username="target")
    for _ in range(5):
        _password_step(client, "target", "wrong-password-123")
    response = _password_step(client, "target")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    assert "一時的に受け付けを停止" in response.content.decode()


def test_one_address_trying_many_accounts_is_locked_out(client, settings):
    settings.AXES_ENABLED = True
    StaffUserFactory(username="victim")
    for n in range(5):
        _password_step(client, f"guess{n}", "wrong-password-123")
    assert _password_step(client, "victim").status_code == 429
    other_address = Client(REMOTE_ADDR="192.0.2.10")
    assert _password_step(other_address, "victim").status_code == 302


# --- Idle timeout and re-authentication ---------------------------------------------------------------


def _age_session(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = now() - seconds
    session.save()


def test_an_idle_session_is_signed_out(client, settings):
    client.force_login(StaffUserFactory())
    assert client.get("/staff/").status_code == 200
    _age_session(client, LAST_SEEN, settings.MADOGUCHI_IDLE_TIMEOUT_SECONDS + 1)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_exporting_personal_data_needs_a_recent_sign_in(client, settings):
    staff = StaffUserFactory()
    client.force_login(staff)
    _age_session(client, AUTHENTICATED_AT, settings.MADOGUCHI_REAUTH_SECONDS + 1)
    response = client.get("/staff/inbox/export.csv")
    assert response.status_code == 302
    assert response["Location"] == "/staff/reauthenticate/?next=%2Fstaff%2Finbox%2Fexport.csv"
    wrong = client.post(
        "/staff/reauthenticate/",
        {"password": "not-it-at-all", "token": current_code(totp_device(staff)), "next": "/x/"},
    )
    assert wrong.status_code == 400
    done = client.post(
        "/staff/reauthenticate/",
        {
            "password": DEFAULT_PASSWORD,
            "token": current_code(totp_device(staff)),
            "next": "/staff/inbox/export.csv",
        },
    )
    assert done["Location"] == "/staff/inbox/export.csv"
    assert client.get("/staff/inbox/export.csv").status_code == 200


def test_an_unverified_session_made_by_force_login_is_refused():
    client = Client()
    force_login_password_only(client, StaffUserFactory())
    assert client.get("/staff/").status_code == 302


# --- Sign out everywhere ------------------------------------------------------------------------------


def test_staff_sign_out_everywhere_ends_every_session():
    staff = StaffUserFactory()
    laptop, counter_pc = Client(), Client()
    laptop.force_login(staff)
    counter_pc.force_login(staff)
    assert counter_pc.get("/staff/").status_code == 200
    laptop.post("/staff/security/sign-out-everywhere/")
    assert counter_pc.get("/staff/").status_code == 302
    assert laptop.get("/staff/").status_code == 302


def test_a_resident_signs_out_everywhere():
    resident = ResidentUserFactory()
    phone, library_pc = Client(), Client()
    phone.force_login(resident)
    library_pc.force_login(resident)
    page = phone.get("/my/sessions/")
    assert page.status_code == 200 and page.content.decode().count("<tr>") == 3
    phone.post("/my/sessions/")
    assert library_pc.get("/my/").status_code == 302
    assert AuditEvent.objects.filter(action="accounts.sessions_ended", actor_id=resident.pk).exists()


def test_a_refund_form_posted_long_after_sign_in_asks_to_re_authenticate_first(client, settings):
    from madoguchi.payments import selectors as payment_selectors
    from madoguchi.payments import services as payment_services

    staff = StaffUserFactory()
    assign_role(user=staff, role=Role.COUNTER_STAFF, valid_from=dt.date(2020, 4, 1), actor=None)
    client.force_login(staff)
    payment = payment_services.record_counter_payment(
        payer=ResidentUserFactory(),
        amount=600,
        method="cash",
        description="住民票の写し",
        reference="R-1",
        purpose="test",
        actor=staff,
        idempotency_key="counter-1",
    )
    assert client.get(f"/staff/payments/{payment.pk}/").status_code == 200
    _age_session(client, AUTHENTICATED_AT, settings.MADOGUCHI_REAUTH_SECONDS + 1)
    response = client.post(
        f"/staff/payments/{payment.pk}/", {"amount": "600", "reason": "二重納付", "key": "k1"}
    )
    assert response["Location"] == f"/staff/reauthenticate/?next=%2Fstaff%2Fpayments%2F{payment.pk}%2F"
    assert list(payment_selectors.refunds_of(payment)) == []
