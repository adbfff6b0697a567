"""認可マトリクス: every URL pattern × every role (and anonymous) against tests/authz_policy.toml.

A URL without a policy entry fails, so a new page cannot ship without someone deciding who may
see it. The cells also prove resident-vs-resident isolation: ``other_resident`` guesses the
``resident``'s receipt number, draft and bundle ids and attachment URL, and gets nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from madoguchi.accounts.models import Role
from madoguchi.accounts.selectors import staff_by_username
from madoguchi.accounts.services import assign_role
from madoguchi.accounts.tests.factories import ResidentUserFactory, StaffUserFactory
from madoguchi.cases.models import Attachment
from madoguchi.cases.selectors import STATUS_LINK_SALT
from madoguchi.cases.tests.conftest import HEAD_CODE
from tests.browser.pages import PAGES, Site, build_site

pytestmark = [pytest.mark.django_db]

POLICY = tomllib.loads((Path(__file__).parent / "authz_policy.toml").read_text(encoding="utf-8"))["urls"]
STAFF_AUDIENCES = (
    "case_officer",
    "department_head",
    "other_department",
    "system_administrator",
    "auditor",
    "records_manager",
    "opendata_editor",
)
GROUPS = {
    "@everyone": ("anonymous", "resident", "other_resident", *STAFF_AUDIENCES),
    "@staff": STAFF_AUDIENCES,
    "@residents": ("resident", "other_resident"),
}
AUDIENCES = GROUPS["@everyone"]
SIGN_IN_PAGES = ("/staff/login/", "/login/")

# A sample value for each URL parameter name, from the site's data; a pattern with a parameter
# not listed here fails the test until one is added.
SAMPLES: dict[str, Callable[[Site], object]] = {
    "receipt_number": lambda s: s.submission.receipt_number,
    "draft_id": lambda s: s.draft.pk,
    "bundle_id": lambda s: s.bundle.pk,
    "procedure_code": lambda s: "test-certificate",
    "life_event_code": lambda s: "moving-in",
    "step_key": lambda s: "request",
    "resident_code": lambda s: HEAD_CODE,
    "attachment_id": lambda s: s.attachment.pk,
    "code": lambda s: "test-certificate",
    "number": lambda s: 1,
    "assignment_id": lambda s: s.assignment.pk,
    "payment_id": lambda s: s.payment.pk,
    "certificate_id": lambda s: s.certificate.pk,
    "request_id": lambda s: s.certificate.request_id,
    "name": lambda s: "public-wifi",
    "resource_id": lambda s: s.wifi_resource.pk,
    "file_id": lambda s: s.record_file.pk,
    "token": lambda s: signing.dumps(s.submission.receipt_number, salt=STATUS_LINK_SALT),
}
OVERRIDES: dict[str, dict[str, Callable[[Site], object]]] = {
    "procedures:life_event": {"code": lambda s: "moving-in"},
    "cases:amend": {"step_key": lambda s: "request"},
    "payments:staff_detail": {"payment_id": lambda s: s.counter_payment.pk},
    "payments:receipt": {"payment_id": lambda s: s.counter_payment.pk},
    **{
        f"payments:{name}": {"payment_id": lambda s: s.payment.provider_payment_id}
        for name in ("sandbox_api_payment", "sandbox_api_refund", "sandbox_pay", "sandbox_3ds", "sandbox_qr")
    },
    "payments:sandbox_wallet": {"payment_id": lambda s: s.payment.provider_payment_id},
    "opendata:ckan_action": {"name": lambda s: "package_list"},
    "opendata:ckan_action_unversioned": {"name": lambda s: "package_list"},
    "opendata:schema": {"code": lambda s: "public-wifi"},
    "opendata:catalog": {"fmt": lambda s: "ttl"},
    "cases:my_disclosure": {"fmt": lambda s: "json"},
    "opendata:dataset_rdf": {"name": lambda s: "public-wifi", "fmt": lambda s: "ttl"},
    **{
        f"approvals:{name}": {
            "draft_id": lambda s: s.approval_draft.pk,
            "attachment_id": lambda s: ABSENT_UUID,
        }
        for name in ("act", "attachment", "pdf")
    },
}
# For objects build_site() does not make yet (an approval draft's attachment): an id that exists
# nowhere, so those cells prove only that nobody gets more than a refusal or a 404.
ABSENT_UUID = "00000000-0000-0000-0000-000000000000"


def url_patterns(resolver: URLResolver | None = None, prefix: str = "") -> dict[str, URLPattern]:
    """Every named pattern of the URLconf, by its namespaced name."""
    resolver = resolver or get_resolver()
    found: dict[str, URLPattern] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found |= url_patterns(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{prefix}{entry.name}"] = entry
    return found


def _path(name: str, pattern: URLPattern, site: Site) -> str:
    """The page's own path from tests/browser/pages.py, else the pattern filled with SAMPLES."""
    if name in PAGES and name not in OVERRIDES:
        return PAGES[name][0](site)
    parameters = getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex
    missing = [p for p in parameters if p not in SAMPLES and p not in OVERRIDES.get(name, {})]
    assert not missing, f"{name}: add a sample value for {missing} to SAMPLES"
    kwargs = {p: OVERRIDES.get(name, {}).get(p, SAMPLES.get(p))(site) for p in parameters}
    return reverse(name, kwargs=kwargs)


