"""The public verification page, the resident's pages and the staff's revocation page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from madoguchi.audit.models import AuditEvent
from madoguchi.cases.tests.conftest import CHILD_CODE, HEAD_CODE
from madoguchi.certificates import services
from madoguchi.certificates.models import Certificate, CertificateRequest
from madoguchi.identity import services as identity_services
from madoguchi.identity.oidc import JPKI_ACR
from madoguchi.identity.selectors import SESSION_ACR

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_client(client, resident):
    """The resident, signed in with the My Number Card."""
    client.force_login(resident)
    session = client.session
    session[SESSION_ACR] = JPKI_ACR
    session.save()
    return client


@pytest.fixture
def issued(resident, django_capture_on_commit_callbacks) -> Certificate:
    request = services.create_request(
        applicant=resident, resident_code=HEAD_CODE, kind="juminhyo", copies=1, purpose="提出"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.record_payment(request_id=request.pk, payment_reference="p", amount=300)
    return request.certificates.get()


def test_the_root_certificate_is_published(client, signing_setup):
    response = client.get("/certificates/ca.pem")
    assert response.status_code == 200
    assert response.content.startswith(b"-----BEGIN CERTIFICATE-----")
    assert response.content == signing_setup.trust_root_pem


def test_a_genuine_certificate_is_confirmed_with_its_date_and_hash(client, issued):
    response = client.get("/certificates/verify/", {"code": issued.formatted_code.lower()})
    assert response.status_code == 200
    body = response.content.decode()
    assert "龍ケ崎市が発行した本物です" in body and issued.sha256 in body and "住民票の写し" in body
    assert "龍ケ崎" not in body.replace("龍ケ崎市", "")  # no personal data on the public page


def test_an_unknown_code_says_so(client, db):
    response = client.get("/certificates/verify/", {"code": "0000-0000-0000-0000"})
    assert response.status_code == 404
    assert "見つかりませんでした" in response.content.decode()


def test_the_qr_address_shows_a_revoked_certificate_as_revoked(client, issued, resident):
    services.revoke_certificate(certificate=issued, actor=resident, reason="記載誤り")
    response = client.get(f"/certificates/v/{issued.formatted_code}/")
    body = response.content.decode()
    assert "失効しています" in body and "本物です" not in body
    assert "記載誤り" not in body  # the reason is for staff, not the public


def test_past_the_verification_period_the_page_says_it_has_expired(client, issued):
    Certificate.objects.filter(pk=issued.pk).update(verifiable_until=timezone.now() - dt.timedelta(seconds=1))
    body = client.get(f"/certificates/v/{issued.verification_code}/").content.decode()
    assert "検証期限を過ぎています" in body and "本物です" not in body


def test_an_uploaded_pdf_is_compared_byte_for_byte(client, issued):
    url = f"/certificates/v/{issued.formatted_code}/"
    with issued.pdf.open("rb") as file:
        data = file.read()
    same = client.post(url, {"pdf": SimpleUploadedFile("c.pdf", data, "application/pdf")})
    assert "発行したものと同じです" in same.content.decode()
    changed = data[:100] + bytes([data[100] ^ 1]) + data[101:]
    other = client.post(url, {"pdf": SimpleUploadedFile("c.pdf", changed, "application/pdf")})
    assert "発行したものと異なります" in other.content.decode()


def test_a_resident_requests_and_sees_the_request(card_client):
    response = card_client.post(
        "/my/certificates/request/", {"kind": "kazei", "copies": "2", "purpose": "保育所の申込み"}
    )
    assert response.status_code == 302
    request = CertificateRequest.objects.get()
    assert response["Location"] == f"/my/certificates/{request.pk}/"
    assert (request.kind, request.copies, request.fee) == ("kazei", 2, 600)
    body = card_client.get(response["Location"]).content.decode()
    assert "お支払いをお待ちしています" in body


def test_bad_input_shows_the_error_summary_and_creates_nothing(card_client):
    response = card_client.post(
        "/my/certificates/request/", {"kind": "juminhyo", "copies": "20", "purpose": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "md-error-summary" in body and "使用目的を入力してください" in body and "1から10通" in body
    assert not CertificateRequest.objects.exists()


def test_requesting_needs_the_card_sign_in(client, resident):
    client.force_login(resident)
    response = client.post("/my/certificates/request/", {"kind": "juminhyo", "copies": "1", "purpose": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not CertificateRequest.objects.exists()


def test_the_resident_downloads_their_certificate_and_nobody_else_can(card_client, issued, client):
    response = card_client.get(f"/my/certificates/file/{issued.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other = identity_services.counter_account(resident_code=CHILD_CODE, actor=issued.request.applicant)
    card_client.force_login(other)
    assert card_client.get(f"/my/certificates/file/{issued.pk}/").status_code == 404
    assert card_client.get(f"/my/certificates/{issued.request_id}/").status_code == 404


def _post_in(department_code: str, username: str = "clerk", position: str = "shuji"):
    """Give a staff member a post (配属) in a department, from 2024 on; returns the user."""
    import datetime as dt

    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.organization.models import Department, Membership, Position

    user = staff_by_username(username)
    Membership.objects.create(
        user=user,
        department=Department.objects.get(code=department_code),
        position=Position.objects.get_or_create(code=position, defaults={"name": position, "rank": 50})[0],
        valid_from=dt.date(2024, 4, 1),
    )
    return user


def _other_department(city):
    import datetime as dt

    from madoguchi.organization import services as org_services

    return org_services.upsert_department(
        municipality=city, code="zeimu", name="税務課", valid_from=dt.date(2024, 4, 1)
    )


def test_staff_revoke_with_a_reason(client, issued):
    client.force_login(_post_in("shimin-madoguchi"))
    url = f"/staff/certificates/{issued.verification_code}/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "失効の理由を入力してください" in response.content.decode()
    issued.refresh_from_db()
    assert issued.revoked_at is None
    response = client.post(url, {"reason": "住所の記載誤り"})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None
    assert AuditEvent.objects.filter(
        action="certificates.revoke", object_id=issued.verification_code
    ).exists()
    found = client.get("/staff/certificates/", {"code": issued.formatted_code})
    assert found["Location"] == url


def test_staff_of_another_department_neither_see_nor_revoke_a_certificate(client, city, issued):
    from madoguchi.accounts.services import create_staff_user

    _other_department(city)
    create_staff_user(username="zeimu.a", last_name="税務", first_name="一郎", password_hash="!")
    client.force_login(_post_in("zeimu", username="zeimu.a"))
    url = f"/staff/certificates/{issued.verification_code}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "いたずら"}).status_code == 404
    assert issued.formatted_code not in client.get("/staff/certificates/").content.decode()
    assert client.get("/staff/certificates/", {"code": issued.formatted_code}).status_code == 200
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_counter_staff_see_a_certificate_but_may_not_revoke_it(client, issued):
    import datetime as dt

    from madoguchi.accounts.models import Role
    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.accounts.services import assign_role
    from madoguchi.organization.models import Department

    clerk = staff_by_username("clerk")
    counter = Department.objects.get(code="shimin-madoguchi")
    assign_role(
        user=clerk, role=Role.COUNTER_STAFF, department=counter, valid_from=dt.date(2024, 4, 1), actor=None
    )
    client.force_login(clerk)
    url = f"/staff/certificates/{issued.verification_code}/"
    page = client.get(url)
    assert page.status_code == 200 and "失効させる" not in page.content.decode()
    assert client.post(url, {"reason": "住所の記載誤り"}).status_code == 403
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_a_staff_look_at_a_certificate_is_on_the_residents_access_log(client, issued):
    client.force_login(_post_in("shimin-madoguchi"))
    client.get(f"/staff/certificates/{issued.verification_code}/")
    event = AuditEvent.objects.get(action="certificates.view")
    assert (event.object_type, event.object_id) == ("registry.resident", issued.resident_code)


def test_residents_cannot_open_the_staff_pages(card_client, issued):
    assert card_client.get("/staff/certificates/").status_code == 403
