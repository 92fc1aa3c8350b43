"""Settings for the portal, read from the environment.

Every variable is listed in `.env.example`. The defaults give a working local site
(SQLite, local-memory cache, console e-mail); production sets DEBUG=0 and the rest.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value.strip() else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set SECRET_KEY in the environment, or DEBUG=1 for local development."
        )
    # Development only: a fixed key would leak into production copies; a random one per
    # process is enough for a local server and for tests.
    SECRET_KEY = "dev-insecure-" + os.urandom(24).hex()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "axes",
    "django_prose_editor",
    "portal",
    "news",
    "comments",
    "supporters",
    "digests",
]

MIDDLEWARE = [
    # ETags and 304s for every GET, cached pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    # A cached page for an anonymous reader skips everything below (portal/page_cache.py).
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: turns a locked-out admin login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, SQLite by default. SQLite runs in WAL mode with IMMEDIATE
# transactions so concurrent writers queue for the lock instead of failing with
# "database is locked" half-way through a transaction.
# DB_TRANSACTION_POOLING: PostgreSQL is reached through a pooler in transaction mode (PgBouncer),
# whose connections belong to a transaction, not to a thread: no persistent connections, and no
# server-side cursors (one would be looked for on another connection once its transaction ends).
DB_TRANSACTION_POOLING = env_bool("DB_TRANSACTION_POOLING")
DATABASES = {
    # An empty DATABASE_URL (as a blank line in an env file sets it) means the default too.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0 if DB_TRANSACTION_POOLING else env_int("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
        disable_server_side_cursors=DB_TRANSACTION_POOLING,
    )
}
# DATABASE_REPLICA_URL: a read-only replica of the primary that full-text search reads
# (portal/replica.py); every other read, and every write, goes to the primary. Tests read the
# primary through it.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
        disable_server_side_cursors=DB_TRANSACTION_POOLING,
        test_options={"MIRROR": "default"},
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # An unreachable replica must fail fast: searches then read the primary.
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_REPLICA_CONNECT_TIMEOUT", 2)
DATABASE_ROUTERS = ["portal.replica.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;PRAGMA cache_size=-65536;PRAGMA temp_store=MEMORY",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server); otherwise a table in the
# database (created by migrate), which every process of the machine shares too, so rate limits
# hold across workers. Either way, what decides a page's freshness is in the database
# (portal/page_cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "portal")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            # A hung Redis must cost a request a second at most, not a hung worker: the back end
            # then serves without it for a while (portal/cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Parts of pages that every page shows alike (the section links, the sidebar, the footer, a
# section's newest stories), kept by each process under the listings' token. A change renews the
# token in the database, so a process's next page asks for a new key: nothing here can be stale.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True), console otherwise.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    email_settings = dj_email_url.parse(EMAIL_URL)
    # A mail server that stops answering fails a request or a digest run instead of hanging it
    # (`?timeout=` in EMAIL_URL sets another limit).
    email_settings["EMAIL_TIMEOUT"] = email_settings.get("EMAIL_TIMEOUT") or 10
    globals().update(email_settings)
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out admin login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

SITE_ID = 1
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Counts readers by portal.client_ip, like every other limit, and keeps `next` through
# e-mail verification (portal/accounts.py).
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "portal.accounts.LoginForm", "signup": "portal.accounts.SignupForm"}
# Only in the browser that signed up (allauth keeps the sign-up in its session): the reader is
# logged in and back on the article; a link opened anywhere else leads to "Log in".
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth counts these in the default cache, which is Redis (shared) in production.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# The reader's address (portal/client_ip.py). Behind the load balancer every request comes from
# its address: TRUSTED_PROXY_COUNT is how many proxies of ours append to X-Forwarded-For (1 for
# deploy/nginx/portal.conf, 2 with a CDN in front that appends too). 0 ignores the header, which
# anyone can send; a count higher than the real one lets readers choose their own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# allauth reads it through ACCOUNT_ADAPTER; its own setting says the same for any other reader.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
if os.environ.get("SUPPORT_CLIENT_IP_HEADER"):
    raise ImproperlyConfigured(
        "SUPPORT_CLIENT_IP_HEADER is replaced by TRUSTED_PROXY_COUNT: remove it, and set "
        "TRUSTED_PROXY_COUNT=1 behind the load balancer (docs/deploy.md)."
    )

# Admin logins (django-axes, portal/admin_login.py): ADMIN_LOGIN_FAILURE_LIMIT wrong passwords
# for one account, or from one client, lock that account or client out of /admin/login/ for
# ADMIN_LOGIN_LOCKOUT_SECONDS (a 429 with Retry-After); each try during a lockout starts it again.
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("ADMIN_LOGIN_LOCKOUT_SECONDS", 900))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account, per client
AXES_ONLY_ADMIN_SITE = True
AXES_WHITELIST_CALLABLE = "portal.admin_login.is_not_admin_login"
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.admin_login.lockout_response"
# Attempts live in PostgreSQL (shared by every server, listed in Admin → Axes); no log of every
# successful login, which would be a write for each reader signing in.
AXES_DISABLE_ACCESS_LOG = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
# The site is written in English only. Translation machinery off: every {% url %}, date and
# format lookup asked for the active language, about a twentieth of an uncached article page.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images: MEDIA_ROOT by default (on storage every app server shares), or with
# MEDIA_STORAGE=s3 any S3-compatible bucket through django-storages. A dotted path names any
# other storage class.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
MEDIA_ORIGINS = []  # where pages load images from besides our own origin, for the CSP
if MEDIA_STORAGE == "s3":
    from urllib.parse import urlsplit

    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_S3_ACCESS_KEY_ID") or os.environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("AWS_S3_SECRET_ACCESS_KEY") or os.environ.get("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            # Pages are cached and shared: image addresses must not carry signatures that expire,
            # so readers need read access to the objects: a bucket policy, or AWS_DEFAULT_ACL=public-read.
            "querystring_auth": False,
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            # Names are never reused (a new upload gets a new name), so browsers may keep files.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if not _media_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    if _media_storage["OPTIONS"]["custom_domain"]:
        MEDIA_ORIGINS.append(f"https://{_media_storage['OPTIONS']['custom_domain'].split('/')[0]}")
    elif _media_storage["OPTIONS"]["endpoint_url"]:
        _endpoint = urlsplit(_media_storage["OPTIONS"]["endpoint_url"])
        MEDIA_ORIGINS.append(f"{_endpoint.scheme}://{_endpoint.netloc}")
    else:
        MEDIA_ORIGINS.append(f"https://{_media_storage['OPTIONS']['bucket_name']}.s3.amazonaws.com")
elif MEDIA_STORAGE == "filesystem":
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    _media_storage = {"BACKEND": MEDIA_STORAGE}
# Lead image uploads (news/images.py): larger files, or more pixels (a small PNG can declare
# billions: a decompression bomb), are refused with a message. 40 megapixels decode to 160 MB.
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000)
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Production and scale: HTTPS, security headers, page cache, logs ---
# Behind the load balancer, which terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the app servers over plain HTTP, without X-Forwarded-Proto.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # SECURE_COOKIES=0 only for `make serve` on plain http://127.0.0.1.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)

# Checkout and the billing portal are form posts answered by a redirect to Stripe, which the
# browser checks against form-action too (a local Stripe test server is added per request by
# portal.middleware.ContentSecurityPolicyMiddleware).
_STRIPE_ORIGINS = ["https://checkout.stripe.com", "https://billing.stripe.com"]
# No 'unsafe-inline' or 'unsafe-eval': scripts and styles come from our static files only.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS, *env_list("CSP_IMG_SRC")],  # add a media CDN's origin here
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *_STRIPE_ORIGINS],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "usb", "browsing-topics",
    )
}

# Anonymous readers' news pages: kept PAGE_CACHE_SECONDS in the cache (keyed on versions in the
# database, so a change shows as soon as the versions are read again) and PAGE_CACHE_MAX_AGE in
# browsers and proxies.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 10)
# Each process also sends the pages it served again, and reuses the versions and supporters it
# read, for this long (portal/page_cache.Recent): another process's change shows that much
# later. Off in development.
PAGE_CACHE_LOCAL_SECONDS = env_int("PAGE_CACHE_LOCAL_SECONDS", 0 if DEBUG else 1)
# A new release (RELEASE=git commit, say) starts with empty page caches: new templates show at once.
PAGE_CACHE_RELEASE = os.environ.get("RELEASE", "")

# Addresses that get the reasons behind /healthz's answer (they can name hosts and ports).
INTERNAL_IPS = env_list("INTERNAL_IPS", "127.0.0.1,::1")

# Logs go to stdout; LOG_FORMAT=json (the production default) gives one JSON object a line.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "line" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Each process's start-up line ("AXES: BEGIN …"), and a line runserver prints itself.
        "axes.apps": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
    },
}

# The site itself.
SITE_NAME = os.environ.get("SITE_NAME", "Orbital Wire")
SITE_TAGLINE = os.environ.get(
    "SITE_TAGLINE", "...the who's who, and the what's what of the space industry"
)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
CORRECTIONS_EMAIL = os.environ.get("CORRECTIONS_EMAIL", "corrections@localhost")
# "Follow us" links in the footer: comma-separated "Label|URL" pairs.
FOLLOW_LINKS = [
    tuple(item.split("|", 1))
    for item in env_list(
        "FOLLOW_LINKS",
        "RSS feed|/news/feed/,Mastodon|https://mastodon.social/,Bluesky|https://bsky.app/",
    )
    if "|" in item
]
NEWS_PAGE_SIZE = 20
PREVIEW_LINK_MAX_AGE = 7 * 24 * 3600

# Supporters (Stripe).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
SUPPORT_CURRENCY = os.environ.get("SUPPORT_CURRENCY", "usd").lower()
SUPPORT_MIN_AMOUNT = env_int("SUPPORT_MIN_AMOUNT", 5)
# Ceiling for one contribution, in whole units: a typo of 50000 should not reach Checkout.
SUPPORT_MAX_AMOUNT = env_int("SUPPORT_MAX_AMOUNT", 10000)
SUPPORT_PRESET_AMOUNTS = [int(item) for item in env_list("SUPPORT_PRESET_AMOUNTS", "5,10,25") if item.isdigit()]
# Card testers create many Checkout Sessions quickly; real supporters need one or two.
SUPPORT_CHECKOUT_LIMIT_PER_IP = env_int("SUPPORT_CHECKOUT_LIMIT_PER_IP", 10)
SUPPORT_CHECKOUT_LIMIT_PER_SESSION = env_int("SUPPORT_CHECKOUT_LIMIT_PER_SESSION", 5)
SUPPORT_CHECKOUT_LIMIT_WINDOW = env_int("SUPPORT_CHECKOUT_LIMIT_WINDOW", 3600)
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 2)
# Checkout limits count readers by portal.client_ip (TRUSTED_PROXY_COUNT above).
# The stripe library logs every request at INFO; keep its warnings and errors only.
LOGGING["loggers"]["stripe"] = {"level": "WARNING"}


# Comments. Rate limits are counted in the default cache (Redis in production), so they hold
# across every app server.
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)  # 0: never close by age
COMMENTS_EDIT_WINDOW_MINUTES = env_int("COMMENTS_EDIT_WINDOW_MINUTES", 15)
COMMENTS_COOLDOWN_SECONDS = env_int("COMMENTS_COOLDOWN_SECONDS", 20)
COMMENTS_HOURLY_CAP = env_int("COMMENTS_HOURLY_CAP", 30)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_NEW_ACCOUNT_HOLD = env_int("COMMENTS_NEW_ACCOUNT_HOLD", 1)
COMMENTS_FLAGS_TO_HOLD = env_int("COMMENTS_FLAGS_TO_HOLD", 3)
COMMENTS_PAGE_SIZE = 50
COMMENTS_REFRESH_SECONDS = 30


# The daily e-mail digest (digests/). A confirmation link works for DIGEST_CONFIRM_MAX_AGE
# seconds; subscribing is limited per reader's address and per e-mail address (so nobody can
# fill a stranger's inbox with confirmation mails), counted in the shared cache.
DIGEST_CONFIRM_MAX_AGE = env_int("DIGEST_CONFIRM_MAX_AGE", 3 * 24 * 3600)
DIGEST_SUBSCRIBE_LIMIT_PER_IP = env_int("DIGEST_SUBSCRIBE_LIMIT_PER_IP", 10)
DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS = env_int("DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS", 3)
DIGEST_SUBSCRIBE_LIMIT_WINDOW = env_int("DIGEST_SUBSCRIBE_LIMIT_WINDOW", 3600)
# Subscribers claimed, sent to and marked as sent together by send_digests: a run killed
# mid-batch leaves at most this many unsent, never sent twice.
DIGEST_BATCH_SIZE = env_int("DIGEST_BATCH_SIZE", 100)
