"""Absolute links for places without a request: e-mails, PDFs, QR codes."""

from __future__ import annotations

from django.conf import settings

# Where ``madoguchi demo`` serves; production must say where it lives (see settings).
DEMO_BASE_URL = "http://localhost:8000"


def absolute_url(path: str) -> str:
    """``path`` on this site's public address (``MADOGUCHI_BASE_URL``)."""
    return (settings.MADOGUCHI_BASE_URL or DEMO_BASE_URL) + path
