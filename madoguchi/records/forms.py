"""Staff forms for records: receipt registration, files, retention changes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReceiptForm(forms.Form):
    department = forms.TypedChoiceField(label=_("収受する課"), coerce=int)
    received_on = forms.DateField(label=_("収受日"), widget=forms.DateInput(attrs={"type": "date"}))
    sender = forms.CharField(label=_("差出人"), max_length=200)
    title = forms.CharField(label=_("件名"), max_length=200)
    file = forms.TypedChoiceField(label=_("綴るファイル"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, departments, files, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments
        self.fields["file"].choices = [("", _("指定しない")), *files]


class FileForm(forms.Form):
    department = forms.TypedChoiceField(label=_("担当課"), coerce=int)
    file_class = forms.TypedChoiceField(label=_("文書分類（ファイル基準表）"), coerce=int)
    title = forms.CharField(label=_("ファイル名"), max_length=200)
    fiscal_year = forms.IntegerField(label=_("作成年度（西暦）"), min_value=1950, max_value=2100)

    def __init__(self, *args, departments, file_classes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments
        self.fields["file_class"].choices = file_classes


class RetentionForm(forms.Form):
    """完結・延長・停止 on one file page: ``op`` says which."""

    op = forms.ChoiceField(
        choices=[("complete", "complete"), ("extend", "extend"), ("hold", "hold"), ("release", "release")],
        widget=forms.HiddenInput,
    )
    fiscal_year = forms.IntegerField(
        label=_("完結年度（西暦）"), required=False, min_value=1950, max_value=2100
    )
    years = forms.IntegerField(label=_("延長する年数"), required=False, min_value=1, max_value=30)
    reason = forms.CharField(label=_("理由"), max_length=300, required=False)
