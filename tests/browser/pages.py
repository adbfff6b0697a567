"""Every page of the site, with the data it needs, for the browser tests.

``build_site()`` makes a small but complete city: the demo organisation and catalogue, a form and
its procedure, one household, a submission with a message, a draft in progress, a bundle. Each
entry of ``PAGES`` says who looks at the page and how to reach it from that data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.http import QueryDict

from madoguchi.cases import services as case_services
from madoguchi.cases.selectors import STATUS_LINK_SALT
from madoguchi.cases.tests.conftest import HEAD_CODE
from madoguchi.certificates import services as certificate_services
from madoguchi.demo.services import seed_open_data, seed_organization, seed_staff
from madoguchi.identity import services as identity_services
from madoguchi.procedures.services import seed_catalogue


@dataclass
class Site:
    resident: object
    clerk: object
    submission: object
    draft: object
    bundle: object
    complete_draft: object
    certificate: object
    admin: object = None
    auditor: object = None
    records_manager: object = None
    payment: object = None
    counter_payment: object = None
    inquiry: object = None
    wifi_resource: object = None
    approval_draft: object = None
    record_file: object = None


def _post(**values: str) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data[key] = value
    return data


def build_site() -> Site:
    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.cases.tests.conftest import make_household, make_procedure

    municipality = seed_organization()
    seed_staff(municipality)
    seed_catalogue(municipality=municipality)
    make_procedure(municipality)
    make_household()
    clerk = staff_by_username("sakamoto.m")
    resident = identity_services.counter_account(resident_code=HEAD_CODE, actor=clerk)
    draft = case_services.start_draft(
        applicant=resident, procedure_code="test-certificate", resident_code=HEAD_CODE
    )
    case_services.consent_to_prefill(draft=draft, actor=resident)
    case_services.save_step(
        draft=draft, step_key="applicant", data=_post(email="taro@example.jp"), files={}, actor=resident
    )
    case_services.save_step(
        draft=draft, step_key="request", data=_post(purpose="bank", copies="2"), files={}, actor=resident
    )
    submission = case_services.submit(draft_id=draft.pk, actor=resident)
    case_services.request_correction(submission=submission, message="通数をご確認ください。", actor=clerk)
    in_progress = case_services.start_draft(
        applicant=resident, procedure_code="test-certificate", resident_code=HEAD_CODE
    )
    bundle = case_services.start_bundle(
        applicant=resident,
        life_event_code="moving-in",
        procedure_codes=["test-certificate"],
        resident_code=HEAD_CODE,
    )
    complete = bundle.drafts.get()
    case_services.consent_to_prefill(draft=complete, actor=resident)
    case_services.save_step(draft=complete, step_key="applicant", data=_post(), files={}, actor=resident)
    case_services.save_step(
        draft=complete,
        step_key="request",
        data=_post(purpose="other", purpose_other="年金", copies="1"),
        files={},
        actor=resident,
    )
    from madoguchi.payments import services as payment_services

    payment = payment_services.start_payment(
        payer=resident,
        amount=300,
        description="住民票の写し",
        reference=submission.receipt_number,
        purpose=f"case:{submission.receipt_number}",
        return_url="/my/",
        idempotency_key="site-online-payment",
        department=submission.department,
    )
    counter_payment = payment_services.record_counter_payment(
        payer=resident,
        amount=600,
        method="cash",
        description="住民票の写し",
        reference=submission.receipt_number,
        purpose=f"case:{submission.receipt_number}",
        actor=clerk,
        idempotency_key="site-counter-payment",
        department=submission.department,
    )
    certificate_request = certificate_services.create_request(
        applicant=resident, resident_code=HEAD_CODE, kind="juminhyo", copies=1, purpose="金融機関への提出"
    )
    certificate_services.record_payment(
        request_id=certificate_request.pk, payment_reference="site", amount=certificate_request.fee
    )
    (certificate,) = certificate_services.issue_for_request(request_id=certificate_request.pk)
    seed_open_data(municipality)
    from madoguchi.opendata.selectors import published_dataset

    approval_draft, record_file = _approvals_and_records(municipality, clerk)
    return Site(
        approval_draft=approval_draft,
        record_file=record_file,
        payment=payment,
        counter_payment=counter_payment,
        resident=resident,
        clerk=clerk,
        submission=submission,
        draft=in_progress,
        bundle=bundle,
        complete_draft=complete,
        inquiry=_chatbot_data(),
        certificate=certificate,
        wifi_resource=published_dataset("public-wifi").resources.get(),
        admin=staff_by_username("admin.joho"),
        auditor=staff_by_username("ebihara.m"),
        records_manager=staff_by_username("gunji.m"),
    )


def _chatbot_data():
    """The chatbot's test FAQs and flows, a few logged questions, and one inquiry to staff."""
    from madoguchi.chatbot import services as chatbot_services
    from madoguchi.chatbot.data.flows import FLOWS
    from madoguchi.chatbot.tests.conftest import FIXTURES

    chatbot_services.load_faq_files(paths=[FIXTURES / "faqs.json"])
    chatbot_services.seed_flows(FLOWS)
    chatbot_services.ask(question="ドローンを公園で飛ばしたい")
    chatbot_services.ask(question="粗大ごみの出し方")
    return chatbot_services.open_inquiry(question="ソファーは何点まで出せますか", lang="ja", channel="web")


