"""券面事項入力補助 — reading a resident's My Number Card at the counter.

At a real counter the clerk's PC reads the card with the holder's 4-digit 券面事項入力補助用暗証番号;
the reader hands over the card's basic four items (氏名・住所・生年月日・性別), signed so that a
reading cannot be typed in by hand. Madoguchi treats the reading the same way: a short-lived JWT
(RS256) that ``verify_reading`` checks before the counter trusts a single item of it.

The demo has one reader, the **sandbox card reader**: fictional cards for the same personas the
sandbox identity provider offers, each with the PIN ``SANDBOX_PIN``. Like a real card, three wrong
PINs in a row lock the card (kept in the cache for a day, so a demo lock wears off). It refuses to
work in production, as the sandbox identity provider does; a city's real reader plugs in by
producing the same signed reading.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from madoguchi.identity.sandbox.provider import signing_key
from madoguchi.registry.selectors import card_items, sandbox_personas

SANDBOX_PIN = "1234"
MAX_PIN_ATTEMPTS = 3
READING_TTL = 60
LOCK_SECONDS = 24 * 60 * 60
# The reading is addressed to the counter, so an ID token of the sandbox IdP (same key) never
# passes as a card reading, nor the other way round.
READING_AUDIENCE = "madoguchi-counter"
READING_ISSUER = "madoguchi-sandbox-card-reader"
PERSONA_COUNT = 12

_CACHE_PREFIX = "identity:card-reader"


class CardReadError(Exception):
    """The card could not be read: a wrong PIN, a locked card, or an unusable reading."""


@dataclass(frozen=True)
class CardFace:
    """券面事項 — the four items printed on (and stored in) the card."""

    last_name: str
    first_name: str
    birth_date: dt.date
    address: str
    sex: str


@dataclass(frozen=True)
class SandboxCard:
    card_id: str
    label: str


def _require_sandbox() -> None:
    if settings.IS_PRODUCTION:
        raise CardReadError(_("本番環境では検証用カードリーダーは使えません。"))


def sandbox_cards(*, actor: Any) -> list[SandboxCard]:
    """The fictional cards on the sandbox reader's tray (the sandbox IdP's personas)."""
    _require_sandbox()
    records = sandbox_personas(limit=PERSONA_COUNT, actor=actor, purpose="検証用カードリーダーのカード一覧")
    return [
        SandboxCard(card_id=record.resident_code, label=f"{record.last_name} {record.first_name}")
        for record in records
    ]


def _attempts_key(card_id: str) -> str:
    return f"{_CACHE_PREFIX}:failures:{card_id}"


def read_sandbox_card(*, card_id: str, pin: str, actor: Any) -> str:
    """Read a sandbox card with its PIN and return the signed reading.

    A wrong PIN counts against the card, not the session, so trying again from another PC does
    not reset it; the right PIN clears the count, as on a real card.
    """
    _require_sandbox()
    failures = cache.get(_attempts_key(card_id), 0)
    if failures >= MAX_PIN_ATTEMPTS:
        message = _("暗証番号を%(count)d回続けて間違えたため、このカードはロックされています。")
        raise CardReadError(message % {"count": MAX_PIN_ATTEMPTS})
    record = card_items(card_id, actor=actor, purpose="検証用カードの券面事項読み取り")
    if record is None:
        raise CardReadError(_("カードを読み取れませんでした。カードを置き直してください。"))
    if not (len(pin) == 4 and pin.isdigit()):
        raise CardReadError(_("暗証番号は4桁の数字で入力してください。"))
    if pin != SANDBOX_PIN:
        failures += 1
        cache.set(_attempts_key(card_id), failures, LOCK_SECONDS)
        left = MAX_PIN_ATTEMPTS - failures
        if left <= 0:
            raise CardReadError(_("暗証番号が違います。カードはロックされました。"))
        raise CardReadError(_("暗証番号が違います（あと%(left)d回でロックされます）。") % {"left": left})
    cache.delete(_attempts_key(card_id))
    now = int(time.time())
    claims = {
        "iss": READING_ISSUER,
        "aud": READING_AUDIENCE,
        "iat": now,
        "exp": now + READING_TTL,
        "family_name": record.last_name,
        "given_name": record.first_name,
        "birthdate": record.birth_date.isoformat(),
        "address": record.address,
        "gender": record.sex,
    }
    key = signing_key()
    return jwt.encode({"alg": "RS256", "typ": "JWT", "kid": key.kid}, claims, key)


def verify_reading(token: str) -> CardFace:
    """Check the reading's signature, issuer, audience and age, and return the card's face."""
    _require_sandbox()
    keys = KeySet([signing_key()])
    try:
        decoded = jwt.decode(token, keys, algorithms=["RS256"])
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": READING_ISSUER},
            aud={"essential": True, "value": READING_AUDIENCE},
            exp={"essential": True},
        ).validate(decoded.claims)
        claims = decoded.claims
        return CardFace(
            last_name=claims["family_name"],
            first_name=claims["given_name"],
            birth_date=dt.date.fromisoformat(claims["birthdate"]),
            address=claims["address"],
            sex=claims["gender"],
        )
    except (JoseError, KeyError, ValueError, TypeError) as error:
        message = _("カードの読み取り結果を確認できませんでした。もう一度読み取ってください。")
        raise CardReadError(message) from error
