"""Version counters in the cache, so that derived data can be cached until its source changes.

A service that changes the source calls ``bump("organization")``; a selector that caches
something derived puts ``current("organization", …)`` in its cache key. Stale entries are never
read again and expire on their own.
"""

from __future__ import annotations

from functools import partial

from django.core.cache import cache
from django.db import transaction


def _key(name: str) -> str:
    return f"version:{name}"


def current(*names: str) -> tuple[int, ...]:
    """The versions of ``names``, in order, read in one cache round trip."""
    found = cache.get_many([_key(name) for name in names])
    versions = []
    for name in names:
        version = found.get(_key(name))
        if version is None:  # never bumped (or evicted): start it, unless another process just did
            cache.add(_key(name), 1, timeout=None)
            version = cache.get(_key(name), 1)
        versions.append(version)
    return tuple(versions)


def bump(name: str) -> None:
    """Mark ``name`` changed: now, and once more when the enclosing transaction commits.

    The first bump makes this transaction's own later reads miss the cache; the second catches
    another process that read the old rows and cached them between the first bump and the commit.
    Outside a transaction both happen at once, which costs one extra increment and nothing else.
    """
    _increment(name)
    transaction.on_commit(partial(_increment, name))


def pending(*names: str) -> bool:
    """Whether this transaction has changed any of ``names`` and not committed (nor rolled back) yet.

    A process must not keep what it reads then: its rows may be rolled back, and a rollback
    bumps nothing. Django drops a rolled-back savepoint's commit callbacks, so a bump is pending
    exactly while its callback waits in the connection's list.
    """
    return any(
        isinstance(callback, partial) and callback.func is _increment and callback.args[0] in names
        for _savepoints, callback, _robust in transaction.get_connection().run_on_commit
    )


def _increment(name: str) -> None:
    try:
        cache.incr(_key(name))
    except ValueError:  # not set yet (or evicted): any new value differs from what readers used
        cache.set(_key(name), 2, timeout=None)
