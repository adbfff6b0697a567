"""Staff pages: find an issued certificate by its code and revoke it with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from madoguchi.accounts.decorators import recent_authentication_required, staff_required
from madoguchi.certificates import selectors, services
from madoguchi.certificates.forms import RevokeForm


@staff_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip()
    if code:
        certificate = selectors.certificate_by_code(code)
        if certificate is not None:
            return redirect("certificates:staff_detail", code=certificate.verification_code)
        messages.error(request, _("その検証コードの証明書はありません。"))
    return render(
        request,
        "certificates/staff/list.html",
        {"certificates": selectors.recent_certificates(), "code": code},
    )


@staff_required
@recent_authentication_required(methods=("POST",))
def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.CertificateError as error:
            errors = error.messages
        else:
            messages.success(request, _("証明書を失効させました。検証ページにも表示されます。"))
            return redirect("certificates:staff_detail", code=certificate.verification_code)
    errors += [message for field_errors in form.errors.values() for message in field_errors]
    return render(
        request,
        "certificates/staff/detail.html",
        {
            "certificate": certificate,
            "form": form,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
