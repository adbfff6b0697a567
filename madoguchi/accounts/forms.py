from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class StaffAuthenticationForm(AuthenticationForm):
    """Username + password, for staff accounts only.

    A resident account gets the same message as a wrong password, so the page does not reveal
    which usernames exist or what kind they are.
    """

    username = forms.CharField(
        label=_("職員ID"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "class": "md-input"}
        ),
    )
    password = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "md-input"}),
    )

    error_messages = {
        "invalid_login": _("職員IDまたはパスワードが正しくありません。"),
        "inactive": _("このアカウントは利用できません。"),
    }

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not user.is_staff_member:
            raise self.get_invalid_login_error()


class OneTimePasswordForm(forms.Form):
    """The six digits of the authenticator app, or one recovery code."""

    token = forms.CharField(
        label=_("確認コード"),
        max_length=16,
        help_text=_("認証アプリに表示されている6桁の数字、またはリカバリーコードを入力してください。"),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "class": "md-input md-input--short",
            }
        ),
    )


class ReauthenticationForm(OneTimePasswordForm):
    """Password and one-time password again, before a sensitive action (再認証)."""

    password = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "md-input"}),
    )
    field_order = ["password", "token"]


class RoleAssignmentForm(forms.Form):
    """A system administrator gives a staff member a role (役割の付与)."""

    username = forms.CharField(
        label=_("職員ID"), max_length=150, widget=forms.TextInput(attrs={"class": "md-input"})
    )
    role = forms.ChoiceField(label=_("役割"), widget=forms.Select(attrs={"class": "md-select"}))
    department = forms.ModelChoiceField(
        label=_("組織（空欄はすべての組織）"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs={"class": "md-select"}),
    )
    valid_from = forms.DateField(
        label=_("適用開始日"), widget=forms.DateInput(attrs={"type": "date", "class": "md-input"})
    )
    valid_to = forms.DateField(
        label=_("適用終了日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "md-input"}),
    )

    def __init__(self, *args, departments, **kwargs) -> None:
        from madoguchi.accounts.models import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value != Role.RESIDENT
        ]
        self.fields["department"].queryset = departments

    def clean_username(self):
        from madoguchi.accounts.selectors import staff_by_username

        user = staff_by_username(self.cleaned_data["username"].strip())
        if user is None:
            raise forms.ValidationError(_("この職員IDの職員は見つかりません。"))
        return user


class _AnotherStaffMemberForm(forms.Form):
    """A system administrator acting on another staff member's account, with a reason.

    Never one's own account: otherwise one stolen administrator session could swap in the
    thief's phone, or an administrator lock everyone out. Subclasses say so in their words.
    """

    OWN_ACCOUNT_MESSAGE = ""

    username = forms.CharField(
        label=_("職員ID"), max_length=150, widget=forms.TextInput(attrs={"class": "md-input"})
    )

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_username(self):
        from madoguchi.accounts.selectors import staff_by_username

        user = staff_by_username(self.cleaned_data["username"].strip())
        if user is None:
            raise forms.ValidationError(_("この職員IDの職員は見つかりません。"))
        if user.pk == self.actor.pk:
            raise forms.ValidationError(self.OWN_ACCOUNT_MESSAGE)
        return user


class MfaResetForm(_AnotherStaffMemberForm):
    """A system administrator resets a staff member's lost authenticator (多要素認証の再設定)."""

    OWN_ACCOUNT_MESSAGE = _("自分の認証アプリは、別のシステム管理者に再設定を依頼してください。")

    reason = forms.CharField(
        label=_("理由（本人確認の方法を含めて）"),
        max_length=500,
        widget=forms.Textarea(attrs={"class": "md-textarea", "rows": 3}),
    )


class StaffAccountStatusForm(_AnotherStaffMemberForm):
    """A system administrator stops or reopens a staff account (利用停止・再開)."""

    OWN_ACCOUNT_MESSAGE = _("自分のアカウントは、別のシステム管理者に操作を依頼してください。")
    ACTIONS = (("deactivate", _("利用を停止する")), ("reactivate", _("利用を再開する")))

    action = forms.ChoiceField(label=_("操作"), choices=ACTIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"class": "md-textarea", "rows": 3}),
    )
