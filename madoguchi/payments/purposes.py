"""What a payment is for: ``"<kind>:<reference>"``, the one format every app uses.

Payments stores the purpose and hands it back with ``payment_captured``; the app that asked for
the payment reads its own reference back. The kinds and the format live here, so no app parses
another app's strings.
"""

from __future__ import annotations

# An application's fee (事前納付 or at the counter); the reference is its receipt number.
CASE = "case"
# A certificate request paid on its own; the reference is the request's id.
CERTIFICATE = "certificate"


def purpose(kind: str, reference: object) -> str:
    return f"{kind}:{reference}"


def parse(value: str) -> tuple[str, str]:
    """(kind, reference); a value without a kind gives ``("", value)``, which no receiver takes."""
    kind, separator, reference = value.partition(":")
    return (kind, reference) if separator else ("", value)
