"""Webhook signatures — HMAC-SHA256 over the timestamp and the raw body.

The provider sends ``Madoguchi-Pay-Signature: t=<unix seconds>,v1=<hex>`` where ``v1`` is
``HMAC-SHA256(secret, "<t>." + raw body)``. The receiver recomputes it over the bytes it received
(never over re-serialised JSON), compares in constant time, and refuses a timestamp more than
``TOLERANCE`` seconds from its clock, so a captured request cannot be replayed later. A replay
inside the window carries an event id already recorded and changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Madoguchi-Pay-Signature"
#: Seconds a signed event stays acceptable (clock skew plus the provider's retry delay).
TOLERANCE = 300


class SignatureRejected(Exception):
    """The request is not a fresh event signed with our secret; ``reason`` is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _mac(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(body: bytes, *, secret: str, timestamp: int | None = None) -> str:
    """The header value for ``body`` (the provider's side; the sandbox uses it)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={_mac(secret, timestamp, body)}"


def verify(body: bytes, header: str, *, secret: str, now: float | None = None) -> None:
    """Return quietly for a fresh, correctly signed body; raise ``SignatureRejected`` otherwise."""
    if not secret:
        raise SignatureRejected("no_secret_configured")
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        raise SignatureRejected("malformed_header") from None
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE:
        raise SignatureRejected("timestamp_outside_window")
    if not hmac.compare_digest(_mac(secret, timestamp, body), parts.get("v1", "")):
        raise SignatureRejected("bad_signature")
