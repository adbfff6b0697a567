"""Staff editor forms: the definition is JSON typed into a textarea, checked by the engine."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.formbuilder.engine import DefinitionError, FormSpec, parse_definition
from madoguchi.formbuilder.selectors import form_by_code


class DesignSystemForm(forms.Form):
    """Connects each control to its hint and error (``aria-describedby``) the way the DS asks."""

    prefix = "editor"

    def full_clean(self) -> None:
        super().full_clean()
        for bound in self:
            ids = [f"{bound.id_for_label}_hint"] if bound.help_text else []
            if bound.errors:
                ids.append(f"{bound.id_for_label}_error")
                bound.field.widget.attrs["aria-invalid"] = "true"
            if ids:
                bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


class DefinitionForm(DesignSystemForm):
    definition = forms.CharField(
        label=_("定義（JSON）"),
        help_text=_("書き方は docs/forms.md を参照してください。"),
        widget=forms.Textarea(attrs={"class": "md-textarea md-fb-json", "rows": 24, "spellcheck": "false"}),
    )

    spec: FormSpec | None = None

    def clean_definition(self) -> dict[str, Any]:
        text = self.cleaned_data["definition"]
        try:
            definition = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("JSONの書式が正しくありません（%(line)d行目%(column)d文字目）"),
                params={"line": error.lineno, "column": error.colno},
            ) from None
        try:
            self.spec = parse_definition(definition)
        except DefinitionError as error:
            raise forms.ValidationError(error.messages) from None
        return definition


class NewFormForm(DefinitionForm):
    code = forms.SlugField(
        label=_("フォームコード"),
        max_length=60,
        help_text=_("英小文字・数字・ハイフン。URLやAPIで使います（例：juminhyo）。"),
        widget=forms.TextInput(attrs={"class": "md-input", "autocomplete": "off"}),
    )
    title = forms.CharField(
        label=_("名称"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "md-input", "autocomplete": "off"}),
    )
    title_en = forms.CharField(
        label=_("名称（英語）"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "md-input", "autocomplete": "off"}),
    )

    field_order = ["code", "title", "title_en", "definition"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if code == "new":  # /staff/forms/new/ is the page that creates forms
            raise forms.ValidationError(_("「new」はフォームコードに使えません"))
        if form_by_code(code) is not None:
            raise forms.ValidationError(_("このフォームコードはすでに使われています"))
        return code