def _approvals_and_records(municipality, clerk) -> tuple[object, object]:
    """The authority matrix and file plan, a draft by the clerk in circulation, one of her files."""
    from madoguchi.approvals import selectors as approval_selectors
    from madoguchi.approvals import services as approval_services
    from madoguchi.demo.services import seed_approvals, seed_records
    from madoguchi.organization.selectors import department_by_code
    from madoguchi.records import selectors as record_selectors

    seed_approvals(municipality)
    seed_records(municipality)
    draft = approval_services.create_draft(
        drafter=clerk,
        department=department_by_code(municipality, "shimin-madoguchi"),
        title="窓口の受付時間延長について",
        body="毎週木曜日の受付時間を19時まで延長してよろしいか伺います。",
        matter=approval_selectors.matter_classes().get(code="bu-matter"),
    )
    record_file = record_selectors.all_files().filter(department__code="shimin-madoguchi").first()
    return draft, record_file


Path = Callable[[Site], str]

# name → (path from the site's data, who looks: "anonymous" | "resident" | "staff" | "admin" | "auditor"
# | "records_manager")
PAGES: dict[str, tuple[Path, str]] = {
    "core:home": (lambda s: "/", "anonymous"),
    "organization:directory": (lambda s: "/organization/", "anonymous"),
    "procedures:list": (lambda s: "/procedures/?q=住民票", "anonymous"),
    "procedures:detail": (lambda s: "/procedures/juminhyo-utsushi/", "anonymous"),
    "procedures:life_events": (lambda s: "/life-events/", "anonymous"),
    "procedures:life_event": (
        lambda s: "/life-events/moving-in/?answered=1&has_children=yes&joins_kokuho=yes&has_dog=yes",
        "anonymous",
    ),
    "identity:login": (lambda s: "/login/?next=/my/", "anonymous"),
    "identity:callback": (lambda s: "/oidc/callback/?error=access_denied&state=x", "anonymous"),
    "accounts:staff_login": (lambda s: "/staff/login/", "anonymous"),
    "cases:apply": (lambda s: "/apply/test-certificate/", "resident"),
    "cases:consent": (lambda s: f"/apply/d/{s.draft.pk}/consent/", "resident"),
    "cases:step": (lambda s: f"/apply/d/{s.draft.pk}/step/request/", "resident"),
    "cases:review": (lambda s: f"/apply/d/{s.complete_draft.pk}/review/", "resident"),
    "cases:my_page": (lambda s: "/my/", "resident"),
    "cases:my_submission": (lambda s: f"/my/{s.submission.receipt_number}/", "resident"),
    "cases:done": (lambda s: f"/my/{s.submission.receipt_number}/done/", "resident"),
    "cases:amend": (lambda s: f"/my/{s.submission.receipt_number}/amend/request/", "resident"),
    "cases:bundle": (lambda s: f"/apply/b/{s.bundle.pk}/", "resident"),
    "cases:status_link": (
        lambda s: f"/status/{signing.dumps(s.submission.receipt_number, salt=STATUS_LINK_SALT)}/",
        "anonymous",
    ),
    "accounts:staff_home": (lambda s: "/staff/", "staff"),
    "cases:staff_inbox": (lambda s: "/staff/inbox/?status=correction_requested", "staff"),
    "cases:staff_case": (lambda s: f"/staff/cases/{s.submission.receipt_number}/", "staff"),
    "cases:staff_counter": (lambda s: "/staff/counter/?kana=リュウガサキ&birth_date=S60.6.1", "staff"),
    "cases:staff_counter_resident": (lambda s: f"/staff/counter/{HEAD_CODE}/", "staff"),
    "formbuilder:list": (lambda s: "/staff/forms/", "staff"),
    "formbuilder:new": (lambda s: "/staff/forms/new/", "staff"),
    "formbuilder:detail": (lambda s: "/staff/forms/test-certificate/", "staff"),
    "formbuilder:edit": (lambda s: "/staff/forms/test-certificate/edit/", "staff"),
    "notifications:outbox": (lambda s: "/staff/outbox/", "staff"),
    "certificates:verify": (
        lambda s: f"/certificates/verify/?code={s.certificate.formatted_code}",
        "anonymous",
    ),
    "certificates:verify_code": (lambda s: f"/certificates/v/{s.certificate.formatted_code}/", "anonymous"),
    "certificates:my_certificates": (lambda s: "/my/certificates/", "resident"),
    "certificates:request": (lambda s: "/my/certificates/request/", "resident"),
    "certificates:my_request": (lambda s: f"/my/certificates/{s.certificate.request_id}/", "resident"),
    "certificates:staff_list": (lambda s: "/staff/certificates/", "staff"),
    "certificates:staff_detail": (
        lambda s: f"/staff/certificates/{s.certificate.verification_code}/",
        "staff",
    ),
    "accounts:mfa_verify": (lambda s: "/staff/login/verify/", "staff"),
    "accounts:mfa_setup": (lambda s: "/staff/login/setup/", "staff"),
    "accounts:reauthenticate": (lambda s: "/staff/reauthenticate/?next=/staff/inbox/export.csv", "staff"),
    "accounts:security": (lambda s: "/staff/security/", "staff"),
    "identity:my_sessions": (lambda s: "/my/sessions/", "resident"),
    "accounts:roles": (lambda s: "/staff/roles/", "admin"),
    "accounts:mfa_reset": (lambda s: "/staff/mfa-reset/", "admin"),
    "accounts:account_status": (lambda s: "/staff/account-status/", "admin"),
    "audit:my_access_log": (lambda s: "/my/access-log/", "resident"),
    "audit:trail": (lambda s: "/staff/audit/?action=cases.", "auditor"),
    "payments:staff_list": (lambda s: "/staff/payments/", "staff"),
    "payments:staff_detail": (lambda s: f"/staff/payments/{s.counter_payment.pk}/", "staff"),
    "payments:sandbox_pay": (lambda s: f"/sandbox-pay/pay/{s.payment.provider_payment_id}/", "anonymous"),
    "payments:sandbox_3ds": (lambda s: f"/sandbox-pay/pay/{s.payment.provider_payment_id}/3ds/", "anonymous"),
    "payments:sandbox_qr": (lambda s: f"/sandbox-pay/pay/{s.payment.provider_payment_id}/qr/", "anonymous"),
    "payments:sandbox_wallet": (
        lambda s: f"/sandbox-pay/wallet/{s.payment.provider_payment_id}/",
        "anonymous",
    ),
    "payments:sandbox_console": (lambda s: "/sandbox-pay/console/", "anonymous"),
    "chatbot:ask": (lambda s: "/chatbot/?q=粗大ごみの出し方&lang=ja", "anonymous"),
    "chatbot:faq": (lambda s: "/chatbot/faqs/t-tennyu-when/?lang=easy_ja", "anonymous"),
    "chatbot:flow": (lambda s: "/chatbot/flows/gomi/?area=north&group=kitchen", "anonymous"),
    "chatbot:inquire": (lambda s: "/chatbot/inquire/", "anonymous"),
    "chatbot:inquiry": (lambda s: f"/chatbot/inquiries/{s.inquiry.token}/", "anonymous"),
    "chatbot:staff_dashboard": (lambda s: "/staff/chatbot/", "staff"),
    "chatbot:staff_faqs": (lambda s: "/staff/chatbot/faqs/", "staff"),
    "chatbot:staff_faq": (lambda s: "/staff/chatbot/faqs/t-tennyu-when/", "staff"),
    "chatbot:staff_faq_new": (lambda s: "/staff/chatbot/faqs/new/", "staff"),
    "chatbot:staff_inquiries": (lambda s: "/staff/chatbot/inquiries/", "staff"),
    "chatbot:staff_inquiry": (lambda s: f"/staff/chatbot/inquiries/{s.inquiry.pk}/", "staff"),
    "chatbot:staff_flows": (lambda s: "/staff/chatbot/flows/", "staff"),
    "chatbot:staff_flow": (lambda s: "/staff/chatbot/flows/gomi/", "staff"),
    "chatbot:staff_flow_new": (lambda s: "/staff/chatbot/flows/new/", "staff"),
    "opendata:search": (lambda s: "/dataset/?groups=bosai", "anonymous"),
    "opendata:dataset": (lambda s: "/dataset/public-wifi/", "anonymous"),
    "opendata:map": (lambda s: "/dataset/public-wifi/map/", "anonymous"),
    "opendata:resource": (
        lambda s: (
            f"/dataset/public-wifi/resource/{s.wifi_resource.pk}/?field=SSID&value=Ryugasaki_Free_Wi-Fi"
        ),
        "anonymous",
    ),
    "opendata:staff_list": (lambda s: "/staff/opendata/", "admin"),
    "opendata:staff_create": (lambda s: "/staff/opendata/new/", "admin"),
    "opendata:staff_dataset": (lambda s: "/staff/opendata/public-wifi/", "admin"),
    "opendata:staff_edit": (lambda s: "/staff/opendata/public-wifi/edit/", "admin"),
    "opendata:staff_upload": (lambda s: "/staff/opendata/public-wifi/upload/", "admin"),
    "opendata:staff_link": (lambda s: "/staff/opendata/public-wifi/link/", "admin"),
    "opendata:staff_resource": (
        lambda s: f"/staff/opendata/public-wifi/resources/{s.wifi_resource.pk}/",
        "admin",
    ),
    "approvals:inbox": (lambda s: "/staff/approvals/", "staff"),
    "approvals:new": (lambda s: "/staff/approvals/new/", "staff"),
    "approvals:from_case": (lambda s: f"/staff/approvals/from-case/{s.submission.receipt_number}/", "staff"),
    "approvals:absences": (lambda s: "/staff/approvals/absences/", "staff"),
    "approvals:figures": (lambda s: "/staff/approvals/figures/", "staff"),
    "approvals:draft": (lambda s: f"/staff/approvals/{s.approval_draft.pk}/", "staff"),
    "approvals:edit": (lambda s: f"/staff/approvals/{s.approval_draft.pk}/edit/", "staff"),
    "approvals:route": (lambda s: f"/staff/approvals/{s.approval_draft.pk}/route/", "staff"),
    "records:home": (lambda s: "/staff/records/", "staff"),
    "records:search": (lambda s: "/staff/records/search/?q=住民異動届", "staff"),
    "records:receipts": (lambda s: "/staff/records/receipts/", "staff"),
    "records:file_new": (lambda s: "/staff/records/files/new/", "staff"),
    "records:file": (lambda s: f"/staff/records/files/{s.record_file.pk}/", "staff"),
    "records:expiry": (lambda s: "/staff/records/expiry/?fiscal_year=2026", "records_manager"),
    "records:register": (lambda s: "/staff/records/register/", "staff"),
}
# Pages that answer with an error status on purpose (an error page is still a page).
EXPECTED_STATUS = {"identity:callback": 400}

