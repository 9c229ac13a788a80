"""Access matrix entries for the meetings pages (merged into this app's ``matrix.py``).

Meetings are read by everyone who reads the young person's record (the mentor assigned
now, the provider's service manager and DSL, the council's Virtual School officer) and
written by the mentor and the service manager; everyone else is hidden from them (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from waymark.meetings.models import Meeting
from waymark.testing.access import SEES_YP_A, Matrix, only
from waymark.testing.meeting_factories import MeetingFactory
from waymark.testing.personas import World

WRITERS = {"mentor_a", "manager_a"}


def meeting_a(world: World) -> Meeting:
    """yp_a's meeting, made once per test."""
    found = Meeting.objects.filter(agreement=world.agreement_a).first()
    return found or MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)


def _yp(world: World) -> dict[str, Any]:
    return {"public_id": world.yp_a.public_id}


def _meeting(world: World) -> dict[str, Any]:
    return {"public_id": meeting_a(world).public_id}


def _valid_meeting(world: World) -> dict[str, Any]:
    return {
        "meeting_type": "pep",
        "held_on": timezone.localdate().isoformat(),
        "attendance": "written",
        "engagement": "Comes to every session.",
    }


MATRIX: Matrix = {
    "meetings:list": (_yp, {"GET": only(SEES_YP_A, 200, visible=SEES_YP_A)}),
    "meetings:new": (
        _yp,
        {
            "GET": only(WRITERS, 200, visible=SEES_YP_A),
            "POST": only(WRITERS, 302, visible=SEES_YP_A),
        },
    ),
    "meetings:detail": (_meeting, {"GET": only(SEES_YP_A, 200, visible=SEES_YP_A)}),
    "meetings:edit": (
        _meeting,
        {
            "GET": only(WRITERS, 200, visible=SEES_YP_A),
            "POST": only(WRITERS, 302, visible=SEES_YP_A),
        },
    ),
    "meetings:pdf": (_meeting, {"GET": only(SEES_YP_A, 200, visible=SEES_YP_A)}),
}

VALID_POST: dict[str, Callable[[World], dict[str, Any]]] = {
    "meetings:new": _valid_meeting,
    # A change carries the version it was based on (the matrix's meeting is new: version 1).
    "meetings:edit": lambda world: {**_valid_meeting(world), "version": "1"},
}
