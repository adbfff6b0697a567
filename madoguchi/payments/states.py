"""支払の状態遷移 — the one place that decides which payment state may follow which.

Webhooks arrive late, twice or out of order, the resident's return races the webhook, and the
mop-up job asks again hours later: each of them only *proposes* a state. ``can_move`` accepts a
proposal that moves forward and refuses one that would go back or leave a final state, so the
same news applied twice, or old news applied after newer news, changes nothing.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    CREATED = "created", _("支払待ち")
    AUTHORISED = "authorised", _("承認済み")
    CAPTURED = "captured", _("支払済み")
    FAILED = "failed", _("失敗")
    CANCELLED = "cancelled", _("取消")
    EXPIRED = "expired", _("期限切れ")
    PARTIALLY_REFUNDED = "partially_refunded", _("一部還付")
    REFUNDED = "refunded", _("還付済み")


_ENDINGS = frozenset({State.CAPTURED, State.FAILED, State.CANCELLED, State.EXPIRED})

ALLOWED: dict[str, frozenset[str]] = {
    State.CREATED: frozenset({State.AUTHORISED, *_ENDINGS}),
    State.AUTHORISED: _ENDINGS,
    State.CAPTURED: frozenset({State.PARTIALLY_REFUNDED, State.REFUNDED}),
    State.PARTIALLY_REFUNDED: frozenset({State.PARTIALLY_REFUNDED, State.REFUNDED}),
    State.FAILED: frozenset(),
    State.CANCELLED: frozenset(),
    State.EXPIRED: frozenset(),
    State.REFUNDED: frozenset(),
}

#: States in which money was taken (and some of it may have been given back).
PAID = frozenset({State.CAPTURED, State.PARTIALLY_REFUNDED, State.REFUNDED})
#: States the provider may still change on its own (the mop-up job asks about these).
OPEN = frozenset({State.CREATED, State.AUTHORISED})
#: States nothing can leave.
FINAL = frozenset(state for state, targets in ALLOWED.items() if not targets)


def can_move(from_state: str, to_state: str) -> bool:
    return to_state in ALLOWED.get(from_state, frozenset())


def after_refund(*, captured: int, refunded: int) -> str:
    """The state once ``refunded`` yen of ``captured`` have been given back."""
    return State.REFUNDED if refunded >= captured else State.PARTIALLY_REFUNDED
