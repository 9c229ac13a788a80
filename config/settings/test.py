"""Test settings: SQLite unless DATABASE_URL is set, fast hashing, in-memory mail."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "insecure-test-key"  # noqa: S105 - the test settings only  # nosec B105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAYMARK_REQUIRE_MFA = env.bool("WAYMARK_REQUIRE_MFA", default=False)
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
# Static files come from the app and build folders (finders); nothing is collected.
STATIC_ROOT = None  # type: ignore[assignment]  # base.py sets a Path
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
