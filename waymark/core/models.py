"""Base models shared by every app."""

import uuid

from django.db import models


class BaseModel(models.Model):
    """A UUID public id for URLs (never the sequential key) and created/updated times."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
