"""Private iCalendar feeds of sessions: the secret's digest and the feed's content.

A feed is read by calendar apps that cannot sign in, so its address holds a secret.
Only the secret's SHA-256 digest is stored (``CalendarFeed.digest``). The feed names
nobody: each event says "Mentoring session – <initials>", where, and when (R14: only
needed data leaves the service, and calendar apps often sync to other companies).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from icalendar import Calendar, Event

from .enums import SessionStatus
from .models import Session

PRODID = "-//Waymark//Mentoring sessions//EN"


def calendar_token_digest(token: str) -> str:
    """The SHA-256 hex digest of a feed's secret, as stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def session_summary(session: Session) -> str:
    """The event's title: initials only, never a name."""
    return f"Mentoring session – {session.agreement.young_person.initials}"


def render_calendar(sessions: Iterable[Session], *, now: datetime | None = None) -> bytes:
    """An iCalendar (RFC 5545) document of ``sessions``; times in UTC."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{settings.WAYMARK_SERVICE_NAME} sessions")
    for session in sessions:
        starts = session.starts_at.astimezone(UTC)
        event = Event()
        event.add("uid", f"session-{session.public_id}@waymark")
        event.add("dtstamp", stamp)
        event.add("dtstart", starts)
        event.add("dtend", starts + timedelta(minutes=session.duration_minutes))
        event.add("summary", session_summary(session))
        event.add("location", session.location)
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        event.add("last-modified", session.updated_at.astimezone(UTC))
        if session.status == SessionStatus.HELD:
            event.add("description", "Held.")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
