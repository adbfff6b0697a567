"""Version counters in the cache, so that derived data can be cached until its source changes.

A service that changes the source calls ``bump("organization")``; a selector that caches
something derived puts ``current("organization")`` in its cache key. Stale entries are never
read again and expire on their own.
"""

from __future__ import annotations

from django.core.cache import cache


def _key(name: str) -> str:
    return f"version:{name}"


def current(name: str) -> int:
    version = cache.get(_key(name))
    if version is None:
        cache.add(_key(name), 1, timeout=None)
        version = cache.get(_key(name), 1)
    return version


def bump(name: str) -> None:
    try:
        cache.incr(_key(name))
    except ValueError:  # not set yet (or evicted): any new value differs from what readers used
        cache.set(_key(name), 2, timeout=None)
