"""Validation of 全国地方公共団体コード (local government codes)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (6, 5, 4, 3, 2)


def local_government_check_digit(first_five: str) -> int:
    """検査数字: 11 minus the weighted sum (6,5,4,3,2) modulo 11, keeping the last digit.

    That "last digit" rule is what turns remainders 0 and 1 into check digits 1 and 0.
    """
    total = sum(int(digit) * weight for digit, weight in zip(first_five, _WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def validate_local_government_code(value: str) -> None:
    """Accept a six-digit 全国地方公共団体コード whose sixth digit is its check digit."""
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("全国地方公共団体コードは半角数字6桁で入力してください。"),
            code="format",
            params={"value": value},
        )
    if local_government_check_digit(value[:5]) != int(value[5]):
        raise ValidationError(
            _("全国地方公共団体コードの検査数字が正しくありません。"),
            code="check_digit",
            params={"value": value},
        )
