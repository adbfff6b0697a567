"""Staff editor for forms (フォーム編集): list, create, edit with live preview, publish."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import staff_required
from madoguchi.formbuilder import selectors, services
from madoguchi.formbuilder.engine import field_stats, parse_definition
from madoguchi.formbuilder.forms import DefinitionForm, NewFormForm
from madoguchi.formbuilder.models import Form

STARTER_DEFINITION = {
    "steps": [
        {
            "key": "applicant",
            "title": {"ja": "申請者", "en": "Applicant"},
            "fields": [
                {
                    "key": "name",
                    "type": "japanese_name",
                    "label": {"ja": "氏名", "en": "Name"},
                    "required": True,
                }
            ],
        }
    ]
}


def _form_or_404(code: str) -> Form:
    form = selectors.form_by_code(code)
    if form is None:
        raise Http404
    return form


def _pretty(definition: dict) -> str:
    return json.dumps(definition, ensure_ascii=False, indent=2)


@staff_required
def form_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for form in selectors.all_forms():
        current = selectors.current_version(form.code)
        rows.append(
            {
                "form": form,
                "latest": selectors.latest_version(form),
                "current": current,
                "stats": field_stats(parse_definition(current.definition)) if current else None,
            }
        )
    return render(request, "formbuilder/list.html", {"rows": rows})


@staff_required
def form_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        editor = NewFormForm(request.POST)
        if editor.is_valid():
            version = services.create_form(
                code=editor.cleaned_data["code"],
                title=editor.cleaned_data["title"],
                title_en=editor.cleaned_data["title_en"],
                definition=editor.cleaned_data["definition"],
                actor=request.user,
            )
            messages.success(
                request, _("フォーム「%(title)s」を作成し、第1版を公開しました") % {"title": version.form}
            )
            return redirect("formbuilder:detail", code=version.form.code)
    else:
        editor = NewFormForm(initial={"definition": _pretty(STARTER_DEFINITION)})
    return render(request, "formbuilder/new.html", {"editor": editor})


@staff_required
def form_detail(request: HttpRequest, code: str) -> HttpResponse:
    form = _form_or_404(code)
    current = selectors.current_version(code)
    return render(
        request,
        "formbuilder/detail.html",
        {"form": form, "versions": selectors.versions(form), "current": current},
    )


@staff_required
@require_POST
def version_publish(request: HttpRequest, code: str, number: int) -> HttpResponse:
    form = _form_or_404(code)
    version = selectors.versions(form).filter(number=number).first()
    if version is None:
        raise Http404
    services.publish_version(version=version, actor=request.user)
    messages.success(request, _("第%(number)d版を公開しました") % {"number": version.number})
    return redirect("formbuilder:detail", code=code)


@staff_required
def form_edit(request: HttpRequest, code: str) -> HttpResponse:
    """プレビュー re-renders with the definition's errors or every step; 保存 saves a version."""
    form = _form_or_404(code)
    latest = selectors.latest_version(form)
    if request.method != "POST":
        editor = DefinitionForm(
            initial={"definition": _pretty(latest.definition if latest else STARTER_DEFINITION)}
        )
        return render(request, "formbuilder/edit.html", {"form": form, "editor": editor, "latest": latest})
    editor = DefinitionForm(request.POST)
    valid = editor.is_valid()
    if valid and request.POST.get("action") == "save":
        version = services.save_definition(
            form=form, definition=editor.cleaned_data["definition"], actor=request.user
        )
        messages.success(request, _("第%(number)d版として保存しました") % {"number": version.number})
        return redirect("formbuilder:detail", code=code)
    context = {"form": form, "editor": editor, "latest": latest, "spec": editor.spec}
    if editor.spec is not None:
        context["stats"] = field_stats(editor.spec)
    return render(request, "formbuilder/edit.html", context)


@staff_required
@require_POST
def form_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The preview fragment alone, for htmx to swap in while staff type."""
    _form_or_404(code)
    editor = DefinitionForm(request.POST)
    context = {"editor": editor, "spec": editor.spec if editor.is_valid() else None}
    if context["spec"] is not None:
        context["stats"] = field_stats(context["spec"])
    return render(request, "formbuilder/_preview.html", context)
