"""The authentication backend: Django's ModelBackend, with the signed-in user read from the cache.

Every request of a signed-in person loads their account, and accounts change rarely (a sign-in,
a password or name change, a deactivation). The account is kept in the shared cache until it is
saved or deleted (``accounts.signals`` deletes the entry at once and again on commit), so a
deactivated account or a changed password takes effect on the next request in every process.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

CACHE_SECONDS = 10 * 60
# What ``login()`` names for a person signed in without a password (card, guest): this backend.
BACKEND_PATH = "madoguchi.accounts.backends.CachedModelBackend"


def user_cache_key(user_id: Any) -> str:
    return f"accounts:user:{user_id}"


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)  # None for an unknown or inactive account
            # Never from inside a transaction: what it read may yet be rolled back.
            if user is not None and not transaction.get_connection().in_atomic_block:
                cache.set(key, user, timeout=CACHE_SECONDS)
        return user
