"""Madoguchi (窓口) — a digital-government platform for Japanese municipalities."""

import os

# Several single-threaded app processes share the machine's cores. NumPy's BLAS would otherwise
# start a thread per core in each of them, which then spin between the chatbot's small
# matrix-vector products (chatbot/semantic.py) and burn CPU the other processes need. Read by
# OpenBLAS when NumPy is first imported, so it is set before anything imports it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from madoguchi.celery import app as celery_app  # after the environment above

__all__ = ["celery_app"]
