"""Attacks tried against the running site, each of which must be blocked.

* stored XSS in every free-text value a resident can put before staff;
* SQL-injection strings in every search box (every GET form on every page);
* path traversal in uploaded file names;
* open redirects through every ``next`` parameter;
* CSRF on every URL (a POST without a token is refused unless the view is a declared exemption).
Forged OIDC ID tokens (another key, unknown key id, other nonce/audience/issuer, expired) are
refused in madoguchi/identity/tests/test_id_token_validation.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve

from madoguchi.cases import services as case_services
from madoguchi.cases.models import Attachment
from tests.browser.pages import PAGES
from tests.test_authorization_matrix import GROUPS, POLICY, _clients, _path, matrix_site, url_patterns

pytestmark = [pytest.mark.django_db]

XSS = '"><script>alert("xss")</script><img src=x onerror=alert(1)>'
SQLI = ("' OR '1'='1", "1; DROP TABLE cases_submission; --", "%' UNION SELECT password FROM accounts_user --")
OFFSITE = (
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "http:evil.example",
)


@pytest.fixture
def site():
    return matrix_site()


def _as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- Stored XSS ----------------------------------------------------------------------------------

FREE_TEXT_TYPES = {"text", "long_text", "japanese_name", "address", "phone", "email"}


def _poisoned(value):
    """The answer with every piece of text replaced by the script."""
    if isinstance(value, dict):
        return {k: _poisoned(v) for k, v in value.items()}
    return XSS if isinstance(value, str) else value


def test_script_in_every_free_text_value_is_shown_as_text_to_staff(site):
    submission = site.submission
    free_text = {
        field["key"]
        for step in submission.form_version.definition["steps"]
        for field in step["fields"]
        if field["type"] in FREE_TEXT_TYPES
    }
    submission.answers = {
        key: _poisoned(value) if key in free_text else value for key, value in submission.answers.items()
    }
    submission.procedure_title = XSS
    submission.save(update_fields=["answers", "procedure_title"])
    case_services.post_message(submission=submission, body=XSS, actor=site.resident, from_staff=False)
    case_services.add_note(submission=submission, body=XSS, actor=site.clerk)
    site.resident.last_name = XSS
    site.resident.save(update_fields=["last_name"])
    staff = _as(site.clerk)
    for path in (
        f"/staff/cases/{submission.receipt_number}/",
        "/staff/inbox/",
        f"/my/{submission.receipt_number}/",
    ):
        client = staff if path.startswith("/staff/") else _as(site.resident)
        body = client.get(path).content.decode()
        assert "<script>alert" not in body and "onerror=alert" not in body.replace(
            "onerror=alert(1)&gt;", ""
        ), path
        assert "&lt;script&gt;" in body, path


# --- SQL injection in every search box ----------------------------------------------------------


class _GetForms(HTMLParser):
    """The text inputs of every ``<form method="get">`` on a page, with the form's action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[str]]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._inside = (attributes.get("method") or "get").lower() == "get"
            if self._inside:
                self.forms.append((attributes.get("action") or "", []))
            return
        kind = attributes.get("type") or "text"
        if tag == "input" and self._inside and kind in {"text", "search", "date"} and attributes.get("name"):
            self.forms[-1][1].append(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def test_sql_injection_strings_in_every_search_box_are_just_text(site):
    audiences = {
        "anonymous": None,
        "resident": site.resident,
        "staff": site.clerk,
        "admin": site.admin,
        "auditor": site.auditor,
        "records_manager": site.records_manager,
    }
    clients = {name: _as(user) for name, user in audiences.items()}
    boxes = 0
    for name, (path, who) in PAGES.items():
        client = clients[who]
        url = path(site)
        parser = _GetForms()
        parser.feed(client.get(url).content.decode())
        for action, fields in parser.forms:
            target = action or url.split("?")[0]
            for field in fields:
                boxes += 1
                for payload in SQLI:
                    response = client.get(target, {field: payload})
                    assert response.status_code < 500, f"{name} {field}={payload}: {response.status_code}"
    assert boxes >= 5


def test_a_counter_search_with_an_injection_finds_nobody(site):
    body = (
        _as(site.clerk)
        .get("/staff/counter/", {"kana": "' OR '1'='1", "birth_date": "S60.6.1"})
        .content.decode()
    )
    assert "該当する住民" in body or "見つかりません" in body or "08208200001" not in body


# --- Path traversal in file names ---------------------------------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201d1e0b2d20000000049454e44ae426082"
)


