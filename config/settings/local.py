"""The demo and local development: SQLite, console email, inline tasks.

Multi-factor sign-in is NOT required here so the demo logins work at once; the
banner on every page says so. Production settings require it for every user.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-demo-key-not-for-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
WAYMARK_REQUIRE_MFA = env.bool("WAYMARK_REQUIRE_MFA", default=False)
# Insecure-origin WebAuthn and http cookies are acceptable on 127.0.0.1 only.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