def _clients(site: Site) -> dict[str, Client]:
    records = StaffUserFactory(username="kiroku.t")
    opendata = StaffUserFactory(username="opendata.k")
    start = dt.date(2020, 4, 1)
    assign_role(user=records, role=Role.RECORDS_MANAGER, valid_from=start, actor=None)
    assign_role(user=opendata, role=Role.OPENDATA_EDITOR, valid_from=start, actor=None)
    users = {
        "resident": site.resident,
        "other_resident": ResidentUserFactory(),
        "case_officer": staff_by_username("nakajima.y"),
        "department_head": site.clerk,
        "other_department": staff_by_username("furuya.r"),
        "system_administrator": staff_by_username("admin.joho"),
        "auditor": staff_by_username("ebihara.m"),
        "records_manager": records,
        "opendata_editor": opendata,
    }
    clients = {"anonymous": Client()}
    for audience, user in users.items():
        clients[audience] = Client()
        clients[audience].force_login(user)
    return clients


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code in (301, 302):
        return response["Location"].split("?")[0] in SIGN_IN_PAGES
    return False


def matrix_site() -> Site:
    """build_site() plus an uploaded attachment and a role assignment for the URLs that need them."""
    site = build_site()
    site.attachment = Attachment.objects.create(
        draft=site.submission.draft,
        field_key="attachment",
        file=ContentFile(b"%PDF-1.4 test", name="proof.pdf"),
        original_name="proof.pdf",
        content_type="application/pdf",
        size=13,
        sha256=hashlib.sha256(b"%PDF-1.4 test").hexdigest(),
        created_at=timezone.now(),
    )
    site.assignment = site.admin.role_assignments.first()
    return site


@pytest.fixture
def site() -> Site:
    return matrix_site()


def test_every_url_has_a_policy_entry():
    names = set(url_patterns())
    assert sorted(names - set(POLICY)) == [], "add these URLs to tests/authz_policy.toml"
    assert sorted(set(POLICY) - names) == [], "these policy entries name no URL"


def test_every_url_answers_each_role_as_the_policy_says(site):
    clients = _clients(site)
    wrong: list[str] = []
    cells = 0
    for name, pattern in sorted(url_patterns().items()):
        entry = POLICY[name]
        allowed = {a for item in entry["allow"] for a in GROUPS.get(item, (item,))}
        method = entry.get("method", "GET")
        path = _path(name, pattern, site)
        for audience in AUDIENCES:
            if method == "POST" and audience in allowed:
                continue  # the app's own tests cover allowed actions; the matrix proves refusals
            client = clients[audience]
            response = client.post(path) if method == "POST" else client.get(path)
            cells += 1
            if _refused(response) == (audience in allowed):
                wrong.append(f"{name} {method} {path} as {audience}: {response.status_code}")
    assert wrong == [], "\n".join(wrong)
    assert cells >= len(POLICY) * 6


def test_uploaded_files_are_not_served_from_a_guessable_url(site):
    """Attachments live outside the web root: only the authorised download view sends them."""
    client = Client()
    client.force_login(site.resident)
    assert client.get(f"/media/{site.attachment.file.name}").status_code == 404
