"""Residents' chatbot pages: ask, read an FAQ, follow a guided flow, ask staff, and the LINE webhook.

Every page works without JavaScript; the widget on every page (``chatbot/_widget.html`` and
``chatbot.js``) only shortens the way to the same answers through the JSON API.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from madoguchi.chatbot import flows as flow_engine
from madoguchi.chatbot import line, markup, selectors, services
from madoguchi.chatbot.forms import AskForm, InquiryForm
from madoguchi.chatbot.models import LANGUAGES, Channel
from madoguchi.core import context


def _default_lang(request: HttpRequest) -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def ask_page(request: HttpRequest) -> HttpResponse:
    """質問する — the plain question and answer page (the widget's no-JavaScript twin)."""
    form = AskForm(request.GET or None, initial={"lang": _default_lang(request)})
    reply = None
    limited = False
    lang = _default_lang(request)
    if form.is_bound and form.is_valid():
        lang = form.cleaned_data["lang"] or lang
        limited = not services.allow(f"ip:{context.client_ip.get() or 'unknown'}")
        if not limited:
            reply = services.ask(question=form.cleaned_data["q"], lang=lang, channel=Channel.WEB)
    candidates = []
    if reply is not None:
        shown = reply.answers.candidates if reply.answers.confident else reply.answers.candidates[:3]
        candidates = [
            {
                "faq": c.faq,
                "question": c.faq.text("question", lang),
                "answer": markup.to_html(c.faq.text("answer", lang)),
            }
            for c in shown
        ]
    return render(
        request,
        "chatbot/ask.html",
        {
            "form": form,
            "reply": reply,
            "limited": limited,
            "candidates": candidates,
            "token": services.log_token(reply.log) if reply and reply.log else "",
            "flows": [(flow, flow_engine.localized(flow.title, lang)) for flow in selectors.flows()],
        },
    )


def faq_detail(request: HttpRequest, key: str) -> HttpResponse:
    faq = selectors.published_faq(key)
    if faq is None:
        raise Http404
    lang = request.GET.get("lang") if request.GET.get("lang") in LANGUAGES else _default_lang(request)
    languages = [(code, name) for code, name in LANGUAGES.items() if faq.question.get(code)]
    return render(
        request,
        "chatbot/faq.html",
        {
            "faq": faq,
            "lang": lang,
            "languages": languages,
            "question": faq.text("question", lang),
            "answer": markup.to_html(faq.text("answer", lang)),
        },
    )


def flow_page(request: HttpRequest, code: str) -> HttpResponse:
    """案内フロー — one question at a time; the answers so far travel in the query string."""
    flow = selectors.flow_by_code(code)
    if flow is None:
        raise Http404
    lang = _default_lang(request)
    step_names = [step["name"] for step in flow.definition.get("steps", [])]
    answers = {name: request.GET[name] for name in step_names if request.GET.get(name)}
    state = flow_engine.advance(flow.definition, answers, lang)
    return render(
        request,
        "chatbot/flow.html",
        {
            "flow": flow,
            "title": flow_engine.localized(flow.title, lang),
            "state": state,
            "answers": answers,
            "procedure_urls": [f"/procedures/{code}/" for code in state.procedures],
        },
    )


def inquire(request: HttpRequest) -> HttpResponse:
    """職員に問い合わせる — hand the question to the responsible department."""
    log = services.log_from_token(request.GET.get("log", ""))
    initial = {"question": log.question} if log else {}
    form = InquiryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        inquiry = services.open_inquiry(
            question=form.cleaned_data["question"],
            lang=_default_lang(request),
            channel=Channel.WEB,
            email=form.cleaned_data["email"],
        )
        return redirect("chatbot:inquiry", token=inquiry.token)
    return render(request, "chatbot/inquire.html", {"form": form})


def inquiry_status(request: HttpRequest, token: str) -> HttpResponse:
    inquiry = selectors.inquiry_by_token(token)
    if inquiry is None:
        raise Http404
    return render(request, "chatbot/inquiry.html", {"inquiry": inquiry})


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    log = services.log_from_token(request.POST.get("token", ""))
    if log is None or request.POST.get("resolved") not in {"yes", "no"}:
        return HttpResponseBadRequest(_("評価を受け付けられませんでした。"))
    services.record_feedback(log_id=log.pk, resolved=request.POST["resolved"] == "yes")
    messages.success(request, _("ご協力ありがとうございました。"))
    if request.POST["resolved"] == "no":
        return redirect(reverse("chatbot:inquire") + "?" + urlencode({"log": services.log_token(log)}))
    return redirect("chatbot:ask")


@csrf_exempt
@require_POST
def line_webhook(request: HttpRequest) -> HttpResponse:
    """LINE's webhook: 400 for a bad signature (LINE treats it as a failed delivery), else 200."""
    try:
        line.handle_webhook(
            body=request.body.decode("utf-8"), signature=request.headers.get("X-Line-Signature", "")
        )
    except (line.SignatureError, UnicodeDecodeError):
        return HttpResponseBadRequest("invalid signature")
    return HttpResponse("OK")
