"""Staff pages: recent payments, one payment with its refunds, the daily reconciliation CSV."""

from __future__ import annotations

import csv
import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.accounts.decorators import recent_authentication_required, role_required
from madoguchi.payments import reconciliation, selectors, services


class RefundForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("還付額（円）"), min_value=1)
    reason = forms.CharField(
        label=gettext_lazy("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    key = forms.CharField(widget=forms.HiddenInput)


class DayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("日付"), widget=forms.DateInput(attrs={"type": "date"}))


@role_required(*selectors.STAFF_ROLES)
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "payments/staff/list.html",
        {
            "payments": selectors.recent_payments(request.user),
            "day_form": DayForm(initial={"day": timezone.localdate()}),
        },
    )


@role_required(*selectors.STAFF_ROLES)
@require_http_methods(["GET", "POST"])
@recent_authentication_required(methods=("POST",))
def payment_detail(request: HttpRequest, payment_id) -> HttpResponse:
    """One payment, its refunds, and the refund form (還付: full or partial, with a reason)."""
    payment = selectors.payment_for_staff(request.user, payment_id, purpose="支払・還付の確認")
    if payment is None:
        raise Http404
    form = RefundForm(initial={"amount": payment.refundable_amount or None, "key": uuid.uuid4().hex})
    refund_error = ""
    if request.method == "POST":
        form = RefundForm(request.POST)
        if form.is_valid():
            try:
                services.refund(
                    payment=payment,
                    amount=form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                    idempotency_key=f"staff-refund:{form.cleaned_data['key']}",
                )
            except services.PaymentError as error:
                refund_error = str(error)
            else:
                messages.success(request, _("還付しました。"))
                return redirect("payments:staff_detail", payment_id=payment.pk)
    return render(
        request,
        "payments/staff/detail.html",
        {
            "payment": payment,
            "refunds": selectors.refunds_of(payment),
            "form": form,
            "refund_error": refund_error,
        },
    )


@role_required(*selectors.STAFF_ROLES)
@require_GET
@recent_authentication_required
def reconciliation_csv(request: HttpRequest) -> HttpResponse:
    """日次照合 CSV for 会計課, UTF-8 with a byte-order mark so that Excel reads the Japanese."""
    form = DayForm(request.GET or None)
    day: dt.date = form.cleaned_data["day"] if form.is_valid() else timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{day:%Y%m%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(reconciliation.HEADER)
    writer.writerows(reconciliation.rows(day, selectors.staff_reach(request.user)))
    return response
