"""開示請求: a resident downloads everything about their applications as JSON and PDF, audited."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from madoguchi.audit.models import AuditEvent
from madoguchi.cases import services
from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.identity import services as identity_services

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def submitted(client, procedure, resident, clerk) -> Submission:
    client.force_login(resident)
    client.post(fill_in(client))
    submission = Submission.objects.get()
    services.post_message(submission=submission, body="確認のご連絡です", actor=clerk, from_staff=True)
    services.change_status(submission=submission, to_status="under_review", actor=clerk)
    return submission


def test_the_json_holds_answers_messages_history_registry_reads_and_the_access_log(
    client, submitted, resident, clerk
):
    client.force_login(clerk)
    client.get(f"/staff/cases/{submitted.receipt_number}/")  # a staff look, which must be disclosed
    client.force_login(resident)
    response = client.get("/my/disclosure.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert document["resident"]["resident_code"] == submitted.resident_code
    [case] = document["submissions"]
    assert case["receipt_number"] == submitted.receipt_number
    assert case["answers"]["name"]["last"] == "龍ケ崎"
    assert [m["body"] for m in case["messages"]] == ["確認のご連絡です"]
    assert [c["to"] for c in case["status_history"]] == ["received", "under_review"]
    assert {c["by"] for c in case["status_history"]} == {"self", "staff"}
    reads = document["registry_reads"]
    assert any("address" in read["items"] and "自動入力" in read["purpose"] for read in reads)
    staff_looks = [e for e in document["access_log"] if e["by"] == "staff"]
    assert staff_looks, "the clerk's look at the case must be in the access log"
    assert clerk.last_name not in response.content.decode()  # staff names are not disclosed
    event = AuditEvent.objects.filter(action="cases.disclosure").get()
    assert event.actor_id == resident.pk and event.details["submissions"] == 1


def test_the_pdf_carries_the_same_content(client, submitted, resident):
    client.force_login(resident)
    response = client.get("/my/disclosure.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert submitted.receipt_number in text and "確認のご連絡です" in text


def test_another_resident_gets_only_their_own_data(client, submitted, city):
    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.registry.services import Member, register_household

    register_household(
        household_code="0820820099",
        postal_code="3010002",
        address="茨城県龍ケ崎市佐貫町1番地",
        town="佐貫町",
        members=[
            Member(
                "08208200099",
                "佐貫",
                "次郎",
                "サヌキ",
                "ジロウ",
                submitted.submitted_at.date(),
                "male",
                "世帯主",
                submitted.submitted_at.date(),
            )
        ],
    )
    other = identity_services.counter_account(
        resident_code="08208200099", actor=staff_by_username("admin.joho")
    )
    client.force_login(other)
    document = client.get("/my/disclosure.json").json()
    assert document["submissions"] == [] and submitted.receipt_number not in json.dumps(document)


def test_anonymous_visitors_and_staff_cannot_download(client, clerk):
    assert client.get("/my/disclosure.json").status_code == 302
    client.force_login(clerk)
    assert client.get("/my/disclosure.json").status_code == 403
    assert not AuditEvent.objects.filter(action="cases.disclosure").exists()


def test_an_unknown_format_is_not_found(client, resident):
    client.force_login(resident)
    assert client.get("/my/disclosure.xml").status_code == 404


def test_an_old_sign_in_is_sent_to_the_card_again_before_the_download(client, submitted, resident, settings):
    from madoguchi.accounts.sessions import AUTHENTICATED_AT, now

    client.force_login(resident)
    session = client.session
    session[AUTHENTICATED_AT] = now() - settings.MADOGUCHI_REAUTH_SECONDS - 1
    session.save()
    before = AuditEvent.objects.count()
    response = client.get("/my/disclosure.json")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert AuditEvent.objects.count() == before  # nothing was read
