"""The sandbox's card step: choose a fictional card holder and enter the card's PIN."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CardSignInForm(forms.Form):
    """Which card is "held to the phone", and its 利用者証明用電子証明書 PIN (暗証番号).

    Any four digits are accepted, as the sandbox has no real certificate to unlock; anything else
    is refused as the card would be. ``[0-9]``, not ``\\d``, so full-width digits are refused too.
    """

    persona = forms.ChoiceField(
        label=_("カードの持ち主"),
        error_messages={
            "required": _("カードの持ち主を選んでください。"),
            "invalid_choice": _("カードの持ち主を一覧から選んでください。"),
        },
    )
    pin = forms.CharField(
        label=_("暗証番号（数字4桁）"),
        strip=False,
        validators=[RegexValidator(r"^[0-9]{4}\Z", _("暗証番号は数字4桁で入力してください。"))],
        error_messages={"required": _("暗証番号を入力してください。")},
    )

    def __init__(self, *args: object, persona_codes: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["persona"].choices = [(code, code) for code in persona_codes]
