"""Logging helpers: every JSON log line carries the id of the request that wrote it."""

import logging

from madoguchi.core import context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.request_id.get()
        return True
