"""Writing the audit log. Called by every service inside its own transaction."""

from __future__ import annotations

import datetime
import decimal
import re
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from .models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# The organisation an actor acts for. The audit log sits below the organisations app,
# which registers the lookup at start-up (OrganisationsConfig.ready).
OrganisationOf = Callable[[Any], models.Model | None]
_organisation_of: OrganisationOf = lambda user: None  # noqa: E731 - until organisations registers


def register_organisation_lookup(lookup: OrganisationOf) -> None:
    """Called once, from the organisations app's ``ready()``."""
    global _organisation_of  # noqa: PLW0603 - one registration at start-up
    _organisation_of = lookup


def _pk(instance: models.Model | None) -> Any:
    return instance.pk if instance is not None else None


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
    actor: AbstractBaseUser | None,
    action: str,
    subject: models.Model,
    young_person: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. Call inside the transaction of the change it records.

    ``young_person`` is the young person the event is about, when there is one.
    """

    signed_in = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor_id=actor.pk if signed_in and actor is not None else None,
        organisation_id=_pk(_organisation_of(actor)) if signed_in else None,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=str(getattr(subject, "public_id", subject.pk)),
        young_person_id=young_person.pk if young_person is not None else None,
        before=before,
        after=after,
    )


def audited_save(*, actor: AbstractBaseUser | None, instance: models.Model, fields: list[str], noun: str) -> None:
    """Validate and save ``instance``, and audit ``<noun>.created`` or ``<noun>.updated``
    with the named fields that changed. For records kept by administrators (organisations,
    roles, frameworks); call inside the caller's permission check and transaction."""
    model = type(instance)
    creating = instance.pk is None
    before = {} if creating else snapshot(model._default_manager.get(pk=instance.pk), fields)
    instance.full_clean()
    instance.save()
    after = snapshot(instance, fields)
    changed = [k for k in after if before.get(k) != after[k]]
    audit_record(
        actor=actor,
        action=f"{noun}.created" if creating else f"{noun}.updated",
        subject=instance,
        before={k: before[k] for k in changed} if before else None,
        after={k: after[k] for k in changed},
    )


def list_action(model: type[models.Model]) -> str:
    """``young_person.listed`` for ``YoungPerson``: the action of a list read of ``model``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower() + ".listed"


def audit_list_read(
    *,
    actor: AbstractBaseUser | None,
    model: type[models.Model],
    public_ids: Iterable[Any],
    young_person: models.Model | None = None,
) -> AuditEvent | None:
    """Record that ``actor`` was shown a list of ``model`` records (R14): one event per
    request, naming the records returned (the page's rows, not the whole query) in
    ``after["public_ids"]``, whatever the number of rows. No rows, no event.

    ``young_person`` is the young person the list is about, when it is about one.
    """
    ids = [str(public_id) for public_id in public_ids]
    if not ids:
        return None
    signed_in = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor_id=actor.pk if signed_in and actor is not None else None,
        organisation_id=_pk(_organisation_of(actor)) if signed_in else None,
        action=list_action(model),
        subject_type=model._meta.label_lower,
        subject_id="",
        young_person_id=young_person.pk if young_person is not None else None,
        after={"public_ids": ids},
    )
