"""Creating and revoking API tokens. The raw token is returned once and never stored."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from waymark.audit.services import audit_record
from waymark.organisations.models import User

from .models import ApiToken, hash_token


def api_token_create(*, user: User, name: str = "", actor: User | None = None) -> tuple[ApiToken, str]:
    """Create an API token for ``user``; return it with the raw token, shown only now.

    ``actor`` is who created it (``None`` for an operator at the command line).
    Side effects: an ApiToken holding only the token's SHA-256 digest and its first
    characters; an audit event ``api_token.created``.
    """
    raw = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, prefix=raw[:8], digest=hash_token(raw))
        audit_record(
            actor=actor,
            action="api_token.created",
            subject=token,
            after={"user": str(user.public_id), "name": name, "prefix": token.prefix},
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    """Revoke a token: it is refused from now on. Side effects: ``revoked_at``; an audit event."""
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_record(
                actor=actor,
                action="api_token.revoked",
                subject=token,
                after={"user": str(token.user.public_id), "prefix": token.prefix},
            )
    return token
