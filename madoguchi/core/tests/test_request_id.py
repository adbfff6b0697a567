import json
import logging

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_well_formed_incoming_id_is_kept_and_a_forged_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="edge-0123456789")["X-Request-ID"] == "edge-0123456789"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level":"CRITICAL"}')["X-Request-ID"]
    assert "\n" not in forged and len(forged) == 32


def test_log_lines_are_json_with_the_request_id(client, settings):
    from django.conf import settings as conf
    from django.utils.module_loading import import_string

    formatter_conf = dict(conf.LOGGING["formatters"]["json"])
    formatter = import_string(formatter_conf.pop("()"))(**formatter_conf)
    lines: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(formatter.format(record))

    handler = Capture()
    handler.addFilter(import_string(conf.LOGGING["filters"]["request_id"]["()"])())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-abcdef123")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(lines[-1])
    assert entry["request_id"] == "trace-abcdef123"
    assert entry["level"] == "WARNING"
    assert "/no-such-page/" in entry["message"]
