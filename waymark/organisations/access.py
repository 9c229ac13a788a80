"""Who is asking: the organisation and role of a user, read once per request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .enums import Role
from .models import Membership

if TYPE_CHECKING:
    from .models import Organisation, User


@dataclass(frozen=True)
class Actor:
    """The signed-in user's organisation and role; ``None`` fields for no membership."""

    user: User
    organisation: Organisation | None
    role: str | None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation else None

    def has_role(self, *roles: str) -> bool:
        return self.role is not None and self.role in roles

    @property
    def is_provider_staff(self) -> bool:
        return self.organisation is not None and self.organisation.is_provider

    @property
    def is_council_staff(self) -> bool:
        return self.organisation is not None and self.organisation.is_council

    @property
    def is_mentor(self) -> bool:
        """Sees only their caseload (core.scoping)."""
        return self.role == Role.MENTOR


def actor_for(user: Any) -> Actor | None:
    """The actor for a signed-in user with an active membership, else ``None``.

    Cached on the user object so a request reads the membership once.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_waymark_actor", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    membership = Membership.objects.select_related("organisation").filter(user=user, is_active=True).first()
    actor = Actor(
        user=user,
        organisation=membership.organisation if membership else None,
        role=membership.role if membership else None,
    )
    user._waymark_actor = actor
    return actor


__all__ = ["Actor", "Role", "actor_for"]
