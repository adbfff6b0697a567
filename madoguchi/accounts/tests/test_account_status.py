"""職員アカウントの利用停止・再開: a system administrator stops a leaver's account and can reopen it."""

from __future__ import annotations

import pytest
from django.test import Client

from madoguchi.accounts.testing import current_code, totp_device
from madoguchi.accounts.tests.factories import DEFAULT_PASSWORD, StaffUserFactory
from madoguchi.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]
URL = "/staff/account-status/"


def _sign_in(user) -> Client:
    device = totp_device(user)
    device.last_t = -1  # a later sign-in, in a later 30-second step: the code is not a replay
    device.save()
    browser = Client()
    browser.post("/staff/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
    browser.post("/staff/login/verify/", {"token": current_code(device)})
    return browser


def _post(client, username: str, action: str, reason: str):
    return client.post(URL, {"username": username, "action": action, "reason": reason})


@pytest.fixture
def leaver():
    """A staff member signed in at a counter PC on their last day."""
    user = StaffUserFactory(username="taishoku.h")
    counter_pc = _sign_in(user)
    assert counter_pc.get("/staff/").status_code == 200
    return user, counter_pc


def test_a_stopped_account_is_signed_out_everywhere_cannot_sign_in_and_is_audited(client, admin, leaver):
    user, counter_pc = leaver
    response = client.post(
        URL, {"username": user.username, "action": "deactivate", "reason": "3月31日付け退職"}
    )
    assert response.status_code == 302
    assert counter_pc.get("/staff/").status_code == 302  # the open session is gone
    assert _sign_in(user).get("/staff/").status_code == 302  # and no new one opens
    event = AuditEvent.objects.get(action="accounts.deactivate")
    assert (event.actor_id, event.object_id, event.details["reason"]) == (
        admin.pk,
        str(user.pk),
        "3月31日付け退職",
    )


def test_a_reopened_account_signs_in_as_before(client, admin, leaver):
    user, _ = leaver
    _post(client, user.username, "deactivate", "休職")
    _post(client, user.username, "reactivate", "復職")
    assert _sign_in(user).get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.reactivate", object_id=str(user.pk)).exists()


def test_only_system_administrators_reach_the_page_and_nobody_stops_themself(client, admin, leaver):
    user, counter_pc = leaver
    response = _post(client, admin.username, "deactivate", "誤操作")
    assert response.status_code == 400 and "別のシステム管理者" in response.content.decode()
    other = Client()
    other.force_login(StaffUserFactory())
    assert (
        other.post(URL, {"username": user.username, "action": "deactivate", "reason": "x"}).status_code == 403
    )
    assert counter_pc.get("/staff/").status_code == 200
    assert not AuditEvent.objects.filter(action="accounts.deactivate").exists()


def test_bad_input_changes_nothing_and_says_why_in_japanese(client, admin, leaver):
    user, counter_pc = leaver
    response = _post(client, "nobody", "deactivate", "退職")
    assert response.status_code == 400 and "この職員IDの職員は見つかりません" in response.content.decode()
    assert (
        client.post(URL, {"username": user.username, "action": "deactivate", "reason": ""}).status_code == 400
    )
    assert client.post(URL, {"username": user.username, "action": "erase", "reason": "x"}).status_code == 400
    assert counter_pc.get("/staff/").status_code == 200


def test_if_the_sessions_cannot_be_ended_the_account_is_not_stopped_either(
    client, admin, leaver, monkeypatch
):
    from madoguchi.accounts import services

    user, counter_pc = leaver

    def cache_down(**kwargs):
        raise ConnectionError("session store unreachable")

    monkeypatch.setattr(services, "end_all_sessions", cache_down)
    with pytest.raises(ConnectionError):
        _post(client, user.username, "deactivate", "退職")
    user.refresh_from_db()
    assert user.is_active
    assert not AuditEvent.objects.filter(action="accounts.deactivate").exists()
    monkeypatch.undo()
    assert _post(client, user.username, "deactivate", "退職").status_code == 302  # the retry works
    assert counter_pc.get("/staff/").status_code == 302
