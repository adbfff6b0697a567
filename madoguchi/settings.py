"""Madoguchi's configuration: the one place that reads the environment.

Every variable is documented in ``docs/operations.md``. With no variable set, Madoguchi runs as a
self-contained demo (SQLite under ``var/``, in-process background tasks, local files). Production
is chosen with ``MADOGUCHI_ENV=production`` and refuses to start on an unsafe configuration, so a
misconfigured deployment fails loudly at boot rather than quietly in front of residents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


MADOGUCHI_ENV = os.environ.get("MADOGUCHI_ENV", "demo").strip().lower()
if MADOGUCHI_ENV not in {"demo", "production"}:
    raise ImproperlyConfigured(
        f"MADOGUCHI_ENV は demo か production を指定してください（指定値: {MADOGUCHI_ENV!r}）。"
        " / MADOGUCHI_ENV must be 'demo' or 'production'."
    )
IS_PRODUCTION = MADOGUCHI_ENV == "production"

VAR_DIR = Path(os.environ.get("MADOGUCHI_VAR_DIR", BASE_DIR / "var"))
if not IS_PRODUCTION:
    VAR_DIR.mkdir(parents=True, exist_ok=True)

# A key that anyone can read in the source must never sign production sessions.
INSECURE_SECRET_KEYS = {"", "change-me", "changeme", "secret", "madoguchi"}


def _demo_secret_key() -> str:
    """Generate the demo's secret once and keep it, so sessions survive a restart."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY") or ("" if IS_PRODUCTION else _demo_secret_key())


def _demo_encryption_keys() -> str:
    """Generate the demo's field-encryption key once (see core/crypto.py); production sets its own."""
    path = VAR_DIR / "encryption_keys"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    keys = "demo1:" + secrets.token_urlsafe(32)
    path.write_text(keys, encoding="utf-8")
    path.chmod(0o600)
    return keys


# Keys that seal My Number (個人番号) and other sensitive fields: "id:base64,id:base64", first current.
MADOGUCHI_ENCRYPTION_KEYS = os.environ.get("MADOGUCHI_ENCRYPTION_KEYS") or (
    "" if IS_PRODUCTION else _demo_encryption_keys()
)
# A KeyProvider subclass (dotted path) to take the keys from a KMS instead of the variable above.
MADOGUCHI_KEY_PROVIDER = os.environ.get("MADOGUCHI_KEY_PROVIDER", "madoguchi.core.crypto.EnvKeyProvider")
DEBUG = _env_bool("DEBUG", default=False)
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
MADOGUCHI_TRUSTED_PROXY_COUNT = int(os.environ.get("MADOGUCHI_TRUSTED_PROXY_COUNT", 0))

# --- Database ------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'madoguchi.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take SQLite's write lock at BEGIN, so two writers queue instead of
    # failing with "database is locked" half-way; WAL lets readers carry on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Every query of the app is short; PostgreSQL's JIT compiler pays off only for long analytical
    # queries, and added 13 ms of compiling to a 100 ms text search. 16 MB of work_mem (the
    # default is 4) lets that search's aggregate over ~100,000 postings hash in memory instead of
    # sorting on disk (−10 to −15 %). A DATABASE_URL's own ?options=… wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c work_mem=16MB")
    # The audit trail writes through its own connection so that its short, serialised chain
    # transaction never waits on (or is waited on by) a business transaction: see audit/services.py.
    DATABASES["audit"] = {**DATABASES["default"], "ATOMIC_REQUESTS": False}
