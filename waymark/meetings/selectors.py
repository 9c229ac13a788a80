"""Reading meetings, and the record a meeting contribution summarises, through the
user's scope (docs/access.md).

Every query for meetings starts from ``meeting_list_visible_to``; the summaries for a
contribution take a meeting the caller has already fetched through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from waymark.agreements.models import Assignment, IndividualAgreement
from waymark.agreements.selectors import agreements_for_young_person
from waymark.audit.services import audit_record
from waymark.contacts.enums import ContactOutcome
from waymark.contacts.models import Contact
from waymark.core.lookups import get_visible_or_404
from waymark.core.scoping import record_q
from waymark.core.terms import Term, school_term
from waymark.organisations.access import actor_for
from waymark.outcomes.models import Outcome, OutcomeReview
from waymark.young_people.models import YoungPerson

from .models import Meeting
from .permissions import READ_COUNCIL_ROLES, READ_PROVIDER_ROLES, can_write_meetings


def meeting_list_visible_to(*, user: Any) -> QuerySet[Meeting]:
    """Meetings ``user`` may read: the mentor's own young people, the provider's service
    manager and DSL, the council's Virtual School officer."""
    q = record_q(
        actor_for(user),
        young_person_path="agreement__young_person",
        agreement_path="agreement",
        org_path="",
        author_path="author",
        provider_roles=READ_PROVIDER_ROLES,
        council_roles=READ_COUNCIL_ROLES,
    )
    if q is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(q).select_related(
        "author",
        "agreement__young_person__council",
        "agreement__young_person__provider",
        "agreement__framework",
    )


def meetings_for_young_person(*, user: Any, young_person: YoungPerson) -> QuerySet[Meeting]:
    """The meetings of one young person that ``user`` may read, newest first."""
    return meeting_list_visible_to(user=user).filter(agreement__young_person=young_person)


def meeting_get_for_user(*, user: Any, public_id: UUID | str, write: bool = False) -> Meeting:
    """One meeting: 404 when hidden from ``user``, 403 when ``write`` is refused."""
    qs = meeting_list_visible_to(user=user)
    if write:
        qs = qs.prefetch_related(
            Prefetch(
                "agreement__assignments",
                queryset=Assignment.objects.filter(ended_on__isnull=True),
                to_attr="current_assignments",
            )
        )
    meeting = get_visible_or_404(qs, public_id, "meeting")
    if write and not can_write_meetings(actor_for(user), meeting.agreement):
        raise PermissionDenied("You can read this meeting but not change it.")
    return meeting


def meeting_open(*, user: Any, public_id: UUID | str) -> Meeting:
    """Fetch a meeting for reading and record that ``user`` read it (R14)."""
    meeting = meeting_get_for_user(user=user, public_id=public_id)
    audit_record(actor=user, action="meeting.viewed", subject=meeting, young_person=meeting.agreement.young_person)
    return meeting


def agreement_for_new_meeting(*, user: Any, young_person: YoungPerson) -> IndividualAgreement | None:
    """The young person's newest agreement visible to ``user``, with its framework and
    current assignments, or ``None``. Meetings are recorded against it."""
    return agreements_for_young_person(user=user, young_person_id=young_person.pk).first()


# --- What a contribution summarises ----------------------------------------------------


@dataclass(frozen=True)
class ContactSummary:
    """Contacts in the meeting's term up to the meeting day, and the last one made."""

    term: Term
    since: date
    until: date
    made: int
    attempted: int
    last_made_on: date | None


def meeting_contact_summary(*, meeting: Meeting) -> ContactSummary:
    """Counts of contacts made and attempted from the start of the meeting's term (or of
    the agreement, if later) to the meeting day, and the date of the last contact made
    on or before it. One query.

    Only counts and a date leave this function — never notes — so it serves everyone who
    may read the meeting, the Virtual School included (docs/access.md: the council sees counts,
    not notes). The caller must have fetched ``meeting`` through ``meeting_get_for_user``.
    """
    term = school_term(meeting.held_on)
    since = max(term.start, meeting.agreement.start_date)
    in_window = Q(occurred_on__gte=since, occurred_on__lte=meeting.held_on)
    made = Q(outcome=ContactOutcome.MADE)
    figures = Contact.objects.filter(agreement_id=meeting.agreement_id).aggregate(
        made=Count("pk", filter=in_window & made),
        attempted=Count("pk", filter=in_window & Q(outcome=ContactOutcome.ATTEMPTED)),
        last_made_on=Max("occurred_on", filter=made & Q(occurred_on__lte=meeting.held_on)),
    )
    return ContactSummary(
        term=term,
        since=since,
        until=meeting.held_on,
        made=figures["made"],
        attempted=figures["attempted"],
        last_made_on=figures["last_made_on"],
    )


@dataclass(frozen=True)
class OutcomeProgress:
    """One Order Form outcome with its first and latest 0–10 rating up to the meeting."""

    description: str
    first: OutcomeReview | None
    latest: OutcomeReview | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest.rating - self.first.rating


def meeting_outcome_progress(*, meeting: Meeting) -> list[OutcomeProgress]:
    """Each outcome of the agreement's Order Form, in order, with the first and latest
    review on or before the meeting day. Two queries, however many reviews there are.

    The caller must have fetched ``meeting`` through ``meeting_get_for_user``: everyone
    who reads a meeting also reads the young person's outcomes (docs/access.md).
    """
    reviews = OutcomeReview.objects.filter(reviewed_on__lte=meeting.held_on).order_by("reviewed_on", "created_at")
    outcomes = (
        Outcome.objects.filter(order_form_id=meeting.agreement.order_form_id)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("reviews", queryset=reviews, to_attr="reviews_to_date"))
    )
    rows = []
    for outcome in outcomes:
        found: list[OutcomeReview] = outcome.reviews_to_date
        rows.append(
            OutcomeProgress(
                description=outcome.description,
                first=found[0] if found else None,
                latest=found[-1] if found else None,
            )
        )
    return rows