def test_a_traversal_in_an_uploaded_file_name_stays_a_name(site, settings):
    client = _as(site.resident)
    client.post(f"/apply/d/{site.draft.pk}/consent/", {"decision": "accept"})
    client.post(f"/apply/d/{site.draft.pk}/step/applicant/", {"email": "a@example.jp"})
    for name in ("../../../etc/passwd.png", "..\\..\\windows\\win.ini.png", "/etc/shadow.png"):
        upload = SimpleUploadedFile(name, PNG, content_type="image/png")
        data = {"purpose": "bank", "copies": "1", "attachment": upload}
        assert client.post(f"/apply/d/{site.draft.pk}/step/request/", data).status_code == 302
        attachment = Attachment.objects.filter(draft=site.draft).latest("created_at")
        stored = (settings.MEDIA_ROOT / attachment.file.name).resolve()
        assert stored.is_relative_to((settings.MEDIA_ROOT / "attachments").resolve()), name
        assert "/" not in attachment.original_name and "\\" not in attachment.original_name, name
        assert ".." not in attachment.file.name


# --- Open redirects --------------------------------------------------------------------------------


def _stays_on_site(response) -> bool:
    location = response.get("Location", "")
    return not location or (location.startswith("/") and not location.startswith(("//", "/\\")))


def test_no_next_parameter_leads_off_the_site(site):
    from madoguchi.accounts.services import new_recovery_codes

    codes = new_recovery_codes(user=site.clerk, actor=site.clerk)
    for target, code in zip(OFFSITE, codes, strict=False):
        _no_offsite_redirect(site, target, code)


def _no_offsite_redirect(site, target: str, code: str) -> None:
    staff = _as(site.clerk)
    checks = {
        "set_language": Client().post("/i18n/setlang/", {"language": "en", "next": target}),
        "resident sign-in": Client().post("/login/", {"next": target}),
        "staff sign-in": Client().post(
            f"/staff/login/?next={target}", {"username": "sakamoto.m", "password": "ryugasaki-demo-2026"}
        ),
        "staff MFA": staff.post("/staff/login/verify/", {"token": code, "next": target}),
        "re-authentication": staff.post(
            "/staff/reauthenticate/", {"password": "ryugasaki-demo-2026", "token": "000000", "next": target}
        ),
    }
    for where, response in checks.items():
        if where == "resident sign-in":
            # Goes to the identity provider; the next page is kept in the session, never the URL.
            assert Client().session.get("identity.next") in (None, "/my/")
            continue
        assert _stays_on_site(response), f"{where}: {response.get('Location')}"


def test_the_staff_sign_in_sends_an_offsite_next_to_the_staff_page(site):
    response = Client().post(
        "/staff/login/?next=https://evil.example/",
        {"username": "sakamoto.m", "password": "ryugasaki-demo-2026"},
    )
    assert "evil.example" not in response["Location"].split("?next=")[0]
    assert re.search(r"next=%2Fstaff%2F$", response["Location"])


# --- CSRF on every POST -----------------------------------------------------------------------------

# Views that take POSTs without a CSRF token, and why that is safe.
CSRF_EXEMPT = {
    "payments:webhook": "the payment provider's callback, authenticated by its HMAC signature",
    "identity:sandbox_token": "OAuth token endpoint: authenticated by the client and the PKCE verifier",
    "identity:sandbox_userinfo": "OIDC userinfo: answers only a bearer access token, never a session",
    "api-chatbot-ask": "a JSON API with no session authentication: a forged request carries no one's rights",
    "chatbot:line_webhook": "LINE's callback, authenticated by its signature",
    "api-procedure-list": "public read-only JSON API without sessions",
    "api-procedure-detail": "public read-only JSON API without sessions",
    "opendata:ckan_action": "CKAN Action API: read actions only, no sessions",
    "opendata:ckan_action_unversioned": "CKAN Action API: read actions only, no sessions",
    "payments:sandbox_api_create": "sandbox gateway API: authenticated by its API key",
    "payments:sandbox_api_refund": "sandbox gateway API: authenticated by its API key",
    "payments:sandbox_api_payment": "sandbox gateway API: authenticated by its API key",
}


def test_a_post_without_a_csrf_token_is_refused_on_every_url(site):
    signed_in = _clients(site)
    exempt = set()
    for name, pattern in sorted(url_patterns().items()):
        path = _path(name, pattern, site)
        view = resolve(path.split("?")[0]).func
        api_class = getattr(view, "cls", None)
        sessionless_api = api_class is not None and getattr(api_class, "authentication_classes", None) == []
        if sessionless_api or (getattr(view, "csrf_exempt", False) and api_class is None):
            exempt.add(name)
            continue
        allowed = [a for item in POLICY[name]["allow"] for a in GROUPS.get(item, (item,))]
        audience = next((a for a in allowed if a != "anonymous"), "resident")
        client = Client(enforce_csrf_checks=True)
        client.cookies = signed_in[audience].cookies
        response = client.post(path, {"x": "1"})
        # 403: refused by the CSRF check; 405: a view that takes no POST at all (a public,
        # session-less API), so there is nothing to forge.
        assert response.status_code in (403, 405), f"{name} as {audience}: {response.status_code}"
    assert exempt == set(CSRF_EXEMPT)
