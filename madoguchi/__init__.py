"""Madoguchi (窓口) — a digital-government platform for Japanese municipalities."""

from madoguchi.celery import app as celery_app

__all__ = ["celery_app"]
