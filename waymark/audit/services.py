"""Writing the audit log. Called by every service inside its own transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any

from django.db import models

from waymark.organisations.access import actor_for

from .models import AuditEvent

if TYPE_CHECKING:
    from waymark.organisations.models import User


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(getattr(value, "public_id", value.pk))
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The named (or all concrete) fields of ``instance`` as JSON-ready values."""
    names = fields or [
        f.attname for f in instance._meta.concrete_fields if f.attname not in {"id", "created_at", "updated_at"}
    ]
    return {name: _plain(getattr(instance, name)) for name in names}


def audit_record(
    *,
    actor: User | None,
    action: str,
    subject: models.Model,
    young_person: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. Call inside the transaction of the change it records.

    ``young_person`` is the young person the event is about, when there is one.
    """

    who = actor_for(actor)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=who.organisation if who else None,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=str(getattr(subject, "public_id", subject.pk)),
        young_person_id=young_person.pk if young_person is not None else None,
        before=before,
        after=after,
    )
