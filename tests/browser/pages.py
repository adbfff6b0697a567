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
from madoguchi.demo.services import seed_organization, seed_staff
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
    payment: object = None
    counter_payment: object = None


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
    submission = case_services.submit(draft=draft, actor=resident)
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
    )
    return Site(
        payment=payment,
        counter_payment=counter_payment,
        resident=resident,
        clerk=clerk,
        submission=submission,
        draft=in_progress,
        bundle=bundle,
        complete_draft=complete,
    )


Path = Callable[[Site], str]

# name → (path from the site's data, who looks: "anonymous" | "resident" | "staff")
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
}
# Pages that answer with an error status on purpose (an error page is still a page).
EXPECTED_STATUS = {"identity:callback": 400}

# Reached only by following another page (checked in the journeys) or not HTML at all.
NOT_PAGES = {
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
    "payments:return": "redirects to the return_url of the app that started the payment",
    "payments:receipt": "PDF",
    "payments:webhook": "POST-only JSON (signed provider events)",
    "payments:reconciliation": "CSV",
    "payments:sandbox_api_create": "POST-only JSON API of the sandbox gateway",
    "payments:sandbox_api_payment": "JSON API of the sandbox gateway",
    "payments:sandbox_api_refund": "POST-only JSON API of the sandbox gateway",
}
