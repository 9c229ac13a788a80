"""Production: PostgreSQL, a shared database cache, database task queue, MFA for all.

Refuses to start without DJANGO_SECRET_KEY, WAYMARK_FIELD_ENCRYPTION_KEY and
DJANGO_ALLOWED_HOSTS.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of at least 50 characters.")
WAYMARK_FIELD_ENCRYPTION_KEY = env.list("WAYMARK_FIELD_ENCRYPTION_KEY", default=[])
if not WAYMARK_FIELD_ENCRYPTION_KEY or len(WAYMARK_FIELD_ENCRYPTION_KEY[0]) < 32:
    raise ImproperlyConfigured(
        "WAYMARK_FIELD_ENCRYPTION_KEY must be set to a random value of at least 32 characters, "
        "different from DJANGO_SECRET_KEY."
    )
if SECRET_KEY in WAYMARK_FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("WAYMARK_FIELD_ENCRYPTION_KEY must differ from DJANGO_SECRET_KEY.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names the service answers on.")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

WAYMARK_REQUIRE_MFA = True

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "waymark_cache",
    }
}
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")}}
