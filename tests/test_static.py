"""Production serves collected, hashed static files: collecting them must succeed."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.sqlite_subset
def test_collectstatic_with_the_production_manifest_storage_succeeds(settings, tmp_path):
    # The manifest storage fails on a CSS url() or JS source map pointing at a file not shipped.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
