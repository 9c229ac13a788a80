"""Organisations (councils and providers), users and their memberships."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from waymark.core.models import BaseModel

from .enums import COUNCIL_ROLES, PROVIDER_ROLES, OrganisationKind, Role


class Organisation(BaseModel):
    kind = models.CharField(max_length=16, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200, unique=True)
    email = models.EmailField(blank=True, help_text="Shared inbox told of changes, e.g. the Virtual School's.")
    caseload_limit = models.PositiveSmallIntegerField(
        default=8,
        help_text="Providers only: the most young people one mentor may have at once (R7).",
    )
    complaints_procedure_url = models.URLField(
        blank=True, help_text="Councils only: where young people read the council's complaints procedure."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind == OrganisationKind.COUNCIL

    @property
    def is_provider(self) -> bool:
        return self.kind == OrganisationKind.PROVIDER


class User(AbstractUser):
    """A person who signs in. Every non-superuser belongs to exactly one organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def initials(self) -> str:
        parts = (self.full_name or self.username).split()
        return "".join(p[0].upper() for p in parts[:3])


class Membership(BaseModel):
    """A user's role in their organisation. One organisation per user."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        indexes = [models.Index(fields=["organisation", "role", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"

    def clean(self) -> None:
        allowed = PROVIDER_ROLES if self.organisation.is_provider else COUNCIL_ROLES
        if self.role not in allowed:
            raise ValidationError({"role": f"A {self.organisation.get_kind_display().lower()} cannot have this role."})


class OrganisationScoped(models.Model):
    """The provider and council a record belongs to, held on the record itself.

    Copied by the creating service from the young person the record is about (their
    provider and council never change), so that every scoped list filters on its own
    table (``provider_id = …``, ``council_id = …``) through a composite index that also
    serves its ordering, instead of joining through the agreement and the young person.
    Each model declares those indexes, which lead with these columns (so the columns
    have no single-column index of their own).
    """

    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    council = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )

    class Meta:
        abstract = True


def same_scope_as(record: Any) -> dict[str, int]:
    """The ``provider_id`` and ``council_id`` of a new record, copied from the record it
    belongs to (its young person, Order Form, agreement or outcome)."""
    return {"provider_id": record.provider_id, "council_id": record.council_id}
