"""Field encryption at rest (暗号化) for My Number (個人番号) and other sensitive values.

Values are sealed with AES-256-GCM (``cryptography``'s AESGCM) under a named key, and the key id
travels with the ciphertext (``mg1:<key id>:<base64 nonce+ciphertext>``), so keys can be rotated:
new values are sealed with the current key while older ones still open with theirs until
``madoguchi reencrypt`` moves them over. The associated data binds a ciphertext to the field it
belongs to, so a ciphertext copied into another column does not open.

Keys come from a key provider. The default reads ``MADOGUCHI_ENCRYPTION_KEYS`` (the demo generates
one into ``var/encryption_keys``); production may plug in a KMS (鍵管理サービス) by naming a
``KeyProvider`` subclass in ``MADOGUCHI_KEY_PROVIDER``. Plaintext is never logged or put in errors.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

PREFIX = "mg1"
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class DecryptionError(Exception):
    """A ciphertext could not be opened: unknown key id, tampering, or another field's value."""


class KeyProvider:
    """Where data keys come from. Subclass for a KMS / HSM (e.g. unwrap data keys at start-up).

    ``current_key_id`` seals new values; ``key`` must return every key still referenced by
    stored ciphertexts until ``madoguchi reencrypt`` has moved them to the current one.
    """

    def current_key_id(self) -> str:
        raise NotImplementedError

    def key(self, key_id: str) -> bytes:
        raise NotImplementedError


def parse_keys(text: str) -> list[tuple[str, bytes]]:
    """``"id1:base64key,id2:base64key"`` (first is current) into ``[(id, 32-byte key), ...]``."""
    keys: list[tuple[str, bytes]] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        key_id, _sep, encoded = item.partition(":")
        try:
            key = base64.urlsafe_b64decode(encoded.encode() + b"=" * (-len(encoded) % 4))
        except (binascii.Error, ValueError):
            key = b""
        if not _KEY_ID.match(key_id) or len(key) != 32:
            raise ImproperlyConfigured(
                "MADOGUCHI_ENCRYPTION_KEYS は「鍵ID:base64(32バイト)」をカンマ区切りで指定してください"
                f"（問題のある鍵ID: {key_id!r}） / each key must be 'id:urlsafe-base64 of 32 bytes'"
            )
        keys.append((key_id, key))
    return keys


def generate_key_entry(key_id: str) -> str:
    """A new ``id:key`` entry to put first in ``MADOGUCHI_ENCRYPTION_KEYS``."""
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip('=')}"


class EnvKeyProvider(KeyProvider):
    """Keys from ``settings.MADOGUCHI_ENCRYPTION_KEYS`` (from the environment or the demo's file)."""

    def __init__(self) -> None:
        self._keys = parse_keys(settings.MADOGUCHI_ENCRYPTION_KEYS)
        if not self._keys:
            raise ImproperlyConfigured(
                "MADOGUCHI_ENCRYPTION_KEYS が未設定です / MADOGUCHI_ENCRYPTION_KEYS is not set"
            )

    def current_key_id(self) -> str:
        return self._keys[0][0]

    def key(self, key_id: str) -> bytes:
        for candidate, key in self._keys:
            if candidate == key_id:
                return key
        raise DecryptionError(f"unknown key id {key_id!r}")


@cache
def key_provider() -> KeyProvider:
    return import_string(settings.MADOGUCHI_KEY_PROVIDER)()


def reset_key_provider() -> None:
    """Forget the loaded keys (after the configuration changed, e.g. in tests)."""
    key_provider.cache_clear()


def encrypt(plaintext: str, *, context: str) -> str:
    """Seal ``plaintext`` under the current key; ``context`` names the field (associated data)."""
    provider = key_provider()
    key_id = provider.current_key_id()
    nonce = os.urandom(12)
    sealed = AESGCM(provider.key(key_id)).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{PREFIX}:{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def key_id_of(token: str) -> str:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("not a Madoguchi ciphertext")
    return parts[1]


def decrypt(token: str, *, context: str) -> str:
    key_id = key_id_of(token)
    try:
        raw = base64.urlsafe_b64decode(token.split(":", 2)[2].encode())
        return AESGCM(key_provider().key(key_id)).decrypt(raw[:12], raw[12:], context.encode()).decode()
    except (InvalidTag, binascii.Error, ValueError) as error:
        raise DecryptionError(f"cannot open a value sealed with key {key_id!r}") from error


def needs_reencryption(token: str) -> bool:
    return bool(token) and key_id_of(token) != key_provider().current_key_id()
