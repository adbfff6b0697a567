"""The payment state machine: forward only, final states final."""

from madoguchi.payments.states import FINAL, State, after_refund, can_move


def test_a_new_payment_can_be_authorised_captured_or_end_unpaid():
    for target in ("authorised", "captured", "failed", "cancelled", "expired"):
        assert can_move(State.CREATED, target)


def test_nothing_goes_back():
    assert not can_move(State.CAPTURED, State.CREATED)
    assert not can_move(State.CAPTURED, State.AUTHORISED)
    assert not can_move(State.AUTHORISED, State.CREATED)
    assert not can_move(State.REFUNDED, State.CAPTURED)


def test_final_states_are_final():
    assert {State.FAILED, State.CANCELLED, State.EXPIRED, State.REFUNDED} == FINAL
    for state in FINAL:
        assert not any(can_move(state, target) for target in State.values)


def test_only_a_captured_payment_is_refunded():
    assert can_move(State.CAPTURED, State.PARTIALLY_REFUNDED)
    assert can_move(State.PARTIALLY_REFUNDED, State.REFUNDED)
    assert not can_move(State.CREATED, State.REFUNDED)
    assert not can_move(State.FAILED, State.REFUNDED)


def test_after_refund():
    assert after_refund(captured=900, refunded=300) == State.PARTIALLY_REFUNDED
    assert after_refund(captured=900, refunded=900) == State.REFUNDED
