"""Settings, read from the environment (see .env.example for every variable).

Fail closed: DEBUG is off unless DEBUG=true is set (`make run`, the tests and the development
.env do), and with DEBUG off it refuses to start without a real SECRET_KEY and turns on the
secure defaults. SQLite in the project folder unless DATABASE_URL says otherwise.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of 50+ characters, or DEBUG=true for development."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "atip",
    "accounts",
    "victims",
    "services",
    "cases",
    "prosecutions",
    "casework",
    "prevention",
    "reports",
    "records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.sessions.SessionTouchMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "accounts.middleware.UndertakingMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "atip.middleware.SecurityHeadersMiddleware",
    "atip.middleware.KeepFormAcrossLoginMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "atip.audit.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

# In development, the application's own error pages unless a developer asks for Django's.
DEBUG_PAGES = env.bool("DEBUG_PAGES", default=False)
if DEBUG and not DEBUG_PAGES:
    MIDDLEWARE.insert(0, "atip.middleware.ErrorPagesInDevelopmentMiddleware")

ROOT_URLCONF = "atip.urls"
CSRF_FAILURE_VIEW = "atip.audit.csrf_failure"  # audited, then Django's 403 page
WSGI_APPLICATION = "atip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "atip.context_processors.role",
                "atip.context_processors.languages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True  # a failed request never leaves a half-written record
# PostgreSQL in production: DATABASE_URL is the application's role, which owns nothing, and
# MIGRATION_DATABASE_URL the owner of the schema, as which `manage.py migrate` connects and then
# grants the application's role its rights (atip.database). Unset: one role does everything.
_MIGRATION_DATABASE_URL = env.str("MIGRATION_DATABASE_URL", default="")
DATABASE_OWNER = env.db_url_config(_MIGRATION_DATABASE_URL) if _MIGRATION_DATABASE_URL else None
DATABASE_RUNTIME_USER = DATABASES["default"].get("USER", "")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behind a web server: every transaction takes the write lock when it begins
    # (IMMEDIATE), so of two simultaneous saves the second waits (busy timeout, seconds) and then
    # sees the first one's version ("Someone else saved…") instead of failing with "database is
    # locked" when it tries to write after reading; WAL lets pages be read during a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT spends longer compiling the report's aggregates than they take to run
    # (docs/performance.md): the annual report takes half the time without it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Connections kept open between requests (docs/performance.md), checked
    # before reuse so that a restarted database costs one failed check, not a failed request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Figures cached between requests (the year's statistics, the caseload's counts): aggregates only,
# never a name. In production a cache the server's processes share, e.g. filecache:///tmp/atip.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# How often `manage.py keep_figures` runs beside the server (docker-compose.yml: `figures`): a
# statistics page shows kept figures older than a write "as of" their time until then.
FIGURES_EVERY = env.int("FIGURES_EVERY", default=300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# roles.md "Accounts": every account uses two-factor authentication (TOTP and backup codes).
# On unless DEBUG: in development the demo logins may skip it (the login page says so).
# Every user accepts the confidentiality undertaking in force before using the application
# (accounts.undertaking); the tests turn it off but in their own tests, as two-factor.
UNDERTAKING_REQUIRED = env.bool("UNDERTAKING_REQUIRED", default=True)
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="ATIP Case Management")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the superuser's admin site shows no TOTP secret or backup code
# The e-mailed link to choose a password works once, for 24 hours.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
# Password links go by e-mail to the account holder, never to the administrator. Development
# prints them on the console; production sends through EMAIL_URL (default: an MTA on localhost).
_EMAIL = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
globals().update({name: value for name, value in _EMAIL.items() if value not in (None, "")})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ATIP Case Management <noreply@localhost>")
# A password link or two-factor reset for an account whose e-mail address changed in the last
# this many days waits for a second administrator (spec/roles.md "Accounts"; accounts.services).
ACCOUNT_RECENT_EMAIL_DAYS = env.int("ACCOUNT_RECENT_EMAIL_DAYS", default=14)

# A referral or link request waiting longer than this many days is shown as overdue.
CASEWORK_OVERDUE_DAYS = env.int("CASEWORK_OVERDUE_DAYS", default=10)
# Issue 20.4: a case closes once a supervisor approves the closure (off: it closes at once).
CASEWORK_CLOSURE_APPROVAL = env.bool("CASEWORK_CLOSURE_APPROVAL", default=True)
# The address of the application as its users reach it: the link in the daily e-mail (issue 20.6).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The Council's e-mail and telephone in the factsheet's contact block until the secretary writes
# the year's (issue 21.13; reports.factsheet_texts); blank: the block gives the address only.
FACTSHEET_CONTACT_EMAIL = env.str("FACTSHEET_CONTACT_EMAIL", default="")
FACTSHEET_CONTACT_PHONE = env.str("FACTSHEET_CONTACT_PHONE", default="")

# Retention (docs/data-protection.md, "Retention"): a person's identifying data, notes' text and
# documents are erased (victims.retention, `manage.py apply_retention`) this many whole years
# after the person's last recorded activity; the figures are kept for ever. 10 years: the
# limitation period for civil claims and the span of the TIP reports that look back on a
# case; 2 years for a person screened out (not a victim): enough for an appeal or a second
# screening, no longer, since the unit holds their data only to decide.
RETENTION_YEARS = env.int("RETENTION_YEARS", default=10)
RETENTION_SCREENED_OUT_YEARS = env.int("RETENTION_SCREENED_OUT_YEARS", default=2)

# roles.md: sessions expire after 30 minutes idle: accounts.sessions moves the expiry on, with a
# write at most once a minute rather than at every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Proxies in front of the application that each append the address they were connected from
# to X-Forwarded-For (nginx: proxy_add_x_forwarded_for). 0: the client connects directly and
# REMOTE_ADDR is its address. atip.audit.client_ip reads it for the audit log and the lockout.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# roles.md: repeated failed logins lock the account from that IP for a while: 5 failures for
# one username from one address, 20 from one address whatever the usernames (atip.lockout).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "atip.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "atip.audit.client_ip"
AXES_USERNAME_CALLABLE = "atip.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "atip.lockout.lockout_response"  # the template, saying until when
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# English and Spanish. British English is the source language (Belize writes
# dates day first); Spanish comes from locale/es. A user's choice is kept on their account and
# in the session (accounts.middleware.UserLanguageMiddleware); before login, the cookie or the
# browser's Accept-Language decides. The names are each language's own, as a switch shows them.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="America/Belize")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # People's documents (issue 20.3), encrypted (casework.documents) and served only by a view
    # that checks access: no URL of their own. The file system by default, in a folder outside
    # static and media; several servers share object storage instead (django-storages, e.g.
    # DOCUMENT_STORAGE_BACKEND=storages.backends.s3.S3Storage with its options in JSON).
    "documents": {
        "BACKEND": env.str("DOCUMENT_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json(
            "DOCUMENT_STORAGE_OPTIONS",
            default={
                "location": str(env.path("DOCUMENTS_ROOT", default=BASE_DIR / "documents")),
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        ),
    },
}
# The key that encrypts documents (AES-256-GCM): 32 random bytes in base64, from the environment,
# never in the database. Rotation: the new key here, the old one in DOCUMENT_OLD_KEYS until
# `manage.py rotate_document_key` has re-encrypted every document (README, "Documents").
# Development (DEBUG) may go without one and uses a fixed, public key; production refuses to store
# or read a document without a key of its own (and `manage.py check --deploy` says so).
DOCUMENT_KEY = env.str("DOCUMENT_KEY", default="")
DOCUMENT_OLD_KEYS = env.list("DOCUMENT_OLD_KEYS", default=[])
# The largest document accepted (issue 20.3: default 20 MB). Uploads are kept in memory up to
# this size and never written to a temporary file in clear (atip.uploads).
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_MB", default=20) * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["atip.uploads.BoundedMemoryUploadHandler"]
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Country lists (django-countries): the region's countries first, where most victims come from
# then the rest by name in the page's language; common names, not official long
# forms. Each override is a name django-countries translates itself (its former names, in its own
# catalogue), so it is not marked for ours. No COUNTRIES_FIRST_BREAK: its separator is a choice
# whose value is blank, so Django leaves out the blank first choice and a form would preselect
# Belize, saving an unknown nationality as Belizean.
from django.utils.translation import gettext_lazy as _countries_name  # noqa: E402  (kept with its use)

COUNTRIES_FIRST = ["BZ", "GT", "HN", "SV", "MX", "NI", "CR", "PA"]
COUNTRIES_OVERRIDE = {"BS": _countries_name("Bahamas"), "NR": _countries_name("Nauru")}

SIMPLE_HISTORY_REVERT_DISABLED = True  # history is for reading; changes go through services

X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): everything from this site only, no inline script or
# style (behaviour lives in static .js files), no framing, forms posted to this site only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets in a path (a password link's token) never reach a log line (atip.redaction).
    "filters": {"redact": {"()": "atip.redaction.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
