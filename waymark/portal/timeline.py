"""What happened for a young person, newest first, as the viewer may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from waymark.agreements.selectors import assignment_list_visible_to, order_form_list_visible_to
from waymark.contacts.selectors import contact_list_visible_to
from waymark.meetings.selectors import meeting_list_visible_to
from waymark.young_people.models import YoungPerson


@dataclass(frozen=True)
class TimelineEvent:
    when: datetime
    title: str
    byline: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


def young_person_timeline(*, user: Any, young_person: YoungPerson, limit: int = 100) -> list[TimelineEvent]:
    """Order Forms, assignments, contacts and meetings, newest first.

    Each source is read through its own selector, so a viewer sees only what they may
    (council officers see no contact notes). A fixed number of queries.
    """
    events: list[TimelineEvent] = []
    for of in order_form_list_visible_to(user=user).filter(young_person=young_person):
        events.append(
            TimelineEvent(
                when=_at(of.received_on),
                title="Order Form received",
                byline=of.submitted_by.display_name,
                description=f"{of.get_channel_display()}. First contact due by "
                f"{of.first_contact_due_on.day} {of.first_contact_due_on:%B %Y}.",
            )
        )
        if of.decided_at:
            events.append(
                TimelineEvent(
                    when=of.decided_at,
                    title=f"Order Form {of.get_status_display().lower()}",
                    byline=of.decided_by.display_name if of.decided_by else "",
                    description=of.decline_reason,
                )
            )
    for a in assignment_list_visible_to(user=user).filter(agreement__young_person=young_person):
        events.append(
            TimelineEvent(
                when=_at(a.started_on),
                title=("Substitute mentor assigned: " if a.is_substitute else "Mentor assigned: ")
                + a.mentor.display_name,
            )
        )
        if a.ended_on:
            events.append(
                TimelineEvent(
                    when=_at(a.ended_on),
                    title=f"{a.mentor.display_name} stopped mentoring",
                    byline=a.ended_by.display_name if a.ended_by else "",
                    description=f"{a.get_end_reason_display()}. {a.end_note}".strip(),
                )
            )
    for c in contact_list_visible_to(user=user).filter(agreement__young_person=young_person)[:limit]:
        tags = [c.get_outcome_display().split(":")[0]]
        if c.is_first_meeting:
            tags.append("First meeting")
        events.append(
            TimelineEvent(
                when=c.occurred_at,
                title=f"{c.get_mode_display()} contact" + (" attempted" if not c.was_made else ""),
                byline=c.author.display_name,
                description=c.summary,
                tags=tags,
            )
        )
    for m in meeting_list_visible_to(user=user).filter(agreement__young_person=young_person)[:limit]:
        events.append(
            TimelineEvent(
                when=_at(m.held_on),
                title=m.get_meeting_type_display(),
                byline=m.author.display_name,
                tags=[m.get_attendance_display()],
            )
        )
    events.sort(key=lambda e: e.when, reverse=True)
    return events[:limit]
