"""Every periodic job in the beat schedule names a task that exists."""

import pytest
from django.conf import settings

from madoguchi.celery import app

pytestmark = pytest.mark.sqlite_subset


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    missing = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in app.tasks
    ]
    assert missing == []
