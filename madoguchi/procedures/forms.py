"""The two GET forms of the public pages: the catalogue search and a life event's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from madoguchi.procedures.models import LifeEvent, Procedure


class ProcedureSearchForm(forms.Form):
    """手続の検索 — every field optional: an empty search lists the whole catalogue."""

    q = forms.CharField(
        label=gettext_lazy("キーワード"),
        max_length=100,
        required=False,
        error_messages={"max_length": gettext_lazy("キーワードは100文字以内で入力してください。")},
    )
    category = forms.ChoiceField(
        label=gettext_lazy("分類"),
        required=False,
        choices=[("", gettext_lazy("すべての分類")), *Procedure.Category.choices],
        error_messages={"invalid_choice": gettext_lazy("分類は一覧から選んでください。")},
    )


def _in_page_language(japanese: str, english: str) -> str:
    return english if get_language() == "en" and english else japanese


class LifeEventAnswersForm(forms.Form):
    """ライフイベントの質問 — one required radio group per question of the event."""

    def __init__(self, event: LifeEvent, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in event.questions:
            text = _in_page_language(question["text"], question.get("text_en", ""))
            self.fields[question["key"]] = forms.ChoiceField(
                label=text,
                choices=[(value, _in_page_language(ja, en)) for value, ja, en in question["choices"]],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("「%(question)s」への答えを選んでください。") % {"question": text},
                    "invalid_choice": _("「%(question)s」の答えは選択肢から選んでください。")
                    % {"question": text},
                },
            )
