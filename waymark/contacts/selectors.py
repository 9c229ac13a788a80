"""Reading contacts through the user's scope."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from waymark.core.lookups import get_visible_or_404
from waymark.core.scoping import record_q
from waymark.organisations.access import Actor, actor_for
from waymark.organisations.enums import Role
from waymark.organisations.models import User
from waymark.young_people.models import YoungPerson

from .calendar import calendar_token_digest
from .enums import ContactOutcome, SessionStatus
from .models import CalendarFeed, Contact, Session
from .permissions import (
    READ_PROVIDER_ROLES,
    READ_SESSION_PROVIDER_ROLES,
    STAFF_PRESENT_ROLES,
    can_have_calendar_feed,
)


def contact_list_visible_to(*, user: Any) -> QuerySet[Contact]:
    """Contacts with their notes: the mentor's own agreements, the provider's managers and DSL.

    A volunteer reads the contacts they took part in. Council users see counts and
    summaries in termly reports, never the notes (docs/access.md).
    """
    actor = actor_for(user)
    q = _volunteer_q(actor) or record_q(
        actor,
        young_person_path="agreement__young_person",
        agreement_path="agreement",
        org_path="",
        author_path="author",
        provider_roles=READ_PROVIDER_ROLES,
    )
    if q is None:
        return Contact.objects.none()
    return Contact.objects.filter(q).select_related(
        "author", "agreement__young_person", "volunteer", "staff_present", "session"
    )


def contact_get_for_user(*, user: Any, public_id: UUID | str) -> Contact:
    return get_visible_or_404(contact_list_visible_to(user=user), public_id, "contact")


def _volunteer_q(actor: Actor | None) -> Q | None:
    """A volunteer's scope: what they took part in, in their own provider (docs/access.md)."""
    if actor is None or actor.organisation is None or not actor.has_role(Role.VOLUNTEER):
        return None
    return Q(volunteer=actor.user, provider_id=actor.organisation_id)


def contacts_for_young_person(*, user: Any, young_person: YoungPerson) -> QuerySet[Contact]:
    """A young person's contacts that ``user`` may read, newest first."""
    return (
        contact_list_visible_to(user=user)
        .filter(agreement__young_person=young_person)
        .order_by("-occurred_at", "-created_at")
    )


def contact_counts_for_young_person(*, user: Any, young_person: YoungPerson) -> dict[str, int]:
    """How many contacts a young person has had, for those who see counts but no notes
    (the council's Virtual School, docs/access.md), and for everyone who reads the notes.
    All zero when ``user`` may not see the young person's contacts at all."""
    actor = actor_for(user)
    q = record_q(
        actor,
        young_person_path="agreement__young_person",
        agreement_path="agreement",
        org_path="",
        provider_roles=READ_PROVIDER_ROLES,
        council_roles=(Role.VS_OFFICER,),
    )
    keys = ("total", "made", "attempted", "evening", "late_evening", "weekend")
    if q is None:
        return dict.fromkeys(keys, 0)
    counts = Contact.objects.filter(q, agreement__young_person=young_person).aggregate(
        total=Count("pk"),
        made=Count("pk", filter=Q(outcome=ContactOutcome.MADE)),
        attempted=Count("pk", filter=Q(outcome=ContactOutcome.ATTEMPTED)),
        evening=Count("pk", filter=Q(is_evening=True)),
        late_evening=Count("pk", filter=Q(is_late_evening=True)),
        weekend=Count("pk", filter=Q(is_weekend=True)),
    )
    return {key: int(counts[key] or 0) for key in keys}


def provider_people(*, provider_id: int, roles: Collection[str]) -> QuerySet[User]:
    """Active people of a provider with one of ``roles``, by name (for choosing who took part)."""
    return User.objects.filter(
        membership__organisation_id=provider_id,
        membership__role__in=list(roles),
        membership__is_active=True,
        is_active=True,
    ).order_by("full_name", "username")


def volunteers_of(*, provider_id: int) -> QuerySet[User]:
    return provider_people(provider_id=provider_id, roles=[Role.VOLUNTEER])


def staff_of(*, provider_id: int) -> QuerySet[User]:
    """The staff who may be named as present with a volunteer (R5): mentors and managers."""
    return provider_people(provider_id=provider_id, roles=STAFF_PRESENT_ROLES)


# --- Sessions --------------------------------------------------------------------


def session_list_visible_to(*, user: Any) -> QuerySet[Session]:
    """Sessions ``user`` may read: the same scope as contacts (the mentor assigned now,
    the provider's managers and DSL), plus, for a volunteer, the sessions they join."""
    actor = actor_for(user)
    q = _volunteer_q(actor) or record_q(
        actor,
        young_person_path="agreement__young_person",
        agreement_path="agreement",
        org_path="",
        provider_roles=READ_SESSION_PROVIDER_ROLES,
    )
    if q is None:
        return Session.objects.none()
    return Session.objects.filter(q).select_related(
        "agreement__young_person", "agreement__framework", "mentor", "volunteer", "contact"
    )


def session_get_for_user(*, user: Any, public_id: UUID | str) -> Session:
    return get_visible_or_404(session_list_visible_to(user=user), public_id, "session")


def sessions_planned(*, user: Any) -> QuerySet[Session]:
    """Planned sessions ``user`` may read, soonest first: those still to come and
    those whose time has passed without a record of what happened."""
    return session_list_visible_to(user=user).filter(status=SessionStatus.PLANNED).order_by("starts_at", "pk")


def sessions_planned_for_young_person(*, user: Any, young_person: YoungPerson) -> QuerySet[Session]:
    return sessions_planned(user=user).filter(agreement__young_person=young_person)


def sessions_not_held_for_young_person(*, user: Any, young_person: YoungPerson) -> QuerySet[Session]:
    """Cancelled and not-attended sessions, newest first: kept and shown, never contacts."""
    return (
        session_list_visible_to(user=user)
        .filter(
            agreement__young_person=young_person, status__in=[SessionStatus.CANCELLED, SessionStatus.DID_NOT_ATTEND]
        )
        .order_by("-starts_at", "-pk")
    )


def sessions_joined(*, user: Any) -> QuerySet[Session]:
    """A volunteer's sessions, soonest first (the page shows initials only)."""
    actor = actor_for(user)
    q = _volunteer_q(actor)
    if q is None:
        return Session.objects.none()
    return Session.objects.filter(q).select_related("agreement__young_person", "mentor").order_by("starts_at", "pk")


# --- Calendar feeds --------------------------------------------------------------

FEED_DAYS_BACK = 60


def calendar_feed_for_user(*, user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first() if getattr(user, "is_authenticated", False) else None


def calendar_feed_sessions(*, token: str) -> QuerySet[Session]:
    """The sessions in the feed at ``token``'s address: planned and held, from 60 days
    ago on, read through the feed owner's own scope. 404 for an unknown or reset secret,
    or an owner who may no longer have a feed."""
    feed = CalendarFeed.objects.select_related("user").filter(digest=calendar_token_digest(token)).first()
    if feed is None or not feed.user.is_active or not can_have_calendar_feed(actor_for(feed.user)):
        raise Http404("No such calendar.")
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    return (
        session_list_visible_to(user=feed.user)
        .filter(status__in=[SessionStatus.PLANNED, SessionStatus.HELD], starts_at__gte=since)
        .order_by("starts_at", "pk")
    )


def provider_people_any_role(*, provider_id: int) -> QuerySet[User]:
    """Every active person of a provider, whatever their role: for naming who took part
    through the API, where the service then says why a role will not do (R5)."""
    return provider_people(provider_id=provider_id, roles=[role.value for role in Role])
