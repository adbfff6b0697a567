"""Forms of the open-data pages: the public search and the editor's dataset, upload and link forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.opendata.models import Dataset, Group
from madoguchi.opendata.standards import STANDARD_DATASETS

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class DatasetSearchForm(forms.Form):
    """データセットの検索 — a keyword plus the facets the result page offers as links."""

    q = forms.CharField(label=_("キーワード"), max_length=100, required=False)
    organization = forms.SlugField(required=False)
    groups = forms.SlugField(required=False)
    tags = forms.CharField(max_length=100, required=False)
    res_format = forms.CharField(max_length=20, required=False)
    license_id = forms.CharField(max_length=40, required=False)
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)


def _standard_choices() -> list[tuple[str, str]]:
    return [("", _("なし")), *((item.code, item.title) for item in STANDARD_DATASETS)]


class DatasetForm(forms.ModelForm):
    """データセットの登録・編集 — the catalogue record; tags are written comma-separated."""

    tags_text = forms.CharField(
        label=_("タグ"), required=False, max_length=500, help_text=_("読点（、）またはカンマで区切ります。")
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("グループ"), queryset=Group.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    standard_code = forms.ChoiceField(label=_("自治体標準オープンデータセット"), required=False)

    class Meta:
        model = Dataset
        fields = [
            "name",
            "title",
            "title_en",
            "notes",
            "organization",
            "license_id",
            "frequency",
            "spatial",
            "temporal_start",
            "temporal_end",
            "standard_code",
            "contact_email",
        ]
        widgets = {
            "temporal_start": forms.DateInput(attrs={"type": "date"}),
            "temporal_end": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"name": _("URLに使う半角英数字とハイフン（例 evacuation-sites）。")}

    def __init__(self, *args, organizations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard_code"].choices = _standard_choices()
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        if self.instance.pk:
            self.fields["tags_text"].initial = "、".join(tag.name for tag in self.instance.tags.all())
            self.fields["groups"].initial = list(self.instance.groups.all())

    def tag_names(self) -> list[str]:
        text = self.cleaned_data.get("tags_text", "").replace("、", ",")
        return [part.strip() for part in text.split(",") if part.strip()]


class UploadForm(forms.Form):
    """ファイルの登録 — a CSV (UTF-8 or Shift_JIS) or Excel file, or any other file."""

    name = forms.CharField(label=_("リソース名"), max_length=200)
    file = forms.FileField(
        label=_("ファイル"), help_text=_("CSV（UTF-8またはShift_JIS）、Excel、その他の形式")
    )
    schema_code = forms.ChoiceField(label=_("検証に使うスキーマ"), required=False)
    description = forms.CharField(label=_("説明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schema_code"].choices = _standard_choices()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("ファイルは200MB以下にしてください。"))
        return upload


class LinkForm(forms.Form):
    """リンクの追加 — data published on another site."""

    name = forms.CharField(label=_("リソース名"), max_length=200)
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    format = forms.CharField(label=_("形式"), max_length=20, required=False, help_text=_("例 CSV、PDF、API"))
