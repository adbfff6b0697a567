"""Staff pages of the chatbot: FAQ editor, inquiries, guided flows, and the weekly dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import staff_required
from madoguchi.audit.services import record_event
from madoguchi.chatbot import selectors, services
from madoguchi.chatbot.forms import FAQForm, FlowForm, ReplyForm, VariantForm
from madoguchi.chatbot.models import FAQ, Flow, Inquiry
from madoguchi.organization import selectors as org_selectors
from madoguchi.procedures import selectors as procedure_selectors


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """週ごとの分析 — unanswered, low-rated and top questions, each one click from an FAQ or variant."""
    return render(
        request,
        "chatbot/staff/dashboard.html",
        {
            "weeks": selectors.weekly_insights(),
            "faq_choices": selectors.faq_choices(),
            "open_inquiries": selectors.inquiries(status=Inquiry.Status.OPEN).count(),
        },
    )


@staff_required
@require_POST
def make_faq(request: HttpRequest) -> HttpResponse:
    form = VariantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("質問を読み取れませんでした。"))
        return redirect("chatbot:staff_dashboard")
    faq = services.draft_from_question(question=form.cleaned_data["question"], lang=form.cleaned_data["lang"])
    messages.success(request, _("下書きのFAQを作りました。回答を書いて公開してください。"))
    return redirect("chatbot:staff_faq", key=faq.key)


@staff_required
@require_POST
def add_variant(request: HttpRequest) -> HttpResponse:
    form = VariantForm(request.POST)
    faq = FAQ.objects.filter(key=form.data.get("faq", "")).first()
    if not form.is_valid() or faq is None:
        messages.error(request, _("追加先のFAQを選んでください。"))
        return redirect("chatbot:staff_dashboard")
    lang = "ja" if form.cleaned_data["lang"] == "easy_ja" else form.cleaned_data["lang"]
    services.add_variant(faq=faq, text=form.cleaned_data["question"], lang=lang)
    messages.success(request, _("「%(faq)s」の言い換えに追加しました。") % {"faq": faq})
    return redirect("chatbot:staff_dashboard")


@staff_required
def faq_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:100]
    outdated = request.GET.get("outdated") == "1"
    faqs = selectors.faqs_for_staff(status=status, q=q, outdated=outdated)
    return render(
        request,
        "chatbot/staff/faq_list.html",
        {
            "faqs": faqs[:500],
            "status": status,
            "q": q,
            "outdated": outdated,
            "statuses": FAQ.Status.choices,
            "total": len(faqs),
        },
    )


@staff_required
def faq_edit(request: HttpRequest, key: str | None = None) -> HttpResponse:
    faq = None
    if key is not None:
        faq = FAQ.objects.filter(key=key).first()
        if faq is None:
            raise Http404
    municipality = org_selectors.home_municipality()
    departments = (
        org_selectors.departments_on(municipality).filter(parent__isnull=False).order_by("sort_order")
    )
    codes = set(procedure_selectors.published_procedures().values_list("code", flat=True))
    form = FAQForm(request.POST or None, instance=faq, departments=departments, procedure_codes=codes)
    if request.method == "POST" and form.is_valid():
        saved = services.save_faq(
            faq=form.save(commit=False), translations_confirmed=form.cleaned_data["translations_confirmed"]
        )
        record_event(
            action="chatbot.faq_saved", actor=request.user, object_type="chatbot.faq", object_id=saved.key
        )
        messages.success(request, _("FAQを保存しました。"))
        return redirect("chatbot:staff_faq", key=saved.key)
    return render(request, "chatbot/staff/faq_edit.html", {"form": form, "faq": faq})


@staff_required
def inquiry_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Inquiry.Status.OPEN)
    status = status if status in Inquiry.Status.values or status == "" else Inquiry.Status.OPEN
    return render(
        request,
        "chatbot/staff/inquiry_list.html",
        {
            "inquiries": selectors.inquiries(status=status)[:200],
            "status": status,
            "statuses": Inquiry.Status.choices,
        },
    )


@staff_required
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiries().filter(pk=pk).first()
    if inquiry is None:
        raise Http404
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reply_to_inquiry(inquiry=inquiry, text=form.cleaned_data["reply"], staff=request.user)
        record_event(
            action="chatbot.inquiry_replied",
            actor=request.user,
            object_type="chatbot.inquiry",
            object_id=str(pk),
        )
        messages.success(request, _("回答を送りました。"))
        return redirect("chatbot:staff_inquiry", pk=pk)
    # The transcript and address are what a resident wrote: reading them is audited.
    record_event(
        action="chatbot.inquiry_read",
        actor=request.user,
        object_type="chatbot.inquiry",
        object_id=str(pk),
        purpose="問い合わせへの回答",
    )
    return render(request, "chatbot/staff/inquiry_detail.html", {"inquiry": inquiry, "form": form})


@staff_required
def flow_list(request: HttpRequest) -> HttpResponse:
    return render(request, "chatbot/staff/flow_list.html", {"flows": Flow.objects.all()})


@staff_required
def flow_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    flow = None
    if code is not None:
        flow = Flow.objects.filter(code=code).first()
        if flow is None:
            raise Http404
    form = FlowForm(request.POST or None, instance=flow)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        record_event(
            action="chatbot.flow_saved", actor=request.user, object_type="chatbot.flow", object_id=saved.code
        )
        messages.success(request, _("案内フローを保存しました。"))
        return redirect("chatbot:staff_flow", code=saved.code)
    return render(request, "chatbot/staff/flow_edit.html", {"form": form, "flow": flow})
