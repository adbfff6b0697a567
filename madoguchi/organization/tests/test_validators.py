import pytest
from django.core.exceptions import ValidationError

from madoguchi.organization.validators import local_government_check_digit, validate_local_government_code

pytestmark = pytest.mark.sqlite_subset


@pytest.mark.parametrize(
    "code",
    [
        "082082",  # 龍ケ崎市
        "131016",  # 千代田区
        "271004",  # 大阪市
        "082040",  # 古河市: remainder 1, check digit 0
        "080004",  # 茨城県
    ],
)
def test_real_codes_are_accepted(code):
    validate_local_government_code(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [("082083", "check_digit"), ("08208", "format"), ("08208X", "format"), ("０８２０８２", "format")],
)
def test_wrong_codes_are_refused_with_a_japanese_message(code, reason):
    with pytest.raises(ValidationError) as error:
        validate_local_government_code(code)
    assert error.value.code == reason
    assert "全国地方公共団体コード" in error.value.messages[0]


def test_remainder_zero_gives_check_digit_one():
    # 0·6 + 0·5 + 0·4 + 1·3 + 4·2 = 11, remainder 0: 11 − 0 = 11, whose last digit is 1.
    assert local_government_check_digit("00014") == 1
