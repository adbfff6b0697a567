import pytest

from madoguchi.core import health

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def test_healthz_answers_without_touching_dependencies(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_each_dependency(client, settings):
    response = client.get("/readyz")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["cache"] == "ok"
    assert checks["broker"] == ("in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok")


def test_readyz_is_503_and_names_the_broken_cache(client, monkeypatch):
    def broken() -> None:
        raise ConnectionError("cache down")

    monkeypatch.setattr(health, "check_cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == "error: ConnectionError"
    assert body["checks"]["database"] == "ok"


def test_readyz_is_503_when_the_broker_is_unreachable(client, settings):
    from madoguchi.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("error")