DATABASE_ROUTERS = ["madoguchi.audit.routers.AuditRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, background tasks -----------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "madoguchi.core.cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The embedded default is one process (runserver), whose memory sees every sign-in attempt, so
    # django-axes' warning about a per-process cache does not apply; production requires Redis.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# Celery reads every CELERY_* setting below (see madoguchi/celery.py). Without Redis the tasks run
# in-process, still only after the enclosing transaction commits (Task.delay_on_commit).
CELERY_BROKER_URL = REDIS_URL or "memory://"
if REDIS_URL:
    CELERY_BROKER_TRANSPORT = "madoguchi.core.broker:Transport"  # kombu's, sharing one client
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "madoguchi"
CELERY_TIMEZONE = "Asia/Tokyo"
# Periodic work, run by `celery -A madoguchi beat` next to the workers (see docs/operations.md).
# Every periodic job, in one place: run `celery -A madoguchi beat` as one process (the commands
# named in docs/operations.md do the same work by hand).
CELERY_BEAT_SCHEDULE = {
    "retention": {"task": "madoguchi.cases.tasks.apply_retention", "schedule": 24 * 60 * 60},
    "guest-accounts": {"task": "madoguchi.cases.tasks.remove_idle_guest_accounts", "schedule": 24 * 60 * 60},
    "outbox": {"task": "madoguchi.notifications.tasks.sweep_outbox_task", "schedule": 60},
    "settle-payments": {"task": "madoguchi.payments.tasks.settle_payments", "schedule": 5 * 60},
    "issue-pending-certificates": {
        "task": "madoguchi.certificates.tasks.issue_pending_certificates",
        "schedule": 5 * 60,
    },
    "approval-reminders": {"task": "madoguchi.approvals.tasks.send_reminders", "schedule": 24 * 60 * 60},
    "open-statistics": {"task": "madoguchi.opendata.tasks.refresh_city_statistics", "schedule": 24 * 60 * 60},
}
# Days an unsent draft (下書き) is kept after its last change.
MADOGUCHI_DRAFT_EXPIRY_DAYS = int(os.environ.get("MADOGUCHI_DRAFT_EXPIRY_DAYS", 30))
# Days after which a guest account (applying without sign-in) that owns no draft or case is removed.
MADOGUCHI_GUEST_ACCOUNT_DAYS = int(os.environ.get("MADOGUCHI_GUEST_ACCOUNT_DAYS", 1))

# --- Files -----------------------------------------------------------------------------------------
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Production serves collected files (``madoguchi collectstatic``); the demo serves them from the apps.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles")) if IS_PRODUCTION else None
S3_BUCKET = os.environ.get("MADOGUCHI_S3_BUCKET", "")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("MADOGUCHI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MADOGUCHI_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# The demo serves static files straight from the apps, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# --- Applications ---------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "madoguchi.core",
    "madoguchi.accounts",
    "madoguchi.organization",
    "madoguchi.audit",
    "madoguchi.registry",
    "madoguchi.identity",
    "madoguchi.formbuilder",
    "madoguchi.procedures",
    "madoguchi.cases",
    "madoguchi.notifications",
    "madoguchi.payments",
    "madoguchi.certificates",
    "madoguchi.textsearch",
    "madoguchi.chatbot",
    "madoguchi.opendata",
    "madoguchi.approvals",
    "madoguchi.records",
    "madoguchi.demo",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "madoguchi.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "madoguchi.accounts.middleware.IdleTimeoutMiddleware",
    "madoguchi.core.ratelimits.RateLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "madoguchi.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it answers a locked-out sign-in (see AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "madoguchi.urls"
WSGI_APPLICATION = "madoguchi.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "madoguchi.core.context_processors.municipality",
                "madoguchi.approvals.context_processors.pending_approvals",
            ],
            "builtins": ["madoguchi.core.templatetags.madoguchi"],
        },
    }
]

