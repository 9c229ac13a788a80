"""The one way records are scoped to a user (ACCESS.md).

Every selector builds its queryset filter here, so pages, API, commands and tasks all
see the same rows. ``None`` means the user sees no rows of that kind.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db.models import Q

from waymark.organisations.enums import Role

if TYPE_CHECKING:
    from waymark.organisations.access import Actor


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


def record_q(
    actor: Actor | None,
    *,
    young_person_path: str,
    agreement_path: str | None = None,
    provider_roles: Collection[str],
    council_roles: Collection[str] = (),
    mentor: bool = True,
    author_path: str | None = None,
) -> Q | None:
    """A filter for records reached through a young person (and maybe an agreement).

    ``young_person_path`` is the lookup from the model to its YoungPerson ("" for the
    YoungPerson itself); ``agreement_path`` the lookup to its IndividualAgreement
    ("" for the agreement itself), when the record belongs to one.

    - provider roles in ``provider_roles`` see everything of their provider;
    - council roles in ``council_roles`` see what their council's Order Forms created;
    - a mentor (when ``mentor``) sees only what belongs to agreements they are
      assigned to now, or young people they are assigned to now — and, when the record
      has an author (``author_path``), what they wrote themselves, after their
      assignment ended (ACCESS.md: "except to what they wrote").
    """
    if actor is None or actor.organisation is None or actor.role is None:
        return None
    yp = _prefix(young_person_path)
    if actor.role == Role.MENTOR:
        if not mentor:
            return None
        from waymark.agreements.models import Assignment

        current = Assignment.objects.filter(mentor=actor.user, ended_on__isnull=True)
        if agreement_path is not None:
            assigned = Q(**{f"{_prefix(agreement_path)}id__in": current.values("agreement_id")})
            if author_path is not None:
                assigned |= Q(**{author_path: actor.user})
            return Q(**{f"{yp}provider": actor.organisation}) & assigned
        return Q(
            **{
                f"{yp}provider": actor.organisation,
                f"{yp}id__in": current.values("agreement__young_person_id"),
            }
        )
    if actor.is_provider_staff and actor.role in provider_roles:
        return Q(**{f"{yp}provider": actor.organisation})
    if actor.is_council_staff and actor.role in council_roles:
        return Q(**{f"{yp}council": actor.organisation})
    return None
