"""Settings for the portal, read from the environment.

One module for every environment; ``DJANGO_ENV`` (development, test, production)
switches the few things that differ. Production refuses to start half-configured.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from portal.env import env_bool, env_choice, env_int, env_list, env_str, rsa_private_key_pem

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_choice("DJANGO_ENV", "development", {"development", "test", "production"})
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
else:
    SECRET_KEY = env_str(
        "SECRET_KEY", "insecure-development-key-never-used-in-production-0123456789"
    )

DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The municipality this installation serves (shown in the header, letters and PDFs).
MUNICIPALITY_NAME = env_str("MUNICIPALITY_NAME", "Eksempel kommune")
MUNICIPALITY_CONTACT_EMAIL = env_str("MUNICIPALITY_CONTACT_EMAIL", "postmottak@eksempel.kommune.no")
MUNICIPALITY_CONTACT_PHONE = env_str("MUNICIPALITY_CONTACT_PHONE", "73 84 56 78")
MUNICIPALITY_ADDRESS = env_str("MUNICIPALITY_ADDRESS", "Rådhusgata 1, 1234 Eksempelby")
# The Pasient- og brukerombud for the municipality's county (pasient- og
# brukerrettighetsloven § 8-3), named with a phone number in decision letters on health
# and care services. Each county has its own office: set its number.
PATIENT_OMBUD_PHONE = env_str("PATIENT_OMBUD_PHONE", "73 84 56 79")
PATIENT_OMBUD_URL = env_str(
    "PATIENT_OMBUD_URL", "https://www.helsenorge.no/pasient-og-brukerombudet/"
)
MUNICIPALITY_MAP_URL = env_str(
    "MUNICIPALITY_MAP_URL", "https://kart.eksempel.kommune.no/?adresse={address}"
)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "django_filters",
    "axes",
    "portal.library_apps.TasksConfig",  # django_tasks_db, with a name in the reader's language
    "portal",
    "catalogue",
    "referrals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivatePagesMiddleware",
    "portal.sessions.EndedSessionMiddleware",
    "portal.middleware.StaffIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.idporten_sessions.IdPortenSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

# The rooms of the referrals app, from the kernel outwards (docs/architecture.md).
REFERRALS_ROOMS = [
    "cases",
    "capacity",
    "volunteers",
    "letters",
    "applications",
    "matching",
    "casework",
    "reporting",
    "records",
]

# The rooms of the catalogue app that keep their own templates (names "catalogue/...").
CATALOGUE_ROOMS = ["feedback", "participation"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [
            BASE_DIR / "templates",
            BASE_DIR / "portal" / "documents" / "templates",
            # Each room of referrals keeps its templates (docs/architecture.md); the
            # names stay "referrals/...".
            *(BASE_DIR / "referrals" / room / "templates" for room in REFERRALS_ROOMS),
            *(BASE_DIR / "catalogue" / room / "templates" for room in CATALOGUE_ROOMS),
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Database: an embedded SQLite file by default, PostgreSQL in production.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
if PRODUCTION and DATABASE_URL.startswith("sqlite"):
    raise ImproperlyConfigured("Production needs DATABASE_URL pointing at PostgreSQL.")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails fast (and /healthz says so) instead of
    # hanging every worker on the operating system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5, minimum=1)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE: a transaction takes the write lock when it begins, so concurrent writers
    # wait their turn (up to ``timeout`` seconds) instead of failing with "database is
    # locked" when two of them try to upgrade a read lock at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else in-process memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300}
    }

# Accounts
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.permissions.PermissionBackend",  # permissions in one query; logs no one in
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Throttling of failed log-ins (django-axes; the policy is in portal/lockout.py).
AXES_HANDLER = "portal.lockout.PortalAxesHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
# Failures count per account and address, so one office behind a shared address is not
# locked out by a colleague, and one attacker cannot lock out a citizen from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ...and per address across accounts (password spraying), with a higher limit.
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30, minimum=1)
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "portal.lockout.username"
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.address_for_limits"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front that each append to X-Forwarded-For (a load balancer: 1).
# The client address is the PROXY_COUNT-th entry from the right (portal/client_ip.py).
PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)

# Sessions: the key rotates at log-in (Django does this); staff are logged out when idle.
# Sessions live in the database, so every app server sees them and they survive restarts.
# With Redis, "cached_db": reads come from the shared cache, every write also goes to the
# database, so restarting or flushing Redis logs nobody out (the plain "cache" engine
# would lose every session with Redis's memory).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = 60 * 60 * 8
STAFF_IDLE_TIMEOUT_SECONDS = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30, minimum=1) * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Internationalisation: bokmål first, nynorsk and English.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
# locale/ holds the portal's own strings (`make messages`); locale_overrides/ completes
# and corrects Django's and the libraries' nb and nn catalogues (see its header). Both
# win over Django's and the apps' catalogues; locale/ is first, so makemessages writes
# to it and never touches the overrides.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
# Date formats per language (portal/formats): «4. desember 2026», "4 December 2026".
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: Designsystemet is copied into static/vendor by make; whitenoise serves
# everything compressed and hashed in production.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
if not PRODUCTION:
    STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it; collectstatic fills it in production
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads and letters live outside static/ and are never served by URL: views check access.
# STORAGE_BACKEND=local keeps them under MEDIA_ROOT (one machine, or a shared volume);
# STORAGE_BACKEND=s3 puts them in a private bucket of S3-compatible object storage, for
# several app servers. Objects are private and no URL to them is ever handed out: the
# permission-checked views stream them.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGE_BACKEND = env_choice("STORAGE_BACKEND", "local", {"local", "s3"})
if STORAGE_BACKEND == "s3":
    from botocore.config import Config as BotoConfig

    _s3_options = {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", required=True),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
        "location": env_str("AWS_LOCATION", ""),
        "signature_version": "s3v4",
        "default_acl": "private",
        "custom_domain": None,
        "querystring_auth": True,  # should a URL ever be made: signed and short-lived
        "querystring_expire": 60,
        # Never replace an object: a second letter with the same name gets a new name,
        # as on the local file system.
        "file_overwrite": False,
        "client_config": BotoConfig(
            connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 3, minimum=1),
            read_timeout=env_int("AWS_S3_READ_TIMEOUT", 20, minimum=1),
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
    # Without keys, boto3 finds credentials itself (instance role, ~/.aws, ...).
    if env_str("AWS_ACCESS_KEY_ID"):
        _s3_options["access_key"] = env_str("AWS_ACCESS_KEY_ID")
        _s3_options["secret_key"] = env_str("AWS_SECRET_ACCESS_KEY", required=True)
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if PRODUCTION else 0

# Background work: django.tasks. Immediate in development and tests, database-backed in
# production, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django.tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# How frozen letters reach people (referrals.letters.channels; docs/letters-dispatch.md):
# the channels by key, and the one used for recipients who may get letters digitally
# (logged in with ID-porten, not reserved against digital communication). A national
# digital-mail channel (KS Fiks: SvarUt → Digipost/e-Boks) is added here and named in
# LETTER_DIGITAL_CHANNEL.
LETTER_CHANNELS = {
    "digital": "referrals.letters.channels.DigitalChannel",
    "paper": "referrals.letters.channels.PaperChannel",
}
LETTER_DIGITAL_CHANNEL = env_str("LETTER_DIGITAL_CHANNEL", "digital")

# E-mail (Django 6.1 mailers). SMTP in production, the console in development.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
_mailer_options = {}
if EMAIL_BACKEND_PATH == "django.core.mail.backends.smtp.EmailBackend":
    _mailer_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
    }
elif EMAIL_BACKEND_PATH == "django.core.mail.backends.filebased.EmailBackend":
    # One file per connection in this folder (tests, and trying out the worker locally).
    _mailer_options = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mailer_options}}
# Text messages (portal/sms.py; docs/participation.md): a dotted path to the backend and
# its keyword arguments. The console in development; in production nothing is sent until
# the municipality names its provider's backend (SMS_BACKEND) and its options.
SMS_BACKEND = env_str(
    "SMS_BACKEND",
    "portal.sms.DisabledBackend" if PRODUCTION else "portal.sms.ConsoleBackend",
)
SMS_OPTIONS: dict = {}

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ikke-svar@eksempel.kommune.no")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = ["designsystemet"]
CRISPY_TEMPLATE_PACK = "designsystemet"
CRISPY_FAIL_SILENTLY = not DEBUG

# Security headers. Django's Content Security Policy is static (no per-response nonce),
# so public pages stay cacheable: no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The load balancer's health check may come over plain HTTP inside the network;
    # it must get the answer, not a redirect (the answer holds no data).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS: list[str] = []

# Logging: to stderr; never personal data (identity numbers are never logged).
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
# Django's SuspiciousOperation and its subclasses (tests/test_errors.py checks the list).
SUSPICIOUS_REQUESTS = (
    "SuspiciousOperation",
    "DisallowedHost",
    "DisallowedRedirect",
    "RequestDataTooBig",
    "TooManyFieldsSent",
    "TooManyFilesSent",
    "SuspiciousFileOperation",
    "SuspiciousMultipartForm",
    "SuspiciousSession",
    "InvalidSessionKey",
    "DisallowedModelAdminLookup",
    "DisallowedModelAdminToField",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"suspicious_request": {"()": "portal.log_filters.SuspiciousRequestFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Two INFO lines for every task that runs (started, succeeded): thousands an hour
        # of e-mails. A task that fails is still logged (ERROR, with its traceback).
        "django.tasks": {"level": "WARNING"},
        # What Django refuses as suspicious (django.security.<the exception's name>):
        # one WARNING line, no traceback (a scanner's foreign Host is not an ERROR).
        **{
            f"django.security.{name}": {"filters": ["suspicious_request"]}
            for name in SUSPICIOUS_REQUESTS
        },
    },
}


# --- Citizen log-in (referrals helper) ---
# Local accounts (register, confirm e-mail, log in) always work. ID-porten (OpenID
# Connect, mozilla-django-oidc) is switched on by IDPORTEN_ENABLED; then the client and
# the provider's endpoints must be set (defaults are ID-porten's production endpoints).
IDPORTEN_ENABLED = env_bool("IDPORTEN_ENABLED", False)
# How the portal proves itself at the token endpoint: private_key_jwt (a JWT signed with
# the client's own RSA key, registered with ID-porten; Digdir's recommendation) or the
# client secret (HTTP Basic or in the form). IDPORTEN_TOKEN_USE_BASIC_AUTH=false, from
# before, still means client_secret_post.
IDPORTEN_CLIENT_AUTH_METHOD = env_choice(
    "IDPORTEN_CLIENT_AUTH_METHOD",
    "client_secret_basic"
    if env_bool("IDPORTEN_TOKEN_USE_BASIC_AUTH", True)
    else "client_secret_post",
    {"client_secret_basic", "client_secret_post", "private_key_jwt"},
)
IDPORTEN_CLIENT_PRIVATE_KEY = ""
IDPORTEN_CLIENT_KEY_ID = ""
if IDPORTEN_ENABLED:
    OIDC_RP_CLIENT_ID = env_str("IDPORTEN_CLIENT_ID", required=True)
    if IDPORTEN_CLIENT_AUTH_METHOD == "private_key_jwt":
        # The PEM text itself (line breaks may be written as \n).
        IDPORTEN_CLIENT_PRIVATE_KEY = rsa_private_key_pem(
            "IDPORTEN_CLIENT_PRIVATE_KEY",
            env_str("IDPORTEN_CLIENT_PRIVATE_KEY", required=True).replace("\\n", "\n"),
        )
        IDPORTEN_CLIENT_KEY_ID = env_str("IDPORTEN_CLIENT_KEY_ID", required=True)
        OIDC_RP_CLIENT_SECRET = ""
    else:
        OIDC_RP_CLIENT_SECRET = env_str("IDPORTEN_CLIENT_SECRET", required=True)
    OIDC_OP_ISSUER = env_str("IDPORTEN_ISSUER", "https://idporten.no")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
        "IDPORTEN_AUTHORIZATION_ENDPOINT", "https://login.idporten.no/authorize"
    )
    OIDC_OP_TOKEN_ENDPOINT = env_str("IDPORTEN_TOKEN_ENDPOINT", "https://idporten.no/token")
    OIDC_OP_USER_ENDPOINT = env_str("IDPORTEN_USERINFO_ENDPOINT", "https://idporten.no/userinfo")
    OIDC_OP_JWKS_ENDPOINT = env_str("IDPORTEN_JWKS_ENDPOINT", "https://idporten.no/jwks.json")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "portal.oidc.IdPortenBackend"]
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid profile"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": "idporten-loa-substantial"}
OIDC_TOKEN_USE_BASIC_AUTH = IDPORTEN_CLIENT_AUTH_METHOD == "client_secret_basic"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_TIMEOUT = env_int("IDPORTEN_TIMEOUT_SECONDS", 10, minimum=1)
OIDC_REDIRECT_REQUIRE_HTTPS = PRODUCTION
# Log-out also ends the ID-porten session (RP-initiated logout); the post-logout address
# must be registered with ID-porten (default: the front page of SITE_URL).
OIDC_OP_LOGOUT_ENDPOINT = env_str(
    "IDPORTEN_END_SESSION_ENDPOINT", "https://login.idporten.no/logout"
)
IDPORTEN_POST_LOGOUT_REDIRECT_URI = env_str("IDPORTEN_POST_LOGOUT_REDIRECT_URI", f"{SITE_URL}/")
# A session from ID-porten lasts as ID-porten's own (Digdir: 30 minutes, extended by use
# up to 120 minutes after the authentication); then the citizen logs in again
# (portal.idporten_sessions). Front- and back-channel logout end it at once.
IDPORTEN_SESSION_IDLE_SECONDS = env_int("IDPORTEN_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
IDPORTEN_SESSION_MAX_SECONDS = env_int("IDPORTEN_SESSION_MAX_MINUTES", 120, minimum=1) * 60

# Limits (per hour) on forms that create accounts or send e-mail (portal/limits.py,
# django-ratelimit), counted in the default cache: Redis with REDIS_URL (shared by every
# process and server), else each process's own memory.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_CACHE_PREFIX = "ratelimit:"
RATELIMIT_REGISTRATIONS_PER_HOUR = env_int("RATELIMIT_REGISTRATIONS_PER_HOUR", 20, minimum=1)
RATELIMIT_PASSWORD_RESETS_PER_HOUR = env_int("RATELIMIT_PASSWORD_RESETS_PER_HOUR", 10, minimum=1)

# Retention (docs/retention.md): a dotted path to the function that transfers a decided
# case to the municipality's archive system; empty = nothing is removed from decided cases.
RETENTION_ARCHIVE_TRANSFER = env_str("RETENTION_ARCHIVE_TRANSFER", "")
# Days the anonymous search counts (catalogue/search_stats.py) are kept; the privacy
# notice states the same number.
SEARCH_STATS_RETENTION_DAYS = 400
# Days a sign-up for a session (catalogue.participation) is kept after the session ends;
# then the daily job deletes it (docs/participation.md). The privacy notice states it.
PARTICIPATION_RETENTION_DAYS = env_int("PARTICIPATION_RETENTION_DAYS", 90, minimum=1)
LOGIN_REDIRECT_URL_FAILURE = "/konto/logg-inn/"
