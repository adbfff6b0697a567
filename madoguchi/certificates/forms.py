"""Forms for requesting a certificate, verifying one and revoking one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.certificates.models import CertificateKind
from madoguchi.certificates.services import MAX_COPIES


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("証明書の種類"),
        choices=CertificateKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("証明書の種類を選んでください。")},
    )
    copies = forms.IntegerField(
        label=_("通数"),
        min_value=1,
        max_value=MAX_COPIES,
        initial=1,
        error_messages={
            "required": _("通数を入力してください。"),
            "invalid": _("通数は半角数字で入力してください。"),
            "min_value": _("通数は1から10通までで指定してください。"),
            "max_value": _("通数は1から10通までで指定してください。"),
        },
    )
    purpose = forms.CharField(
        label=_("使用目的"),
        max_length=100,
        help_text=_("例：金融機関への提出、児童手当の申請"),
        error_messages={
            "required": _("使用目的を入力してください。"),
            "max_length": _("使用目的は100文字以内で入力してください。"),
        },
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("失効の理由"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3, "class": "md-textarea"}),
        error_messages={
            "required": _("失効の理由を入力してください。"),
            "max_length": _("失効の理由は200文字以内で入力してください。"),
        },
    )
