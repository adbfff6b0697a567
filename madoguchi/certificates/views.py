"""Public pages (root certificate, CRL, verification) and the resident's certificate pages."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST

from madoguchi.cases.decorators import resident_required
from madoguchi.certificates import selectors, services, signing
from madoguchi.certificates.forms import RequestForm
from madoguchi.certificates.models import Certificate, CertificateRequest
from madoguchi.identity import selectors as identity_selectors

MAX_UPLOAD = 10 * 1024 * 1024


@cache_control(public=True, max_age=3600)
def ca_pem(request: HttpRequest) -> HttpResponse:
    """The root certificate a verifier trusts (pyHanko's ``--trust``, a PDF reader's trust list)."""
    response = HttpResponse(signing.signing_setup().trust_root_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'inline; filename="ca.pem"'
    return response


@cache_control(public=True, max_age=600)
def crl_der(request: HttpRequest) -> HttpResponse:
    """The demo root's CRL (its signing certificate's distribution point); a real CA publishes its own."""
    demo = signing.signing_setup().demo
    if demo is None:
        raise Http404
    return HttpResponse(demo.crl_der(), content_type="application/pkix-crl")


def _status(certificate: Certificate | None) -> str:
    if certificate is None:
        return "not_found"
    if certificate.revoked_at is not None:
        return "revoked"
    if certificate.verifiable_until <= timezone.now():
        return "expired"
    if certificate.is_specimen:
        return "specimen"
    return "valid"


def _result(request: HttpRequest, code: str, certificate: Certificate | None, **extra) -> HttpResponse:
    return render(
        request,
        "certificates/verify.html",
        {
            "code": code,
            "certificate": certificate,
            "status": _status(certificate),
            **extra,
        },
        status=200 if certificate else 404,
    )


def verify(request: HttpRequest) -> HttpResponse:
    """検証 — type the code printed on a certificate (or paste the QR code's address)."""
    code = request.GET.get("code", "").strip()
    if not code:
        return render(request, "certificates/verify.html", {"asked": False})
    return _result(request, code, selectors.certificate_by_code(code), asked=True)


def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """Where the QR code leads; a posted PDF is compared with the issued one by its SHA-256."""
    certificate = selectors.certificate_by_code(code)
    comparison = None
    errors: list[str] = []
    if request.method == "POST" and certificate is not None:
        upload = request.FILES.get("pdf")
        if upload is None:
            errors.append(_("確認するPDFファイルを選んでください。"))
        elif upload.size > MAX_UPLOAD:
            errors.append(_("ファイルが大きすぎます（10MBまで）。"))
        else:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            comparison = digest.hexdigest() == certificate.sha256
    return _result(request, code, certificate, asked=True, comparison=comparison, errors=errors)


@resident_required
def my_certificates(request: HttpRequest) -> HttpResponse:
    return render(
        request, "certificates/my_certificates.html", {"requests": selectors.requests_of(request.user)}
    )


@resident_required
def request_certificate(request: HttpRequest) -> HttpResponse:
    """交付請求 — choose the certificate, the number of copies and the purpose; pay next."""
    form = RequestForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    errors: list[str] = []
    if request.method == "POST" and identity_selectors.sign_in_level(request) != "mynumber_card":
        messages.info(request, _("証明書の請求にはマイナンバーカードでのログインが必要です。"))
        return redirect(f"{reverse('identity:login')}?next={request.path}")
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_request(
                applicant=request.user,
                resident_code=identity_selectors.resident_code_of(request.user) or "",
                kind=form.cleaned_data["kind"],
                copies=form.cleaned_data["copies"],
                purpose=form.cleaned_data["purpose"],
            )
        except services.CertificateError as error:
            errors = error.messages
        else:
            return redirect("certificates:my_request", request_id=created.pk)
    errors += [message for field_errors in form.errors.values() for message in field_errors]
    return render(
        request,
        "certificates/request.html",
        {"form": form, "errors": errors},
        status=400 if errors else 200,
    )


def _request_page(
    request: HttpRequest, certificate_request: CertificateRequest, *, errors: list[str] | None = None
) -> HttpResponse:
    return render(
        request,
        "certificates/my_request.html",
        {
            "certificate_request": certificate_request,
            "certificates": certificate_request.certificates.order_by("copy_number"),
            "Status": CertificateRequest.Status,
            "last_payment_failed": selectors.last_payment_failed(certificate_request),
            "errors": errors or [],
        },
        status=400 if errors else 200,
    )


@never_cache
@resident_required
def my_request(request: HttpRequest, request_id) -> HttpResponse:
    """The request's status; where the payment provider sends the resident back to."""
    certificate_request = selectors.request_of(request.user, request_id)
    if certificate_request is None:
        raise Http404
    services.settle_from_payments(request=certificate_request)
    certificate_request.refresh_from_db()
    return _request_page(request, certificate_request)


@require_POST
@resident_required
def pay(request: HttpRequest, request_id) -> HttpResponse:
    """Go to the payment provider's page for this request's fee."""
    certificate_request = selectors.request_of(request.user, request_id)
    if certificate_request is None:
        raise Http404
    try:
        next_url = services.begin_payment(request=certificate_request)
    except services.CertificateError as error:
        return _request_page(request, certificate_request, errors=error.messages)
    return redirect(next_url)


@resident_required
def download(request: HttpRequest, certificate_id) -> FileResponse:
    certificate = selectors.certificate_of(request.user, certificate_id)
    if certificate is None:
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.formatted_code}.pdf",
        content_type="application/pdf",
    )
