"""Production refuses to start on an unsafe configuration; the demo keeps its own secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_subset

SAFE_PRODUCTION = {
    "MADOGUCHI_ENV": "production",
    "SECRET_KEY": "k" * 50,
    "ALLOWED_HOSTS": "madoguchi.city.example",
    "DATABASE_URL": "postgres://madoguchi@db.invalid/madoguchi",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "DEBUG": "0",
    "MADOGUCHI_OIDC_ISSUER": "https://idp.city.example/realms/residents",
    "MADOGUCHI_BASE_URL": "https://madoguchi.city.example",
    "MADOGUCHI_ENCRYPTION_KEYS": "prod1:" + "A" * 43,
    "PAYMENTS_GATEWAY_URL": "https://pay.provider.example/v1",
    "PAYMENTS_API_KEY": "p" * 40,
    "PAYMENTS_WEBHOOK_SECRET": "w" * 40,
}


def _boot(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "madoguchi.settings",
            "MADOGUCHI_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_safe_production_configuration_starts(tmp_path):
    result = _boot(SAFE_PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"DEBUG": "1"}, "DEBUG"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-abcdefghijklmnopqrstuvwxyz0123456789"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "SQLite"),
        ({"REDIS_URL": ""}, "REDIS_URL"),
        ({"MADOGUCHI_OIDC_ISSUER": ""}, "MADOGUCHI_OIDC_ISSUER"),
        ({"MADOGUCHI_BASE_URL": "http://madoguchi.city.example"}, "MADOGUCHI_BASE_URL"),
        ({"PAYMENTS_GATEWAY_URL": ""}, "PAYMENTS_GATEWAY_URL"),
        ({"MADOGUCHI_ENCRYPTION_KEYS": ""}, "MADOGUCHI_ENCRYPTION_KEYS"),
    ],
)
def test_production_refuses_an_unsafe_configuration_with_a_clear_message(tmp_path, override, complaint):
    result = _boot({**SAFE_PRODUCTION, **override}, tmp_path)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "本番設定に問題があるため起動を中止しました" in result.stderr
    assert complaint in result.stderr


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = _boot({"MADOGUCHI_ENV": "staging"}, tmp_path)
    assert result.returncode != 0
    assert "MADOGUCHI_ENV" in result.stderr


def test_the_demo_generates_its_secret_once_and_keeps_it(tmp_path):
    probe = [
        sys.executable,
        "-c",
        "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "madoguchi.settings", "MADOGUCHI_VAR_DIR": str(tmp_path)})
    first = subprocess.run(
        probe, env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout.strip()
    second = subprocess.run(
        probe, env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout.strip()
    assert len(first) >= 50
    assert first == second
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first
    assert key_file.stat().st_mode & 0o077 == 0


def test_files_go_to_s3_compatible_storage_when_a_bucket_is_configured(tmp_path):
    probe = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "madoguchi.settings",
            "MADOGUCHI_VAR_DIR": str(tmp_path),
            "MADOGUCHI_S3_BUCKET": "ryugasaki-files",
            "MADOGUCHI_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["S3Storage", "ryugasaki-files", "http://127.0.0.1:9000"]
