"""The one settings module. Everything that differs between machines comes from the environment.

See the table in README.md. With DEBUG off every required value must be present and well formed,
otherwise start-up stops with an ImproperlyConfigured error that names the variable.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import (
    check_http_url,
    env_bool,
    env_cache,
    env_database,
    env_email,
    env_http_url,
    env_imap_url,
    env_imap_urls,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
PRODUCTION = not DEBUG

SECRET_KEY = env_str("SECRET_KEY", required=PRODUCTION, default="insecure-development-key")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long when DEBUG is off.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", required=PRODUCTION, default=["127.0.0.1", "localhost", "[::1]"]
)
SITE_URL = env_http_url("SITE_URL", required=PRODUCTION, default="http://127.0.0.1:8000")
# The municipality that runs the service, and where accessibility feedback goes (the
# accessibility statement names both).
MUNICIPALITY_NAME = env_str("MUNICIPALITY_NAME", required=False, default="Exempelkommun")
ACCESSIBILITY_CONTACT_EMAIL = env_str(
    "ACCESSIBILITY_CONTACT_EMAIL", required=False, default="hallbarhet@example.org"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", required=False)
for _origin in CSRF_TRUSTED_ORIGINS:
    check_http_url("CSRF_TRUSTED_ORIGINS", _origin)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.humanize",  # allauth.usersessions' list uses naturaltime
    "django_htmx",
    "template_partials",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "accounts",
    "networks",
    "representatives",
    "meetings",
]

MIDDLEWARE = [
    "config.request_id.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped (with Django's BREACH mitigation), calendars never: config/compression.py.
    # Before everything that writes the body, so it compresses last; after whitenoise, whose
    # static files are compressed ahead of time.
    "config.compression.CompressPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Change history: the signed-in person is recorded as the one who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Accounts (accounts/mfa.py, accounts/audit.py): coordinators and administrators need a
    # session that used a second factor for every page; every refused request (403) is
    # written to the audit log.
    "accounts.mfa.RequireStaffMFAMiddleware",
    "accounts.audit.DeniedRequestsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "accounts.context_processors.sso",
            ],
            # Available in every template without {% load %}.
            "builtins": ["config.content_language", "config.dates", "config.form_layout"],
        },
    },
]

# Forms render with the project's templates, so templates/django/forms/ can adjust Django's
# widgets (choices people wrote are marked as Swedish, config/content_language.py), and
# `{{ form }}` renders through the one shared layout in templates/forms/.
FORM_RENDERER = "config.form_layout.FormRenderer"

# An SQLite file in the checkout by default, so trying the app needs no database server.
DATABASES = {
    "default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: sign in by e-mail only, no usernames, no open self-signup.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory" if PRODUCTION else "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hållbarhetsnätverken] "
# Sign-in rate limits count in the cache (CACHES), which every gunicorn worker shares. Failed
# sign-ins are limited per account (the address typed, so no account is revealed) and per client
# address (config/proxy.py); the account's limit is checked first, so attempts against a locked
# account do not use up the address's, and a correct password rolls its attempt back. A locked
# account is told how long it has to wait (accounts/adapter.py). See docs/operations.md.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,20/m/ip",
    # Every sign-in POST from one address, failed or not: generous, as a whole office may
    # share one address.
    "login": "60/m/ip",
}
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER", required=False)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
if TRUSTED_PROXY_COUNT and TRUSTED_CLIENT_IP_HEADER:
    raise ImproperlyConfigured("Set TRUSTED_PROXY_COUNT or TRUSTED_CLIENT_IP_HEADER, not both.")

# Accounts (docs/accounts.md, "Two-step verification"): every page and download of
# coordinators and administrators needs a session that used a second factor (accounts/mfa.py);
# on by default in production, off in development so the demo is easy.
REQUIRE_MFA_FOR_STAFF_ROLES = env_bool("REQUIRE_MFA_FOR_STAFF_ROLES", default=PRODUCTION)
# Tell people by e-mail of changes to their sign-in: a second factor added or removed, new
# recovery codes, a new password or address (allauth's notifications, in Swedish in
# templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hållbarhetsnätverken"
# Users see and end their own sessions (allauth.usersessions), linked from "Mitt konto".
USERSESSIONS_TRACK_ACTIVITY = False

# Single sign-on with Microsoft Entra ID (or, for tests and other identity providers, any
# OpenID Connect server at OIDC_SERVER_URL). Only when configured are allauth's social
# accounts installed, their URLs exposed and the button shown. See README, "Accounts".
ENTRA_TENANT_ID = env_str("ENTRA_TENANT_ID", required=False)
OIDC_SERVER_URL = env_str("OIDC_SERVER_URL", required=False)
if ENTRA_TENANT_ID and OIDC_SERVER_URL:
    raise ImproperlyConfigured("Set ENTRA_TENANT_ID or OIDC_SERVER_URL, not both.")
if OIDC_SERVER_URL:
    check_http_url("OIDC_SERVER_URL", OIDC_SERVER_URL)
SSO_SERVER_URL = (
    f"https://login.microsoftonline.com/{ENTRA_TENANT_ID}/v2.0"
    if ENTRA_TENANT_ID
    else OIDC_SERVER_URL
)
SSO_ENABLED = bool(SSO_SERVER_URL)
if SSO_ENABLED:
    INSTALLED_APPS += [
        "allauth.socialaccount",
        "allauth.socialaccount.providers.openid_connect",
    ]
    SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
    SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "entra",
                    "name": "Microsoft",
                    "client_id": env_str("ENTRA_CLIENT_ID", required=True),
                    "secret": env_str("ENTRA_CLIENT_SECRET", required=True),
                    "settings": {"server_url": SSO_SERVER_URL, "fetch_userinfo": True},
                }
            ],
        }
    }
    # Existing accounts: found by the provider's subject once linked; the first time, linked
    # through a verified address only (accounts.adapter.SocialAccountAdapter). No sign-up.
    SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
    SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
    SOCIALACCOUNT_STORE_TOKENS = False
    SOCIALACCOUNT_LOGIN_ON_GET = False

LANGUAGE_CODE = "sv"
# Each language is offered in its own name.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded documents go through `default_storage`; they are never served from a public
# URL, only through the signed-in download view, so MEDIA_URL stays unset.
MEDIA_ROOT = env_str("MEDIA_ROOT", required=False, default=str(BASE_DIR / "media"))
DOCUMENT_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)

# In development (and tests) whitenoise serves from the finders, without collectstatic.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# One cache for all processes: a table in the database by default (created by a migration,
# accounts/migrations/0003_cache_table.py), Redis when CACHE_URL says so. Rate limits count here.
CACHES = {"default": env_cache("CACHE_URL", default="db://django_cache")}

# E-mail: the console in development, an explicit URL (smtp://…) in production.
_email = env_email("EMAIL_URL", required=PRODUCTION, default="console://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", required=PRODUCTION, default="Hållbarhetsnätverken <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (Django's tasks API, the django-tasks backport): e-mail is recorded in the
# outbox with the change and delivered by the worker (`manage.py run_worker`, started by
# `make run` and `make serve`; docs/operations.md). The database backend needs no broker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Delivery attempts before a message is marked failed for the coordinators, and the first
# back-off (doubled after every failed attempt: 1, 2, 4, 8, 16 minutes).
OUTBOX_MAX_ATTEMPTS = 6
OUTBOX_RETRY_BASE_SECONDS = 60
# Days a sent message keeps its content (meetings/outbox/tidy.py); who got what stays for good.
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", default=90)

# The networks' mailboxes, where Outlook's answers to invitations arrive (meetings/replies/):
# one shared IMAP_URL and/or one per network code (IMAP_URL_NSH, IMAP_URL_NEH), kept in the
# environment because they hold the credentials. IMAP_OAUTH2_TOKEN_COMMAND, when set, prints an
# access token for XOAUTH2 sign-in (Microsoft 365), used instead of the URL's password.
IMAP_URL = env_imap_url("IMAP_URL")
IMAP_URLS = env_imap_urls("IMAP_URL_")
IMAP_OAUTH2_TOKEN_COMMAND = env_str("IMAP_OAUTH2_TOKEN_COMMAND", required=False)
# Seconds between two readings of the mailboxes by the worker; `make run` sets 10 for the demo.
IMAP_READ_SECONDS = env_int("IMAP_READ_SECONDS", default=120)

# Security. Sessions last two weeks from sign-in (Django's default; not extended per request),
# or until the browser closes without "Kom ihåg mig"; see README.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's CSRF page, with the refusal marked for the audit log's one line (accounts/audit.py).
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# A strict Content-Security-Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

if SSO_ENABLED:
    # The SSO button posts to us and we redirect to the provider: browsers hold form-action
    # to redirects too, so the provider's origin is allowed (nothing else changes).
    _sso = urlsplit(SSO_SERVER_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_sso.scheme}://{_sso.netloc}")

# Logs go to stdout; every line carries the request id (config/request_id.py). Secrets in URLs
# are masked in every line, and a refused request is one line (config/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.request_id.RequestIDFilter"},
        "mask_secrets": {"()": "config.logging.MaskSecrets"},
        "one_line_per_refusal": {"()": "config.logging.OneLinePerRefusal"},
    },
    "formatters": {
        "plain": {
            "()": "config.logging.MaskingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "django.server": {
            "()": "config.logging.MaskingServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["request_id", "one_line_per_refusal"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "django.server",
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Sign-ins, two-factor changes, calendar link resets, refusals (accounts/audit.py).
        "audit": {"level": "INFO"},
        "django.request": {"filters": ["mask_secrets"]},
        "django.security.csrf": {"filters": ["mask_secrets"]},
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["mask_secrets"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
