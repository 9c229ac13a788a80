"""API token authentication: ``Authorization: Token <raw token>``.

Only a SHA-256 digest of each token is stored (``ApiToken.digest``); the raw token is
shown once, when it is created (``manage.py create_api_token``). A revoked token, or a
token of an inactive user, is refused with 401.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from .models import ApiToken, hash_token

KEYWORD = "Token"
# ``last_used_at`` is written at most this often per token, so reads stay reads.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    """Authenticate a request by the hashed API token in its Authorization header."""

    keyword = KEYWORD

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # not ours: let session authentication try
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header: give 'Token' and the token, nothing else.")
        try:
            raw = parts[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token header: the token has unexpected characters.") from exc
        return self.authenticate_credentials(raw)

    def authenticate_credentials(self, raw: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(digest=hash_token(raw)).first()
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("This user is inactive.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            # ``update`` leaves ``updated_at`` alone: using a token is not editing it.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
