"""Kurzweg settings: one file, configured by environment variables.

KURZWEG_ENV     "development" (default), "demo", or "production"
SECRET_KEY      required in production
DATABASE_URL    e.g. postgres://user@host:5432/kurzweg; default: SQLite file under var/
ALLOWED_HOSTS   comma-separated; required in production
REDIS_URL       e.g. redis://127.0.0.1:6379/0: the cache shared by all server processes (see CACHES);
                without it, production shares a cache directory (KURZWEG_CACHE_DIR, default var/cache)
KURZWEG_TRUSTED_PROXIES  how many reverse proxies stand before Kurzweg (default 0): rate limits then
                count the client address they forward in X-Forwarded-For, not the proxy's
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import locale as django_locale
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KURZWEG_VAR_DIR", BASE_DIR / "var"))

KURZWEG_ENV = os.environ.get("KURZWEG_ENV", "development")
if KURZWEG_ENV not in {"development", "demo", "production"}:
    raise ValueError(f"KURZWEG_ENV must be development, demo or production, not {KURZWEG_ENV!r}")
PRODUCTION = KURZWEG_ENV == "production"
# Demo sign-ins (well-known passwords printed on the console) exist only in demo mode.
DEMO_MODE = KURZWEG_ENV == "demo"

DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"

if PRODUCTION:
    SECRET_KEY = os.environ["SECRET_KEY"]
    ALLOWED_HOSTS = [h for h in os.environ["ALLOWED_HOSTS"].split(",") if h]
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-" + "x" * 40)
    ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "kurzweg.core",
    "kurzweg.people",
    "kurzweg.servicepoint",
    "kurzweg.cases",
    "kurzweg.guide",
    "kurzweg.privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kurzweg.core.middleware.GermanByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kurzweg.core.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kurzweg.core.middleware.StaffSessionExpiryMiddleware",
    "kurzweg.core.middleware.AgencyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kurzweg.urls"
WSGI_APPLICATION = "kurzweg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kurzweg" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kurzweg.core.context_processors.kurzweg",
            ],
        },
    }
]

FORM_RENDERER = "kurzweg.forms.KernFormRenderer"

# --- Database ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kurzweg.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while one writer writes; IMMEDIATE transactions take the write
    # lock up front, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches -----------------------------------------------------------------------------
# "default" is kept per server process: small things the service point reads on every call
# (expected minutes, the order of services, the live forecast for a few seconds).
# "shared" is one cache for every server process: the guide's public pages (kept until their
# content changes), today's waiting times (refreshed by one process every 30 s) and rate
# limits. Redis when REDIS_URL is set (needed when several machines serve Kurzweg); otherwise
# production uses a directory that the gunicorn workers of one machine share. Development,
# demo (`runserver` is one process) and tests use the process's memory, and there both
# aliases are the same store (same LOCATION), so clearing one clears both — each pytest-xdist
# worker has its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
_LOCAL_CACHE: dict[str, Any] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "kurzweg",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
_SHARED_CACHE: dict[str, Any]
if REDIS_URL:
    _SHARED_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
elif PRODUCTION:
    _SHARED_CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("KURZWEG_CACHE_DIR", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
else:
    _SHARED_CACHE = _LOCAL_CACHE
CACHES = {"default": _LOCAL_CACHE, "shared": _SHARED_CACHE}

# --- Background tasks -------------------------------------------------------------------
# django-tasks with the database backend: `kurzweg enqueue_nightly_duplicates` (cron) puts the
# nightly duplicate detection in the queue, `kurzweg db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts and sessions --------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["kurzweg.core.auth.StaffBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Staff sessions end after 30 minutes without a request and 10 hours after sign-in,
# whichever comes first (enforced by StaffSessionExpiryMiddleware).
STAFF_SESSION_IDLE_SECONDS = 30 * 60
STAFF_SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60
SESSION_COOKIE_AGE = STAFF_SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Documents ----------------------------------------------------------------------------
# Uploaded documents live outside the web root and are served only through the permission-
# checked, audited download view. Set the web server's request body limit at least this high.
KURZWEG_DOCUMENTS_DIR = Path(os.environ.get("KURZWEG_DOCUMENTS_DIR", VAR_DIR / "documents"))
KURZWEG_DOCUMENT_MAX_BYTES = int(os.environ.get("KURZWEG_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
# A ClamAV daemon scans every upload when one is configured (Unix socket, or host and port).
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))

# --- E-mail -------------------------------------------------------------------------------
# Reminders link back to Kurzweg; e-mails never carry personal data, only the link.
KURZWEG_BASE_URL = os.environ.get("KURZWEG_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kurzweg@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
if not PRODUCTION:
    # Development and demo print e-mails to the console instead of sending them.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "de"
# Staff pages are German or English. Newcomer-facing pages (kiosk, tickets, the live ticket,
# the guide) speak the languages in kurzweg/languages.py; Django must know all of them.
STAFF_LANGUAGES = [("de", _("German")), ("en", _("English"))]
LANGUAGES = [
    *STAFF_LANGUAGES,
    ("de-ls", _("German (easy to read)")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("pl", _("Polish")),
    ("hu", _("Hungarian")),
    ("tr", _("Turkish")),
]
# Leichte Sprache (easy-to-read German) is a language of its own for Kurzweg; Django does not
# know it, so it is described here.
django_locale.LANG_INFO["de-ls"] = {
    "bidi": False,
    "code": "de-ls",
    "name": "German (easy to read)",
    "name_local": "Leichte Sprache",
}
# Paths of pages for newcomers and devices: their language is chosen there, not by staff.
PUBLIC_PATH_PREFIXES = ("/t/", "/sp/", "/guide/")
LOCALE_PATHS = [BASE_DIR / "kurzweg" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
# In production `collectstatic` gathers the files here; in development WhiteNoise serves
# them straight from the app folders.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles")) if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "kurzweg" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security ---------------------------------------------------------------------------
KURZWEG_TRUSTED_PROXIES = int(os.environ.get("KURZWEG_TRUSTED_PROXIES", "0"))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is the operator's decision.

# --- Logging: no personal data in logs --------------------------------------------------
# Request logs carry only method, URL (which holds no personal data: persons are addressed
# by random UUIDs) and status. Error reports by mail are off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
ADMINS: list[tuple[str, str]] = []
