"""The Celery broker transport: kombu's Redis transport, with one client per channel.

kombu's Redis channel builds a new ``redis.Redis`` for every message it publishes (and every
other synchronous command), and each one copies redis-py's table of ~170 response callbacks —
about a quarter of the CPU a submission request spends queueing its confirmation e-mail. A
``redis.Redis`` borrows a connection from the channel's pool per command and is safe to share,
so one per channel is enough (the same reasoning as ``core/cache.py`` for Django's cache).
Selected by ``CELERY_BROKER_TRANSPORT`` whenever ``REDIS_URL`` is set.
"""

from __future__ import annotations

from typing import Any

from kombu.transport import redis


class Channel(redis.Channel):
    _shared_client: Any = None

    def _create_client(self, asynchronous: bool = False) -> Any:
        if asynchronous:  # the consumer's own client, made once per channel by kombu already
            return super()._create_client(asynchronous=True)
        if self._shared_client is None:
            self._shared_client = super()._create_client()
        return self._shared_client


class Transport(redis.Transport):
    Channel = Channel
