"""Fetching one record by its public id from a queryset already scoped to the user."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_visible_or_404(qs: QuerySet[M], public_id: UUID | str, what: str) -> M:
    """The record with ``public_id`` in ``qs``, or 404 — the same answer whether it does
    not exist, the id is malformed, or the user may not see it."""
    try:
        return qs.get(public_id=public_id)
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(f"No such {what}.") from exc
