"""Staff pages: find an issued certificate by its code and revoke it with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from madoguchi.accounts.decorators import recent_authentication_required, role_required
from madoguchi.certificates import selectors, services
from madoguchi.certificates.forms import RevokeForm


@role_required(*selectors.STAFF_ROLES)
def certificate_list(request: HttpRequest) -> HttpResponse:
    """The latest certificates of the kinds the staff member's departments issue, and a code search."""
    code = request.GET.get("code", "").strip()
    if code:
        certificate = selectors.certificate_for_staff(request.user, code, purpose="証明書の検索")
        if certificate is not None:
            return redirect("certificates:staff_detail", code=certificate.verification_code)
        messages.error(request, _("その検証コードの証明書はありません。"))
    return render(
        request,
        "certificates/staff/list.html",
        {"certificates": selectors.recent_certificates(request.user), "code": code},
    )


@role_required(*selectors.STAFF_ROLES)
@recent_authentication_required(methods=("POST",))
def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One certificate of the staff member's departments; officers and heads may revoke it (失効)."""
    certificate = selectors.certificate_for_staff(request.user, code, purpose="証明書の確認")
    if certificate is None:
        raise Http404
    may_revoke = selectors.may_revoke(request.user, certificate)
    if request.method == "POST" and not may_revoke:
        raise PermissionDenied
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
            "may_revoke": may_revoke,
        },
        status=400 if errors else 200,
    )
