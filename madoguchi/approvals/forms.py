"""Staff forms for drafting, routing and acting on drafts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.approvals.models import Disclosure, Stage
from madoguchi.records.selectors import RETENTION_CHOICES


class DraftForm(forms.Form):
    """起案 — the document and its handling (classification, retention, disclosure)."""

    title = forms.CharField(label=_("件名"), max_length=200)
    body = forms.CharField(
        label=_("本文（伺い文・理由）"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    department = forms.TypedChoiceField(label=_("担当課"), coerce=int)
    matter = forms.TypedChoiceField(
        label=_("決裁区分（専決規程）"), coerce=int, required=False, empty_value=None
    )
    file_class = forms.TypedChoiceField(
        label=_("文書分類（ファイル基準表）"), coerce=int, required=False, empty_value=None
    )
    retention = forms.TypedChoiceField(
        label=_("保存期間"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("文書分類に従う")), *RETENTION_CHOICES],
    )
    disclosure = forms.ChoiceField(
        label=_("公開区分"), choices=Disclosure.choices, widget=forms.RadioSelect, initial=Disclosure.PUBLIC
    )
    disclosure_ground = forms.CharField(
        label=_("部分公開・非公開の根拠（情報公開条例の条項など）"), max_length=300, required=False
    )
    attachment = forms.FileField(label=_("添付文書"), required=False)

    def __init__(self, *args, departments, matters, file_classes, with_matter: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments
        self.fields["matter"].choices = [("", _("選択してください")), *matters]
        self.fields["file_class"].choices = [("", _("分類しない")), *file_classes]
        if not with_matter:
            del self.fields["matter"]
            del self.fields["department"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("disclosure") in (Disclosure.PARTIAL, Disclosure.CLOSED)
            and not cleaned.get("disclosure_ground", "").strip()
        ):
            self.add_error(
                "disclosure_ground", _("部分公開・非公開とする場合は、その根拠を入力してください。")
            )
        if "matter" in self.fields and not cleaned.get("matter"):
            self.add_error("matter", _("決裁区分を選んでください。"))
        return cleaned


class StageForm(forms.Form):
    """A stage added in the route editor: who (one post, or several for 合議) and how."""

    kind = forms.ChoiceField(label=_("段階の種類"), choices=Stage.Kind.choices)
    mode = forms.ChoiceField(label=_("合議の方式"), choices=Stage.Mode.choices, initial=Stage.Mode.ALL)
    members = forms.TypedMultipleChoiceField(
        label=_("担当者（所属・職）"), coerce=int, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    position = forms.IntegerField(label=_("挿入位置（段階番号、空欄は最後）"), required=False, min_value=1)

    def __init__(self, *args, memberships, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = memberships


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(label=_("不在開始日"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("不在終了日"), widget=forms.DateInput(attrs={"type": "date"}))
    stand_in = forms.TypedChoiceField(label=_("代決者"), coerce=int)
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)

    def __init__(self, *args, staff_choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stand_in"].choices = staff_choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("不在終了日は不在開始日以降の日付にしてください。"))
        return cleaned


class PaperDecisionForm(forms.Form):
    """紙決裁の記録 — so the paperless figures compare electronic and paper decisions."""

    title = forms.CharField(label=_("件名"), max_length=200)
    department = forms.TypedChoiceField(label=_("担当課"), coerce=int)
    drafted_on = forms.DateField(label=_("起案日"), widget=forms.DateInput(attrs={"type": "date"}))
    decided_on = forms.DateField(label=_("決裁日"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, departments, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments


class CaseOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("決裁されたときの処分"),
        widget=forms.RadioSelect,
        choices=[("completed", _("完了（認める）")), ("rejected", _("却下（認めない）"))],
        initial="completed",
    )
