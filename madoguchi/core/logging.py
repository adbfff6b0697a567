"""Logging helpers: every JSON log line carries the id of the request that wrote it."""

import logging

from madoguchi.core import context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a request's outcome (django.request) after the middleware has returned, so
        # the request object it passes along is asked first, then the current request's context.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", "") or context.request_id.get()
        return True