# Reached only by following another page (checked in the journeys) or not HTML at all.
NOT_PAGES = {
    "approvals:act": "POST-only; redirects to the draft",
    "approvals:pdf": "PDF (signed); checked in the approval journey",
    "approvals:attachment": "a file download",
    "records:dispose": "POST-only; redirects to the disposal draft's route",
    "records:transfer_json": "JSON export of a transferred file",
    "records:transfer_pdf": "PDF export of a transferred file",
    "core:healthz": "JSON health check",
    "core:readyz": "JSON readiness check",
    "api-schema": "OpenAPI 3 schema (JSON)",
    "api-procedure-list": "JSON API",
    "api-procedure-detail": "JSON API",
    "api-submissions": "JSON API",
    "api-submission": "JSON API",
    "set_language": "POST-only language switch (its form is on every page)",
    "accounts:staff_logout": "POST-only; its result page is checked in test_sign_out_page",
    "identity:logout": "POST-only; redirects home",
    "identity:sandbox_discovery": "JSON (OpenID Connect discovery)",
    "identity:sandbox_jwks": "JSON (keys)",
    "identity:sandbox_token": "POST-only JSON token endpoint",
    "identity:sandbox_userinfo": "JSON",
    "identity:sandbox_authorize": "needs a signed-in flow: checked in the sign-in journey",
    "cases:draft": "redirects to the step the resident left off at",
    "cases:bundle_start": "POST-only; redirects to the bundle page",
    "cases:my_message": "POST-only; redirects to the submission",
    "cases:my_submission_pdf": "PDF",
    "cases:my_disclosure": "a file download (JSON or PDF)",
    "cases:staff_inbox_export": "CSV",
    "cases:staff_case_pdf": "PDF",
    "cases:my_attachment": "a file download",
    "cases:staff_case_attachment": "a file download",
    "cases:staff_counter_card": "POST-only; redirects to the resident found (or back with a message)",
    "cases:staff_case_status": "POST-only; redirects to the case",
    "cases:staff_case_correction": "POST-only; redirects to the case",
    "cases:staff_case_assign": "POST-only; redirects to the case",
    "cases:staff_case_note": "POST-only; redirects to the case",
    "cases:staff_case_message": "POST-only; redirects to the case",
    "formbuilder:preview": "POST-only HTML fragment (htmx); the full preview is checked on the edit page",
    "formbuilder:publish": "POST-only; redirects to the form",
    "cases:pay": "needs a case waiting for its fee: checked with axe in tests/browser/test_payments.py",
    "cases:staff_case_payment": "POST-only; redirects to the case",
    "certificates:ca_pem": "the root certificate (PEM)",
    "certificates:crl_der": "the demo root's CRL (DER)",
    "certificates:download": "PDF",
    "certificates:pay": "POST-only; redirects to the payment provider's page",
    "accounts:recovery_codes": "POST-only; shows new codes once (same template as after enrolment)",
    "accounts:sign_out_everywhere": "POST-only; redirects to the staff sign-in",
    "accounts:role_assign": "POST-only; redirects to the role list (errors: the role page again)",
    "accounts:role_end": "POST-only; redirects to the role list",
    "audit:trail_export": "CSV",
    "payments:return": "redirects to the return_url of the app that started the payment",
    "payments:receipt": "PDF",
    "payments:webhook": "POST-only JSON (signed provider events)",
    "payments:reconciliation": "CSV",
    "payments:sandbox_api_create": "POST-only JSON API of the sandbox gateway",
    "payments:sandbox_api_payment": "JSON API of the sandbox gateway",
    "payments:sandbox_api_refund": "POST-only JSON API of the sandbox gateway",
    "api-chatbot-ask": "JSON API",
    "chatbot:feedback": "POST-only; redirects to the question page or the inquiry form",
    "chatbot:line_webhook": "POST-only LINE webhook (signed JSON)",
    "chatbot:staff_make_faq": "POST-only; redirects to the new draft FAQ",
    "chatbot:staff_add_variant": "POST-only; redirects to the dashboard",
    "opendata:ckan_action": "CKAN Action API (JSON)",
    "opendata:ckan_action_unversioned": "CKAN Action API (JSON)",
    "opendata:catalog": "DCAT-AP (Turtle, JSON-LD, RDF/XML)",
    "opendata:dataset_rdf": "DCAT-AP (Turtle, JSON-LD, RDF/XML)",
    "opendata:resource_download": "a file download (CSV, JSON, GeoJSON)",
    "opendata:schema": "Table Schema (JSON)",
    "opendata:staff_workflow": "POST-only; redirects to the dataset",
    "opendata:staff_resource_delete": "POST-only; redirects to the dataset",
}
