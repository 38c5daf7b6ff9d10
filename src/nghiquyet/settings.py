"""Django settings.

Everything that differs between a laptop and a server comes from the environment:

- ``DATABASE_URL``: defaults to SQLite in ``var/db.sqlite3``; production uses
  ``postgres://user@host:5432/name``.
- ``DJANGO_SECRET_KEY``: required when ``DJANGO_DEBUG`` is off.
- ``DJANGO_DEBUG``: ``1`` for development (``make run`` sets it).
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
- the production hardening below (proxies, HTTPS, CSP, idle sessions, request sizes);
  ``deploy/nghiquyet.env`` is the documented production set.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("NGHIQUYET_VAR_DIR", PROJECT_DIR / "var"))
# The engine's compiled kernels keep their machine code here (numba, on first use): the
# installed package's own folder may not be writable for the server's user.
os.environ.setdefault("NUMBA_CACHE_DIR", str(VAR_DIR / "numba"))

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if os.environ.get("NGHIQUYET_CLI") == "1":
        # The command line signs nothing; a throw-away key keeps it usable anywhere.
        SECRET_KEY = secrets.token_urlsafe(50)
    elif DEBUG or os.environ.get("NGHIQUYET_TESTING") == "1":
        SECRET_KEY = "development-only-insecure-key"
    else:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is not 1")

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "ninja",
    "nghiquyet.audit",
    "nghiquyet.accounts",
    "nghiquyet.orgs",
    "nghiquyet.plans",
    "nghiquyet.reporting",
    "nghiquyet.emulation",
    "nghiquyet.meetings",
    "nghiquyet.notifications",
    "nghiquyet.documents",
    "nghiquyet.web",
    "nghiquyet.demo",
    "nghiquyet.api",
    # After nghiquyet.documents, whose ``db_worker`` (the same worker, which also fails the
    # jobs of dead workers) is then the one ``manage.py db_worker`` runs.
    "django_tasks_db",
]

MIDDLEWARE = [
    "nghiquyet.web.middleware.ProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nghiquyet.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nghiquyet.web.middleware.LanguageMiddleware",
    "nghiquyet.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nghiquyet.web.middleware.RequestSizeMiddleware",
    "nghiquyet.web.middleware.NulMiddleware",
    "nghiquyet.web.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nghiquyet.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "nghiquyet.web.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "nghiquyet.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer work at once; busy timeout instead of
    # failing at the first lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: five failures lock the (username, IP) pair for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The client's address as the trusted reverse proxy saw it (web.middleware.ProxyMiddleware):
# behind a proxy, five bad passwords lock that user out from that client only.
AXES_CLIENT_IP_CALLABLE = "nghiquyet.web.middleware.client_ip"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reporting:landing"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first; English available. Source strings are Vietnamese, so the
# English catalogue is the one that translates.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Off: with it on, Django groups *every* integer in templates, ids and revision counters
# included ("e-1.506-value"). Figures shown to people are grouped explicitly by the
# ``num``/``pct`` filters and plans.display (force_grouping).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["nghiquyet.formats"]

# Uploaded files (task evidence) are private: never under STATIC_ROOT, never served
# directly — only through views that check the user's scope.
MEDIA_ROOT = Path(os.environ.get("NGHIQUYET_MEDIA_ROOT", VAR_DIR / "media"))

STATIC_URL = "static/"
#: Where `collectstatic` writes (whitenoise serves it; a proxy may too), never the source tree
#: in production.
STATIC_ROOT = Path(os.environ.get("NGHIQUYET_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or os.environ.get("NGHIQUYET_TESTING") == "1"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Background work (big reports and imports) goes through the Django tasks API; the
# worker is ``python manage.py db_worker`` (``make run`` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: Imports with more figures (or plan rows) than this run in the background. An import of
#: 8.000 targets took longer than gunicorn's default 30 s; 2.000 stay well inside the
#: documented 120 s timeout (docs/deploy.md).
NGHIQUYET_IMPORT_INLINE_LIMIT = int(os.environ.get("NGHIQUYET_IMPORT_INLINE_LIMIT", "2000"))
#: A running background job whose worker has not renewed its lease for this long (seconds)
#: counts as lost: it is marked failed, with a message, and can be run again.
NGHIQUYET_JOB_LEASE_SECONDS = int(os.environ.get("NGHIQUYET_JOB_LEASE_SECONDS", "120"))

# Caches. "evaluations" holds answers computed from the data (a plan's evaluation, a
# dashboard's units table, the API's evaluation JSON), keyed by the data version
# (nghiquyet.audit.versions): a change anywhere moves the version, so an entry is never served
# after a change that could alter it. The version is read from the database on every request,
# which is why the entries may live in each process's memory: gunicorn's workers each keep
# their own (a first request per worker computes), no cache server is needed, and none can
# disagree with the database. NGHIQUYET_EVALUATION_CACHE=0 turns it off (benchmarks measure
# both ways).
NGHIQUYET_EVALUATION_CACHE = os.environ.get("NGHIQUYET_EVALUATION_CACHE", "1") == "1"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "evaluations": {
        # LocMemCache without pickling (unpickling a units table cost more than computing it)
        "BACKEND": "nghiquyet.reporting.cache_backend.SharedObjectCache",
        "LOCATION": "nghiquyet-evaluations",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 100},
    },
}

# E-mail for reminders: printed to the console unless a backend is configured, e.g.
# DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST…
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nghiquyet <nghiquyet@localhost>")
#: Used to build links in e-mails, e.g. https://nghiquyet.tinh.gov.vn
NGHIQUYET_BASE_URL = os.environ.get("NGHIQUYET_BASE_URL", "http://127.0.0.1:8000")


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# --- Production hardening, all from the environment (docs/deploy.md lists every one) ---
#: Addresses or networks of the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto
#: are believed (comma-separated, e.g. "127.0.0.1,::1"); empty: no proxy is trusted.
NGHIQUYET_TRUSTED_PROXIES = os.environ.get("NGHIQUYET_TRUSTED_PROXIES", "")
#: HTTPS only: redirect http:// to https:// and tell browsers to stay on HTTPS.
SECURE_SSL_REDIRECT = _env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = _env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
#: Content-Security-Policy sent with every response; empty sends none. Scripts only from
#: the app's own files (no inline script or handler, no eval); styles may be inline
#: (the charts set them).
NGHIQUYET_CSP = os.environ.get(
    "NGHIQUYET_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
#: A session idle this long is signed out (minutes).
NGHIQUYET_SESSION_IDLE_MINUTES = _env_int("NGHIQUYET_SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = NGHIQUYET_SESSION_IDLE_MINUTES * 60
#: Largest request body accepted from a signed-in user or a program with a token, and from
#: anyone else (the sign-in page); larger ones get 413 before they are read.
NGHIQUYET_MAX_REQUEST_BYTES = _env_int("NGHIQUYET_MAX_REQUEST_BYTES", 64 * 1024 * 1024)
NGHIQUYET_MAX_ANONYMOUS_REQUEST_BYTES = _env_int("NGHIQUYET_MAX_ANONYMOUS_REQUEST_BYTES", 64 * 1024)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1"
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
