"""Signing decided documents — with the city's key, through the certificates app.

One function, so the approvals app never handles keys: the certificates app holds the
configured key (PKCS#12 or HSM) or, outside production, its demo PKI, and signs PAdES B-LT with
a timestamp and the validation data embedded, so a decided document can be checked years later.
"""

from __future__ import annotations

from madoguchi.certificates.services import sign_document


def sign_pdf(data: bytes, *, reason: str) -> bytes:
    return sign_document(data, reason=reason)
