"""Security headers, cookies and rate limits (429 + Retry-After, Japanese first)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from madoguchi.accounts.tests.factories import StaffUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_every_page_forbids_inline_scripts_and_framing(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_session_and_csrf_cookies_are_httponly_and_samesite(client):
    staff = StaffUserFactory()
    response = client.post(
        "/staff/login/", {"username": staff.username, "password": "correct horse battery 2026"}
    )
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    page = Client().get("/staff/login/")
    csrf = page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    env = {
        **os.environ,
        "MADOGUCHI_ENV": "production",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "madoguchi.example",
        "DATABASE_URL": "postgres://madoguchi@db.invalid/madoguchi",
        "MADOGUCHI_OIDC_ISSUER": "https://idp.example",
        "MADOGUCHI_VAR_DIR": str(tmp_path),
        # Whatever else production insists on (settings.production_problems) must be set too.
        "MADOGUCHI_BASE_URL": "https://madoguchi.example",
        "PAYMENTS_GATEWAY_URL": "https://pay.example",
        "PAYMENTS_API_KEY": "key",
        "PAYMENTS_WEBHOOK_SECRET": "secret",
    }
    code = (
        "from madoguchi import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True", "31536000", "True"]


def test_sign_in_attempts_past_the_limit_get_429_with_retry_after(settings):
    settings.RATELIMIT_ENABLE = True
    client = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [
        client.post("/staff/login/", {"username": f"u{n}", "password": "wrong-password-1"}).status_code
        for n in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    response = client.post("/staff/login/", {"username": "x", "password": "y"})
    assert 0 < int(response["Retry-After"]) <= 600
    assert "一時的に受け付けを停止" in response.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.8").get("/staff/login/").status_code == 200


def test_a_limited_api_answers_json_in_japanese(settings):
    settings.RATELIMIT_ENABLE = True
    client = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(20):
        client.post("/api/v1/chatbot/ask", {"question": "住民票"})
    response = client.post("/api/v1/chatbot/ask", {"question": "住民票"})
    assert response.status_code == 429 and response["Retry-After"]
    assert "一時的に受け付けを停止" in response.json()["detail"]


def test_a_cache_outage_lets_requests_through(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr("madoguchi.core.ratelimits.get_usage", broken)
    assert Client().post("/staff/login/", {"username": "a", "password": "b"}).status_code == 200