# --- JSON API (v1), described by OpenAPI 3 at /api/schema/ ----------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Madoguchi API",
    "DESCRIPTION": "Procedure catalogue (public) and a resident's own submissions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {"SubmissionStatusEnum": "madoguchi.cases.models.Submission.Status"},
}

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:staff_login"
LOGIN_REDIRECT_URL = "accounts:staff_home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions are read on every request: from the cache, with the database behind it for durability.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session unused this long is signed out (a counter PC left open); sensitive actions (personal
# data exports, refunds, revocations, role changes) need a sign-in no older than the second.
MADOGUCHI_IDLE_TIMEOUT_SECONDS = int(os.environ.get("MADOGUCHI_IDLE_TIMEOUT_SECONDS", 30 * 60))
MADOGUCHI_REAUTH_SECONDS = int(os.environ.get("MADOGUCHI_REAUTH_SECONDS", 10 * 60))
# Staff sign-in: password, then a one-time password (TOTP, django-otp) or a recovery code.
OTP_TOTP_ISSUER = os.environ.get("MADOGUCHI_OTP_ISSUER", "Madoguchi")
# Lockout after repeated failed sign-ins (django-axes), counted in the cache (Redis in
# production) per staff ID and, separately, per client address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "madoguchi.accounts.backends.CachedModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("MADOGUCHI_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("MADOGUCHI_LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "madoguchi.core.middleware.resolve_client_ip"
AXES_LOCKOUT_CALLABLE = "madoguchi.accounts.views.locked_out"
AXES_VERBOSE = False

# --- Resident sign-in: OpenID Connect (My Number Card through the Digital Agency's app) ---------------
# Without an issuer, residents sign in at the built-in sandbox identity provider (/sandbox-idp/),
# a real OIDC provider with fictional personas from the demo registry; production refuses that.
MADOGUCHI_OIDC = {
    "ISSUER": os.environ.get("MADOGUCHI_OIDC_ISSUER", "").rstrip("/"),
    "CLIENT_ID": os.environ.get("MADOGUCHI_OIDC_CLIENT_ID", "madoguchi-demo"),
    "CLIENT_SECRET": os.environ.get("MADOGUCHI_OIDC_CLIENT_SECRET", ""),
    "SCOPES": os.environ.get("MADOGUCHI_OIDC_SCOPES", "openid profile address"),
}
# Where resident records are read from: "local" (the reference tables) or an adapter's dotted path.
MADOGUCHI_REGISTRY_ADAPTER = os.environ.get("MADOGUCHI_REGISTRY_ADAPTER", "local")
# The public base URL (scheme and host) when behind a proxy; empty: taken from each request.
MADOGUCHI_BASE_URL = os.environ.get("MADOGUCHI_BASE_URL", "").rstrip("/")

# --- Electronic certificates (docs/certificates.md) ---------------------------------------------------
# The city's signing key: a PKCS#12 file, or a PKCS#11 token; with neither (demo only) the demo PKI
# under var/pki/ signs, timestamped by an in-process sandbox TSA.
MADOGUCHI_SIGNING_PKCS12 = os.environ.get("MADOGUCHI_SIGNING_PKCS12", "")
MADOGUCHI_SIGNING_PKCS12_PASSPHRASE = os.environ.get("MADOGUCHI_SIGNING_PKCS12_PASSPHRASE", "")
MADOGUCHI_SIGNING_PKCS11_MODULE = os.environ.get("MADOGUCHI_SIGNING_PKCS11_MODULE", "")
MADOGUCHI_SIGNING_PKCS11_TOKEN = os.environ.get("MADOGUCHI_SIGNING_PKCS11_TOKEN", "")
MADOGUCHI_SIGNING_PKCS11_KEY_LABEL = os.environ.get("MADOGUCHI_SIGNING_PKCS11_KEY_LABEL", "")
MADOGUCHI_SIGNING_PKCS11_PIN = os.environ.get("MADOGUCHI_SIGNING_PKCS11_PIN", "")
# PEM file of the root(s) the signing certificate chains to, published at /certificates/ca.pem.
MADOGUCHI_SIGNING_TRUST_ROOTS = os.environ.get("MADOGUCHI_SIGNING_TRUST_ROOTS", "")
MADOGUCHI_TSA_URL = os.environ.get("MADOGUCHI_TSA_URL", "")
# How long after issue the public page still confirms a certificate (検証期限).
MADOGUCHI_CERTIFICATE_VERIFY_DAYS = int(os.environ.get("MADOGUCHI_CERTIFICATE_VERIFY_DAYS", 90))
# Printed in certificates' QR codes when MADOGUCHI_BASE_URL is unset (the demo's own address).
MADOGUCHI_DEMO_BASE_URL = f"http://127.0.0.1:{os.environ.get('PORT', 8000)}"

