"""A resident applies online: consent, prefill, steps, review, exactly one submission."""

from __future__ import annotations

import pytest
from django.core import mail

from madoguchi.audit.models import AuditEvent
from madoguchi.cases.models import Draft, PrefillConsent, Submission
from madoguchi.cases.receipts import normalise_receipt_number
from madoguchi.cases.tests.conftest import CHILD_CODE, fill_in
from madoguchi.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_the_whole_application_is_prefilled_and_submitted_once(
    client, procedure, resident, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    review_url = fill_in(client)
    review = client.get(review_url).content.decode()
    assert "龍ケ崎" in review and "久保台2丁目3番4号" in review and "600" in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert response["Location"] == f"/my/{submission.receipt_number}/done/"
    assert normalise_receipt_number(submission.receipt_number) == submission.receipt_number
    assert submission.fee == 600
    assert submission.answers["name"]["last"] == "龍ケ崎"
    assert submission.answers["children"][0]["birth_date"] == "2018-09-09"
    assert submission.department.code == "shimin-madoguchi"
    assert submission.due_on is not None and submission.due_on > submission.submitted_at.date()
    assert submission.revisions.count() == 1 and submission.status_changes.count() == 1
    assert PrefillConsent.objects.get().attributes == [
        "address",
        "birth_date",
        "full_name",
        "household_children",
    ]
    reads = AuditEvent.objects.filter(action="registry.read", object_id=submission.resident_code)
    assert (
        reads.filter(purpose__contains="申請書への自動入力", actor_id=resident.pk).count() == 2
    )  # consent, submit
    notification = Notification.objects.get()
    assert notification.to == "taro@example.jp" and notification.sent_at is not None
    assert mail.outbox[0].subject.startswith("【受付のお知らせ】")
    assert submission.receipt_number in mail.outbox[0].body


def test_submitting_twice_makes_one_submission(client, procedure, resident):
    client.force_login(resident)
    review_url = fill_in(client)
    first = client.post(review_url)
    second = client.post(review_url)
    assert Submission.objects.count() == 1
    assert first["Location"] == f"/my/{Submission.objects.get().receipt_number}/done/"
    # The second click (or a browser retry) lands on the same confirmation, not on an error.
    assert second.status_code == 302 and second["Location"] == first["Location"]
    # The review page itself is gone once the draft is sent.
    assert client.get(review_url).status_code == 404


def test_nobody_else_can_submit_a_residents_draft(client, procedure, resident):
    from madoguchi.accounts.services import create_resident_user

    client.force_login(resident)
    review_url = fill_in(client)
    client.force_login(create_resident_user(username="r-other", last_name="別", first_name="人"))
    assert client.post(review_url).status_code == 404
    assert not Submission.objects.exists()


def test_the_service_returns_the_same_submission_for_a_retried_draft(client, procedure, resident):
    from madoguchi.cases import services

    client.force_login(resident)
    fill_in(client)
    draft = Draft.objects.get()
    first = services.submit(draft_id=draft.pk, actor=resident)
    again = services.submit(draft_id=draft.pk, actor=resident)
    assert first.pk == again.pk and Submission.objects.count() == 1


def test_a_step_with_errors_saves_nothing_and_says_why_in_japanese(client, procedure, resident):
    client.force_login(resident)
    start = client.post("/apply/test-certificate/")["Location"]
    client.post(client.get(start)["Location"], {"decision": "accept"})
    client.post(client.get(start)["Location"], {})
    before = Draft.objects.get().answers
    response = client.post(client.get(start)["Location"], {"purpose": "other", "copies": "11"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "md-error-summary" in body
    assert Draft.objects.get().answers == before


def test_a_prefilled_value_cannot_be_overwritten_from_the_browser(client, procedure, resident):
    client.force_login(resident)
    start = client.post("/apply/test-certificate/")["Location"]
    client.post(client.get(start)["Location"], {"decision": "accept"})
    client.post(client.get(start)["Location"], {"name__last": "偽名", "name__first": "太郎", "email": ""})
    assert Draft.objects.get().answers["name"]["last"] == "龍ケ崎"


def test_a_tampered_prefilled_answer_is_rejected_at_submit(client, procedure, resident):
    client.force_login(resident)
    review_url = fill_in(client)
    draft = Draft.objects.get()
    draft.answers["birth_date"] = "1990-01-01"
    draft.save()
    response = client.post(review_url)
    assert response.status_code == 400
    assert "住民記録から自動入力した内容が確認できませんでした" in response.content.decode()
    assert not Submission.objects.exists()
    assert AuditEvent.objects.filter(action="cases.prefill_mismatch").exists()


def test_declining_prefill_means_typing_everything(client, procedure, resident):
    client.force_login(resident)
    start = client.post("/apply/test-certificate/")["Location"]
    client.post(client.get(start)["Location"], {"decision": "decline"})
    step = client.get(client.get(start)["Location"])
    body = step.content.decode()
    assert 'name="name__last"' in body
    assert not AuditEvent.objects.filter(action="registry.read", object_id=CHILD_CODE).exists()


def test_an_unfinished_application_is_resumed_not_duplicated(client, procedure, resident):
    client.force_login(resident)
    first = client.post("/apply/test-certificate/")["Location"]
    second = client.post("/apply/test-certificate/")["Location"]
    assert first == second and Draft.objects.count() == 1
    assert "テスト証明書の交付請求" in client.get("/my/").content.decode()


def test_signing_in_is_required_to_start(client, procedure):
    response = client.post("/apply/test-certificate/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/login/?next=/apply/test-certificate/"
    )


def test_a_card_procedure_needs_a_card_session(client, procedure, resident):
    procedure.sign_in_level = "mynumber_card"
    procedure.save()
    client.force_login(resident)
    response = client.post("/apply/test-certificate/")
    assert response["Location"].startswith("/login/")
    assert not Draft.objects.exists()


def test_another_resident_cannot_open_my_draft_or_submission(client, procedure, resident, django_user_model):
    client.force_login(resident)
    review_url = fill_in(client)
    client.post(review_url)
    receipt = Submission.objects.get().receipt_number
    other = django_user_model.objects.create(username="someone-else", kind="resident")
    client.force_login(other)
    assert client.get(review_url).status_code == 404
    assert client.get(f"/my/{receipt}/").status_code == 404
    assert client.get(f"/my/{receipt}/pdf/").status_code == 404
    assert client.get(f"/api/v1/submissions/{receipt}").status_code == 404
    assert client.get("/api/v1/submissions").json()["count"] == 0


def test_the_resident_can_download_a_pdf_copy(client, procedure, resident):
    from io import BytesIO

    from pypdf import PdfReader

    client.force_login(resident)
    client.post(fill_in(client))
    receipt = Submission.objects.get().receipt_number
    response = client.get(f"/my/{receipt}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert receipt in text and "龍ケ崎" in text


def test_the_api_lists_my_submissions(client, procedure, resident):
    client.force_login(resident)
    client.post(fill_in(client))
    listing = client.get("/api/v1/submissions").json()
    assert listing["count"] == 1
    detail = client.get(f"/api/v1/submissions/{listing['results'][0]['receipt_number']}").json()
    assert detail["status"] == "received" and detail["history"][0]["to_status"] == "received"


def test_an_upload_is_kept_with_the_draft_and_a_disguised_file_is_refused(client, procedure, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from madoguchi.cases.models import Attachment

    client.force_login(resident)
    start = client.post("/apply/test-certificate/")["Location"]
    client.post(client.get(start)["Location"], {"decision": "accept"})
    client.post(client.get(start)["Location"], {})
    step_url = client.get(start)["Location"]
    fake = SimpleUploadedFile(
        "委任状.pdf", b"MZ\x90\x00 this is a program, not a PDF", content_type="application/pdf"
    )
    refused = client.post(step_url, {"purpose": "bank", "copies": "1", "attachment": fake})
    assert refused.status_code == 400 and not Attachment.objects.exists()
    pdf = SimpleUploadedFile(
        "../../委任状.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        content_type="application/octet-stream",
    )
    assert client.post(step_url, {"purpose": "bank", "copies": "1", "attachment": pdf}).status_code == 302
    attachment = Attachment.objects.get()
    assert "/" not in attachment.original_name and attachment.content_type == "application/pdf"
    assert Draft.objects.get().answers["attachment"]["attachment"] == str(attachment.id)
    assert attachment.file.read().startswith(b"%PDF")


def test_the_applicant_and_the_department_can_download_the_attachment_and_nobody_else(
    client, procedure, resident, clerk, django_user_model
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(resident)
    start = client.post("/apply/test-certificate/")["Location"]
    client.post(client.get(start)["Location"], {"decision": "accept"})
    client.post(client.get(start)["Location"], {})
    pdf = SimpleUploadedFile("委任状.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\ntrailer<<>>\n%%EOF")
    client.post(client.get(start)["Location"], {"purpose": "bank", "copies": "1", "attachment": pdf})
    client.post(client.get(start)["Location"])
    submission = Submission.objects.get()
    attachment_id = submission.answers["attachment"]["attachment"]
    mine = client.get(f"/my/{submission.receipt_number}/attachments/{attachment_id}/")
    assert mine.status_code == 200 and mine["Content-Disposition"].startswith("attachment")
    assert b"".join(mine.streaming_content).startswith(b"%PDF")
    client.force_login(clerk)
    assert (
        client.get(f"/staff/cases/{submission.receipt_number}/attachments/{attachment_id}/").status_code
        == 200
    )
    client.force_login(django_user_model.objects.create(username="nosy", kind="resident"))
    assert client.get(f"/my/{submission.receipt_number}/attachments/{attachment_id}/").status_code == 404
    assert AuditEvent.objects.filter(action="cases.attachment").count() == 2


def test_a_receipt_number_clash_draws_a_new_number_instead_of_failing(
    client, procedure, resident, monkeypatch
):
    from madoguchi.cases import services

    client.force_login(resident)
    fill_in(client)
    first_draft = Draft.objects.get()
    taken = services.submit(draft_id=first_draft.pk, actor=resident).receipt_number
    second = services.start_draft(
        applicant=resident, procedure_code="test-certificate", resident_code=first_draft.resident_code
    )
    second.answers, second.completed_steps = first_draft.answers, first_draft.completed_steps
    second.prefilled, second.prefill_consent_at = first_draft.prefilled, first_draft.prefill_consent_at
    second.save()
    numbers = iter([taken, "261126-0000-0009"])
    monkeypatch.setattr(services, "new_receipt_number", lambda day: next(numbers))
    assert services.submit(draft_id=second.pk, actor=resident).receipt_number == "261126-0000-0009"
    assert Submission.objects.count() == 2


def test_an_answer_given_in_one_form_of_a_bundle_is_offered_in_the_next(client, procedure, resident):
    from madoguchi.cases import services

    bundle = services.start_bundle(
        applicant=resident,
        life_event_code="moving-in",
        procedure_codes=["test-certificate"],
        resident_code="08208200001",
    )
    first = bundle.drafts.get()
    first.answers = {"email": "taro@example.jp"}
    first.save()
    # A second form of the same bundle asking the same question (same key, same type).
    second = Draft.objects.create(
        applicant=resident,
        procedure_code="test-certificate",
        form_version=first.form_version,
        bundle=bundle,
        resident_code="08208200001",
    )
    assert services.carried_answers(second) == {"email": "taro@example.jp"}
    second.answers = {"email": "another@example.jp"}
    second.save()
    assert services.carried_answers(second) == {}  # its own answer wins
    assert (
        services.carried_answers(
            Draft.objects.create(
                applicant=resident,
                procedure_code="test-certificate",
                form_version=first.form_version,
                resident_code="08208200001",
            )
        )
        == {}
    )  # outside a bundle nothing is carried


def test_a_failure_half_way_through_submitting_stores_nothing_and_a_retry_succeeds(
    client, procedure, resident, monkeypatch
):
    from django.db import DatabaseError

    from madoguchi.cases import services
    from madoguchi.formbuilder import services as form_services

    client.force_login(resident)
    fill_in(client)
    draft = Draft.objects.get()

    def broken(**kwargs):
        raise DatabaseError("connection lost while locking the form version")

    monkeypatch.setattr(form_services, "lock_version", broken)
    with pytest.raises(DatabaseError):
        services.submit(draft_id=draft.pk, actor=resident)
    assert not Submission.objects.exists()
    assert Draft.objects.get().submitted_at is None
    monkeypatch.undo()
    submission = services.submit(draft_id=draft.pk, actor=resident)
    assert Submission.objects.get() == submission and submission.revisions.count() == 1


def test_a_bundle_offers_answers_marked_the_same_and_what_the_life_event_implies(client, procedure, resident):
    from madoguchi.cases import services
    from madoguchi.formbuilder import services as form_services

    later = form_services.create_form(
        code="test-join",
        title="テスト加入",
        definition={
            "steps": [
                {
                    "key": "change",
                    "title": {"ja": "内容"},
                    "fields": [
                        {
                            "key": "kind",
                            "type": "choice",
                            "label": {"ja": "種類"},
                            "options": [
                                {"value": "join", "label": {"ja": "加入"}},
                                {"value": "leave", "label": {"ja": "脱退"}},
                            ],
                            "life_event_defaults": {"moving-in": "join"},
                        },
                        {"key": "changed_on", "type": "date", "label": {"ja": "日"}, "same_as": ["moved_on"]},
                    ],
                }
            ]
        },
    )
    bundle = services.start_bundle(
        applicant=resident,
        life_event_code="moving-in",
        procedure_codes=["test-certificate"],
        resident_code="08208200001",
    )
    moving = form_services.create_form(
        code="test-move",
        title="テスト転入",
        definition={
            "steps": [
                {
                    "key": "move",
                    "title": {"ja": "転入"},
                    "fields": [{"key": "moved_on", "type": "date", "label": {"ja": "転入日"}}],
                }
            ]
        },
    )
    Draft.objects.create(
        applicant=resident,
        procedure_code="test-move",
        form_version=moving,
        bundle=bundle,
        resident_code="",
        answers={"moved_on": "2026-11-20"},
    )
    second = Draft.objects.create(
        applicant=resident, procedure_code="test-join", form_version=later, bundle=bundle, resident_code=""
    )
    assert services.carried_answers(second) == {"kind": "join", "changed_on": "2026-11-20"}
    bundle.life_event_code = "marriage"
    bundle.save()
    second.refresh_from_db()
    assert services.carried_answers(second) == {"changed_on": "2026-11-20"}


def test_carrying_answers_reads_the_bundle_with_its_drafts_in_one_query(
    procedure, resident, django_assert_num_queries
):
    from madoguchi.cases import selectors, services

    bundle = services.start_bundle(
        applicant=resident,
        life_event_code="moving-in",
        procedure_codes=["test-certificate"],
        resident_code="08208200001",
    )
    first = bundle.drafts.get()
    first.answers = {"email": "taro@example.jp"}
    first.save()
    second = Draft.objects.create(
        applicant=resident, procedure_code="test-certificate", form_version=first.form_version, bundle=bundle
    )
    second = selectors.draft_of(resident, second.pk)  # as the step view loads it
    with django_assert_num_queries(1):
        assert services.carried_answers(second) == {"email": "taro@example.jp"}
