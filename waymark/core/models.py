"""Base models shared by every app."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class BaseModel(models.Model):
    """A UUID public id for URLs (never the sequential key) and created/updated times."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class IdempotencyKey(models.Model):
    """A create the API has answered, remembered by the ``Idempotency-Key`` its client
    sent, so a retry is answered with the first response instead of making a second row
    (``waymark.core.api.IdempotentCreateMixin``). Kept for 24 hours.

    ``status_code`` is empty while the first request is still being answered.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    endpoint = models.CharField(max_length=255, help_text="The method and path the key was sent to.")
    body_hash = models.CharField(max_length=64, help_text="SHA-256 of the request body, as canonical JSON.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "endpoint", "key"], name="core_idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.key}"
