import datetime as dt
import re

import pytest

from madoguchi.cases.receipts import new_receipt_number, normalise_receipt_number
from madoguchi.cases.workflow import ALLOWED, can_move

pytestmark = pytest.mark.sqlite_subset


def test_receipt_numbers_are_digits_in_groups_starting_with_the_day():
    number = new_receipt_number(dt.date(2026, 11, 26))
    assert re.fullmatch(r"261126-\d{4}-\d{4}", number)


def test_receipt_numbers_are_not_sequential():
    numbers = {new_receipt_number(dt.date(2026, 11, 26)) for _ in range(200)}
    assert len(numbers) == 200


def test_a_receipt_number_read_back_with_full_width_digits_is_understood():
    number = new_receipt_number(dt.date(2026, 11, 26))
    typed = number.translate(str.maketrans("0123456789-", "０１２３４５６７８９ー"))
    assert normalise_receipt_number(typed) == number


def test_a_mistyped_digit_is_caught_by_the_check_digit():
    number = new_receipt_number(dt.date(2026, 11, 26))
    digit = number[8]
    wrong = number[:8] + str((int(digit) + 1) % 10) + number[9:]
    assert normalise_receipt_number(wrong) is None
    assert normalise_receipt_number("12345") is None


def test_finished_cases_cannot_be_reopened():
    assert ALLOWED["completed"] == frozenset() and ALLOWED["rejected"] == frozenset()
    assert can_move("received", "under_review")
    assert not can_move("completed", "under_review")
    assert not can_move("correction_requested", "completed")
