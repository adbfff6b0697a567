"""Small staff forms: the inbox filter and the case actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.models import Submission


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状態"), required=False, choices=[("", _("すべて")), *Submission.Status.choices]
    )
    procedure = forms.ChoiceField(label=_("手続"), required=False, choices=[("", _("すべて"))])
    received_from = forms.DateField(
        label=_("受付日（から）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("受付日（まで）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("処理期限を過ぎたもののみ"), required=False)
    mine = forms.BooleanField(label=_("自分の担当のみ"), required=False)

    def __init__(self, *args, procedures: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [("", _("すべて")), *procedures]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            raise forms.ValidationError(_("受付日の範囲が正しくありません（開始日が終了日より後です）。"))
        return cleaned


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("新しい状態"), choices=Submission.Status.choices)
    reason = forms.CharField(
        label=_("理由（申請者に表示されます）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class TextForm(forms.Form):
    body = forms.CharField(label=_("本文"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