# --- Payments: the provider (決済代行業者) -----------------------------------------------------------
# Without PAYMENTS_GATEWAY_URL, payments go to the built-in sandbox gateway (/sandbox-pay/), which
# production refuses. The API key and the webhook secret are the provider's; the demo derives its own.
PAYMENTS_GATEWAY_ADAPTER = os.environ.get(
    "PAYMENTS_GATEWAY_ADAPTER", "madoguchi.payments.adapters.http.GatewayClient"
)
PAYMENTS_GATEWAY_URL = os.environ.get("PAYMENTS_GATEWAY_URL", "").rstrip("/")
PAYMENTS_API_KEY = os.environ.get("PAYMENTS_API_KEY") or (
    "" if IS_PRODUCTION else "sandbox-" + hashlib.sha256(f"api:{SECRET_KEY}".encode()).hexdigest()[:32]
)
PAYMENTS_WEBHOOK_SECRET = os.environ.get("PAYMENTS_WEBHOOK_SECRET") or (
    "" if IS_PRODUCTION else hashlib.sha256(f"webhook:{SECRET_KEY}".encode()).hexdigest()
)

# --- E-mail ------------------------------------------------------------------------------------------
# With EMAIL_HOST, mail goes out by SMTP; otherwise into the demo outbox (/staff/outbox/).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "madoguchi.notifications.backends.OutboxBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "madoguchi@city.ryugasaki.example")

# --- Language and time ----------------------------------------------------------------------------
# Source strings are Japanese (the city's working language); English is a complete translation.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

# --- Security headers -----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Content Security Policy (django-csp): scripts and styles only from this site, never inline, so a
# stored script in a resident's answer cannot run even if an escape were forgotten.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page of Madoguchi uses are switched off for every page.
MADOGUCHI_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)
# Rate limits (core/ratelimits.py) count in the default cache: Redis when REDIS_URL is set.
RATELIMIT_ENABLE = _env_bool("MADOGUCHI_RATELIMIT", default=True)
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)

# --- Logging: JSON lines, each with the request id --------------------------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "madoguchi.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}

# --- The municipality this installation serves ------------------------------------------------------
MADOGUCHI_MUNICIPALITY_CODE = os.environ.get("MADOGUCHI_MUNICIPALITY_CODE", "082082")

# --- Open-data portal ------------------------------------------------------------------------------
# Map tiles for the open-data map ({z}/{x}/{y}); empty: the map page lists the points only.
MADOGUCHI_MAP_TILE_URL = os.environ.get(
    "MADOGUCHI_MAP_TILE_URL", "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"
)
MADOGUCHI_MAP_TILE_ATTRIBUTION = os.environ.get(
    "MADOGUCHI_MAP_TILE_ATTRIBUTION", "出典：国土地理院（地理院タイル）"
)
# --- Electronic approval (電子決裁) ------------------------------------------------------------------
# A draft waiting longer than this many days for someone is chased by e-mail (approvals_remind).
APPROVALS_REMINDER_DAYS = int(os.environ.get("APPROVALS_REMINDER_DAYS", 3))

# --- Production refuses an unsafe configuration ---------------------------------------------------


