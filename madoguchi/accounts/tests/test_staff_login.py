"""Staff sign in at /staff/login/; residents never can."""

import pytest

from madoguchi.accounts.testing import current_code, totp_device
from madoguchi.accounts.tests.factories import DEFAULT_PASSWORD, ResidentUserFactory, StaffUserFactory
from madoguchi.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_staff_sign_in_and_reach_the_staff_page(client):
    staff = StaffUserFactory(username="tanaka.h")
    device = totp_device(staff)
    response = client.post("/staff/login/", {"username": "tanaka.h", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/staff/login/verify/?next=%2Fstaff%2F"
    response = client.post(response["Location"], {"token": current_code(device), "next": "/staff/"})
    assert response["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "田中 花子" in page.content.decode()
    assert AuditEvent.objects.filter(action="accounts.login", actor_label="staff:tanaka.h").exists()


def test_a_resident_account_gets_the_same_message_as_a_wrong_password(client):
    ResidentUserFactory(username="jumin")
    StaffUserFactory(username="shokuin")
    as_resident = client.post("/staff/login/", {"username": "jumin", "password": DEFAULT_PASSWORD})
    wrong_password = client.post("/staff/login/", {"username": "shokuin", "password": "wrong-password-123"})
    for response in (as_resident, wrong_password):
        assert response.status_code == 200
        assert "職員IDまたはパスワードが正しくありません。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_sign_in_is_audited_without_the_password(client):
    client.post("/staff/login/", {"username": "nobody", "password": "hunter2-secret-value"})
    event = AuditEvent.objects.get(action="accounts.login_failed")
    assert event.object_id == "nobody"
    assert "hunter2" not in str(event.details) and "hunter2" not in event.purpose


def test_the_staff_page_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/?next=/staff/")


def test_a_signed_in_resident_is_refused_the_staff_page(client):
    client.force_login(ResidentUserFactory())
    assert client.get("/staff/").status_code == 403


def test_sign_out_needs_a_post_and_ends_the_session(client):
    client.force_login(StaffUserFactory())
    assert client.get("/staff/logout/").status_code == 405
    response = client.post("/staff/logout/")
    assert response.status_code == 200
    assert client.get("/staff/").status_code == 302
