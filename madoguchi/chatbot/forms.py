"""Forms of the chatbot pages: asking, escalating, and the staff's FAQ and flow editors."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.chatbot import flows, markup
from madoguchi.chatbot.models import FAQ, LANGUAGES, REQUIRED_LANGUAGES, Flow


class StyledForm:
    """Gives every widget the design system's class (md-input, md-textarea, md-select)."""

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            css = (
                "md-textarea"
                if isinstance(widget, forms.Textarea)
                else "md-select"
                if isinstance(widget, forms.Select)
                else "md-input"
            )
            widget.attrs.setdefault("class", css)


class AskForm(forms.Form):
    q = forms.CharField(label=_("質問"), required=False, max_length=10_000)
    lang = forms.ChoiceField(label=_("回答の言語"), choices=list(LANGUAGES.items()), required=False)


class InquiryForm(StyledForm, forms.Form):
    question = forms.CharField(
        label=_("お問い合わせ内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    email = forms.EmailField(
        label=_("回答を受け取るメールアドレス（任意）"),
        required=False,
        help_text=_("入力しない場合は、受付後に表示されるページで回答を確認できます。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ReplyForm(StyledForm, forms.Form):
    reply = forms.CharField(label=_("回答"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class VariantForm(forms.Form):
    question = forms.CharField(max_length=500)
    lang = forms.ChoiceField(choices=list(LANGUAGES.items()))
    faq = forms.SlugField(required=False)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FAQForm(StyledForm, forms.ModelForm):
    """Edit an FAQ: one question, variant list and answer per language, checked before publishing."""

    keywords_text = forms.CharField(label=_("キーワード（読点または空白で区切る）"), required=False)
    translations_confirmed = forms.BooleanField(
        label=_("日本語の回答と同じ内容であることを、ほかの言語の回答すべてで確認しました"),
        required=False,
        help_text=_("チェックして保存すると、すべての言語の「要確認」が解除され、住民に再び表示されます。"),
    )

    class Meta:
        model = FAQ
        fields = [
            "key",
            "topic",
            "topic_en",
            "category",
            "overview",
            "department",
            "procedure_code",
            "valid_from",
            "valid_to",
            "status",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, departments=None, procedure_codes: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure_codes = procedure_codes or set()
        if departments is not None:
            self.fields["department"].queryset = departments
        faq = self.instance
        self.fields["keywords_text"].initial = "、".join(faq.keywords or [])
        for lang, name in LANGUAGES.items():
            required = lang in REQUIRED_LANGUAGES
            self.fields[f"question_{lang}"] = forms.CharField(
                label=_("質問（%(lang)s）") % {"lang": name},
                required=False,
                max_length=500,
                initial=faq.question.get(lang, ""),
            )
            self.fields[f"variants_{lang}"] = forms.CharField(
                label=_("言い換え（%(lang)s、1行に1つ）") % {"lang": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial="\n".join(faq.variants.get(lang, [])),
            )
            self.fields[f"answer_{lang}"] = forms.CharField(
                label=_("回答（%(lang)s）") % {"lang": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=faq.answer.get(lang, ""),
                help_text=_("空行で段落、「- 」で箇条書き、[表示名](/procedures/コード/) でリンク。")
                if required
                else "",
            )

    def language_fields(self):
        """(language name, question, variants, answer, whether its answer is outdated) per language."""
        outdated = set(self.instance.outdated_answers())
        return [
            (
                name,
                self[f"question_{lang}"],
                self[f"variants_{lang}"],
                self[f"answer_{lang}"],
                lang in outdated,
            )
            for lang, name in LANGUAGES.items()
        ]

    def outdated_languages(self) -> list[str]:
        return [LANGUAGES[lang] for lang in self.instance.outdated_answers()]

    def clean(self):
        data = super().clean()
        publishing = data.get("status") == FAQ.Status.PUBLISHED
        for lang in LANGUAGES:
            answer = data.get(f"answer_{lang}", "")
            for _label, url in markup.links(answer):
                if not markup.is_safe_url(url):
                    self.add_error(
                        f"answer_{lang}",
                        _("リンク先 %(url)s は使えません。/procedures/… か https:// にしてください。")
                        % {"url": url},
                    )
                procedure = markup.PROCEDURE_LINK.match(url)
                if procedure and procedure.group(1) not in self.procedure_codes:
                    self.add_error(
                        f"answer_{lang}",
                        _("手続 %(code)s は手続一覧にありません。") % {"code": procedure.group(1)},
                    )
            if publishing and lang in REQUIRED_LANGUAGES:
                for part in ("question", "answer"):
                    if not data.get(f"{part}_{lang}"):
                        self.add_error(f"{part}_{lang}", _("公開するには入力が必要です。"))
        code = data.get("procedure_code")
        if code and code not in self.procedure_codes:
            self.add_error("procedure_code", _("手続一覧にないコードです。"))
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("掲載終了日は掲載開始日以降にしてください。"))
        return data

    def save(self, commit: bool = True) -> FAQ:
        faq = super().save(commit=False)
        data = self.cleaned_data
        faq.keywords = [
            word
            for word in data.get("keywords_text", "").replace("、", " ").replace(",", " ").split()
            if word
        ]
        faq.question = {
            lang: data[f"question_{lang}"].strip()
            for lang in LANGUAGES
            if data.get(f"question_{lang}", "").strip()
        }
        faq.answer = {
            lang: data[f"answer_{lang}"].strip()
            for lang in LANGUAGES
            if data.get(f"answer_{lang}", "").strip()
        }
        faq.variants = {
            lang: _lines(data.get(f"variants_{lang}", ""))
            for lang in LANGUAGES
            if _lines(data.get(f"variants_{lang}", ""))
        }
        return faq


class FlowForm(StyledForm, forms.ModelForm):
    definition_text = forms.CharField(label=_("定義（JSON）"), widget=forms.Textarea(attrs={"rows": 24}))
    title_ja = forms.CharField(label=_("題名"), max_length=80)
    title_en = forms.CharField(label=_("題名（英語）"), max_length=80, required=False)

    class Meta:
        model = Flow
        fields = ["code", "is_active", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition_text"].initial = json.dumps(
            self.instance.definition or {"steps": [], "results": []}, ensure_ascii=False, indent=2
        )
        self.fields["title_ja"].initial = (self.instance.title or {}).get("ja", "")
        self.fields["title_en"].initial = (self.instance.title or {}).get("en", "")
        self.style()

    def clean_definition_text(self):
        try:
            definition = json.loads(self.cleaned_data["definition_text"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("JSON として読めません（%(line)s 行目）。") % {"line": error.lineno}
            ) from error
        try:
            flows.validate(definition)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return definition

    def save(self, commit: bool = True) -> Flow:
        flow = super().save(commit=False)
        flow.definition = self.cleaned_data["definition_text"]
        flow.title = {
            k: v
            for k, v in {"ja": self.cleaned_data["title_ja"], "en": self.cleaned_data["title_en"]}.items()
            if v
        }
        if commit:
            flow.save()
        return flow
