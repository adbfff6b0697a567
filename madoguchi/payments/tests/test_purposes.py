"""The purpose string apps hand to payments and read back from ``payment_captured``."""

from madoguchi.payments import purposes


def test_an_apps_reference_comes_back_as_it_was_given():
    receipt = "261127-1562-3404"
    assert purposes.parse(purposes.purpose(purposes.CASE, receipt)) == (purposes.CASE, receipt)


def test_a_reference_may_itself_hold_a_colon():
    assert purposes.parse("certificate:a:b") == (purposes.CERTIFICATE, "a:b")


def test_a_purpose_without_a_kind_is_taken_by_no_app():
    assert purposes.parse("261127-1562-3404") == ("", "261127-1562-3404")
