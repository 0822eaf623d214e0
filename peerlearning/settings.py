"""Settings for Peer Learning, read from the environment.

With no environment at all the app runs on embedded defaults: SQLite, a Celery broker kept in
files under var/ (no server needed) and email written to files under var/emails. Production sets
the variables listed in the README (PostgreSQL, Redis, SMTP).
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# Read directly: django-environ would treat a key beginning with "$" as a reference to another
# variable, and Django's own key generator produces such keys.
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-embedded-default-only-for-local-use")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The service's name, in account emails and subjects (allauth's `current_site`, without
# django.contrib.sites: accounts/adapter.py).
SITE_NAME = env.str("SITE_NAME", default="Peer Learning")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "accounts",
    "notifications",
    "programmes",
    "applications",
    "cohort",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.two_factor.TwoFactorSetupMiddleware",
    "accounts.sessions.KeepTypedTextMiddleware",
    # Who changed what: history rows name the signed-in person (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "peerlearning.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "peerlearning.urls"
WSGI_APPLICATION = "peerlearning.wsgi.application"

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
                "accounts.sessions.page_context",
            ],
            "builtins": ["peerlearning.templatetags.dates"],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'peerlearning.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server, worker and beat share one SQLite file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Only what can be lost lives in the cache (the sign-in rate limits): an unreachable Redis is
    # a miss, logged, and sign-in goes on (peerlearning/cache.py). Short timeouts, so a Redis
    # that does not answer costs a request a second at most, not a hang.
    CACHES = {
        "default": {
            "BACKEND": "peerlearning.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane; accounts/hashers.py). Hashes
# made with Django's default (100 MiB, 8 lanes) are checked as they are and upgraded at sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "after_sign_in"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
# A form whose forgery check fails gets a page that explains and keeps what was typed.
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure"

# django-allauth: email is the login, verified before the account is used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_FORMS = {
    kind: f"accounts.forms.{form}"
    for kind, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "add_email": "AddEmailForm",
    }.items()
}
ACCOUNT_ADAPTER = "peerlearning.account_adapter.AccountAdapter"
# Failed sign-ins are limited per account (the email address typed: 5 in 5 minutes) far more
# tightly than per network address, because a council's officers share one address: one of them
# mistyping, or a wave of sign-ins before a deadline, must not slow or lock out the others. The
# address limits still cap guessing across many accounts from one place.
ACCOUNT_RATE_LIMITS = {
    "login": "120/m/ip",
    "login_failed": "60/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SITE_NAME}: "
# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) with recovery codes. Programme
# staff must set it up (accounts.two_factor); councils may.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "peerlearning.account_adapter.MFAAdapter"
MFA_TOTP_ISSUER = SITE_NAME
MFA_RECOVERY_CODE_COUNT = 10
# A code that always works, for `make run`'s demo only: allauth refuses it unless DEBUG is on.
MFA_TOTP_INSECURE_BYPASS_CODE = env.str("MFA_TOTP_INSECURE_BYPASS_CODE", default="") or None

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence is private: it lives outside anything a web server serves, and leaves only through a
# view that checks permission.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# crispy-forms-gds styles text, email and password inputs only: URL and number inputs (a
# learning day's online link, a capacity) get the Design System's input too.
CRISPY_CLASS_CONVERTERS = {"urlinput": "govuk-input", "numberinput": "govuk-input"}

# Email: EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587; by default, files.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "emails"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Peer Learning <peerlearning@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production; with no REDIS_URL, kombu's filesystem transport needs no server.
# Scheduled work (reminders, the email sweeper) is found by beat-driven sweeps of the database,
# never by long eta/countdown tasks: Redis hands an unacknowledged task to another worker after
# the visibility timeout, so a task waiting longer than that would run twice.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Longer than any retry countdown (EMAIL_RETRY_BACKOFF_MAX_SECONDS) or send.
        "visibility_timeout": 3600,
        # A web request publishing while Redis is unreachable gives up quickly; the email waits
        # in the outbox and the sweeper queues it once Redis is back.
        "socket_connect_timeout": 2,
    }
else:
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        # Without this, kombu writes its broadcast (control) queues to ./control.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it ran, and a worker takes one at a time: a worker that dies
# mid-task leaves the rest of its share to the others.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "requeue-unsent-email": {
        "task": "notifications.requeue_unsent_email",
        "schedule": 120.0,
    },
    "queue-draft-reminders": {
        "task": "applications.queue_draft_reminders",
        "schedule": 300.0,
    },
    "queue-learning-day-reminders": {
        "task": "cohort.queue_learning_day_reminders",
        "schedule": 300.0,
    },
    "queue-progress-update-reminders": {
        "task": "cohort.queue_progress_update_reminders",
        "schedule": 300.0,
    },
}
# The email pipeline (notifications.services): a temporary SMTP failure is retried after about
# EMAIL_RETRY_BACKOFF_SECONDS × 2^(attempt − 1), with jitter, capped; a row claimed for sending
# longer than EMAIL_SENDING_TIMEOUT_SECONDS ago belongs to a worker that died, and is queued again.
EMAIL_RETRY_BACKOFF_SECONDS = env.float("EMAIL_RETRY_BACKOFF_SECONDS", default=30.0)
EMAIL_RETRY_BACKOFF_MAX_SECONDS = env.float("EMAIL_RETRY_BACKOFF_MAX_SECONDS", default=1800.0)
EMAIL_SENDING_TIMEOUT_SECONDS = env.int("EMAIL_SENDING_TIMEOUT_SECONDS", default=600)

# Security headers: all on, so `check --deploy` is clean whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool(
    "SECURE_SSL_REDIRECT", default=not DEBUG and SITE_URL.startswith("https")
)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=31536000 if SITE_URL.startswith("https") else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)

# LOGGING: in the operations block at the end.

# W021 asks for HSTS preloading: a commitment for the whole domain that is slow to undo, so it is
# deliberately off (above) and the check would only repeat that choice.
SILENCED_SYSTEM_CHECKS = ([] if SECURE_HSTS_SECONDS else ["security.W004"]) + (
    [] if SECURE_HSTS_PRELOAD else ["security.W021"]
)

ADMIN_URL = env.str("ADMIN_URL", default="django-admin/")

# --- Operations (issue 20): health checks, the scheduler's heartbeat, logs, error reporting ----
# Everything operators need lives in this block; see the README's "Production" section.
INSTALLED_APPS += ["peerlearning"]  # its management commands: backup and restore
# Beat sends a heartbeat every minute; scheduled work not run for SCHEDULER_STALE_SECONDS puts a
# warning on the programme managers' pages and fails /readyz.
SCHEDULER_HEARTBEAT_SECONDS = 60
SCHEDULER_STALE_SECONDS = env.int("SCHEDULER_STALE_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["scheduler-heartbeat"] = {
    "task": "notifications.record_scheduler_heartbeat",
    "schedule": float(SCHEDULER_HEARTBEAT_SECONDS),
}
# A load balancer asks over plain HTTP, so the health checks are never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# The time the proxy received the request (nginx: X-Request-Start "t=${msec}"), read only behind
# a proxy, which overwrites whatever a client sent (deploy/nginx/peerlearning.conf).
REQUEST_START_HEADER = env.str("REQUEST_START_HEADER", default="HTTP_X_REQUEST_START")
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
# Every request gets an id (the proxy's X-Request-ID behind a proxy), returned in the response's
# X-Request-ID header, shown on the error page and on every log line (peerlearning/logs.py).
MIDDLEWARE = [
    # First of all: when the request reached the service (deadlines are judged by it).
    "peerlearning.arrival.ArrivalTimeMiddleware",
    "peerlearning.logs.RequestIdMiddleware",
    *MIDDLEWARE,
]
# Logs: one JSON object per line (time, level, logger, message, request_id, user_id, task_id),
# or text for a terminal (LOG_FORMAT=text, the default under DEBUG). Email addresses are
# replaced in every line; nothing logs what someone typed.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "operator_context": {"()": "peerlearning.logs.OperatorContext"},
        "redact_email_addresses": {"()": "peerlearning.logs.RedactEmailAddresses"},
    },
    "formatters": {
        "json": {"()": "peerlearning.logs.OperatorJsonFormatter"},
        "text": {
            "()": "peerlearning.logs.OperatorTextFormatter",
            "format": "[%(asctime)s: %(levelname)s/%(name)s] %(message)s "
            "(request %(request_id)s, user %(user_id)s, task %(task_id)s)",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["operator_context", "redact_email_addresses"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
# Celery workers and beat log through the same handler (with the task id), not their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Error reporting to Sentry, only when SENTRY_DSN is set (pip install sentry-sdk): no personal
# data (no user details, no request bodies, no cookies), tagged with the request id.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    from peerlearning.logs import before_send_to_sentry

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        max_request_body_size="never",
        # A frame's local variables could hold what someone typed.
        include_local_variables=False,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        before_send=before_send_to_sentry,
    )
# Rotating SECRET_KEY without signing everyone out: the old key stays here (comma-separated)
# until sessions signed with it have ended (SESSION_COOKIE_AGE), then is removed. Read directly,
# as SECRET_KEY is.
SECRET_KEY_FALLBACKS = [
    key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()
]
# --- end of operations block ----------------------------------------------------------------
