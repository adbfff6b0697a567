"""The Celery application.

Tasks are defined with ``@shared_task`` in each app's ``tasks.py`` and enqueued from services with
``task.delay_on_commit(...)``: the message is sent only once the surrounding transaction has
committed, so a rolled-back request never leaves a ghost task behind. Without ``REDIS_URL`` the
tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``), still after commit.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")

app = Celery("madoguchi", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