def production_problems() -> list[str]:
    """What makes this configuration unsafe to serve residents with (empty when it is safe)."""
    problems = []
    if DEBUG:
        problems.append("DEBUG が有効です / DEBUG is on")
    if SECRET_KEY in INSECURE_SECRET_KEYS or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 32:
        problems.append("SECRET_KEY が未設定か既定値です / SECRET_KEY is unset, a default, or too short")
    if not MADOGUCHI_ENCRYPTION_KEYS and MADOGUCHI_KEY_PROVIDER.endswith(".EnvKeyProvider"):
        problems.append(
            "MADOGUCHI_ENCRYPTION_KEYS（個人番号などの暗号鍵）が未設定です / MADOGUCHI_ENCRYPTION_KEYS is "
            "unset: set it or a KMS key provider (MADOGUCHI_KEY_PROVIDER)"
        )
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS が空です / ALLOWED_HOSTS is empty")
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        problems.append("本番で SQLite は使えません / SQLite cannot be used in production: set DATABASE_URL")
    if not REDIS_URL:
        problems.append(
            "REDIS_URL が未設定です / REDIS_URL is unset: several app processes need one cache for sessions, "
            "sign-in lockouts and rate limits, and the workers need a broker"
        )
    if not MADOGUCHI_BASE_URL.startswith("https://"):
        problems.append(
            "MADOGUCHI_BASE_URL（https:// で始まる公開URL）が未設定です / MADOGUCHI_BASE_URL must be the "
            "site's public https:// address (used in e-mails and certificates)"
        )
    if not MADOGUCHI_OIDC["ISSUER"]:
        problems.append(
            "本番で検証用IdPは使えません / the sandbox identity provider cannot be used in production: "
            "set MADOGUCHI_OIDC_ISSUER"
        )
    if not PAYMENTS_GATEWAY_URL or not PAYMENTS_API_KEY or not PAYMENTS_WEBHOOK_SECRET:
        problems.append(
            "本番で検証用決済は使えません / the sandbox payment gateway cannot be used in production: "
            "set PAYMENTS_GATEWAY_URL, PAYMENTS_API_KEY and PAYMENTS_WEBHOOK_SECRET"
        )
    return problems


if IS_PRODUCTION and (_problems := production_problems()):
    raise ImproperlyConfigured(
        "本番設定に問題があるため起動を中止しました / refusing to start in production:\n- "
        + "\n- ".join(_problems)
        + "\n（docs/operations.md を参照してください / see docs/operations.md）"
    )

# --- Chatbot (issue 6) ------------------------------------------------------------------------------
# Questions one client (IP address or LINE user) may ask per minute, across all processes.
MADOGUCHI_CHATBOT_RATE_PER_MINUTE = int(os.environ.get("MADOGUCHI_CHATBOT_RATE_PER_MINUTE", 30))
# The department that receives inquiries no FAQ points to (a 課 code of the organisation).
MADOGUCHI_CHATBOT_DEPARTMENT = os.environ.get("MADOGUCHI_CHATBOT_DEPARTMENT", "koshitsu-citysales")
# Optional semantic retrieval (chatbot/semantic.py; needs requirements/semantic.txt installed):
# when the text search is unsure, embedding-based candidates join the three shown. The model's
# CPU threads per process: 1 keeps several app processes from fighting over the cores.
MADOGUCHI_CHATBOT_SEMANTIC = _env_bool("MADOGUCHI_CHATBOT_SEMANTIC", default=False)
MADOGUCHI_CHATBOT_SEMANTIC_THREADS = int(os.environ.get("MADOGUCHI_CHATBOT_SEMANTIC_THREADS", 1))
# LINE Messaging API: the channel's secret (verifies X-Line-Signature) and access token (sends).
# Without a token, replies go to the sandbox, which records them in the LINE message log.
LINE_CHANNEL_SECRET = os.environ.get(
    "LINE_CHANNEL_SECRET", "" if IS_PRODUCTION else "demo-line-channel-secret"
)
LINE_CHANNEL_ACCESS_TOKEN = os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", "")
LINE_API_HOST = os.environ.get("LINE_API_HOST", "https://api.line.me")
