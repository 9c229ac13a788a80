"""Every contacts and sessions page as every persona (collected by
``waymark/core/tests/test_access_matrix.py``; docs/access.md)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from waymark.contacts.models import Session
from waymark.contacts.services import calendar_feed_reset
from waymark.organisations.models import same_scope_as
from waymark.testing.access import ALL, SEES_AGREEMENT_A, SEES_YP_A, Matrix, everyone, only
from waymark.testing.personas import World

WRITERS_A = {"mentor_a", "manager_a"}
# Who sees a session of yp_a that volunteer_a joins.
SEES_SESSION_A = {"mentor_a", "manager_a", "dsl_a", "volunteer_a"}
LISTS_SESSIONS = {"mentor_a", "mentor_a2", "mentor_b", "manager_a", "manager_b", "dsl_a"}
HAS_FEED = {"mentor_a", "mentor_a2", "mentor_b", "volunteer_a"}


def planned_session(world: World) -> Session:
    """A session of yp_a next week, led by mentor_a with volunteer_a joining."""
    session: Session = Session.objects.create(
        agreement=world.agreement_a,
        **same_scope_as(world.agreement_a),
        mentor=world.mentor_a,
        volunteer=world.volunteer_a,
        starts_at=timezone.now() + timedelta(days=7),
        duration_minutes=60,
        location="Hollowmere library",
        created_by=world.mentor_a,
    )
    return session


def _feed_token(world: World) -> str:
    _, token = calendar_feed_reset(actor=world.mentor_a)
    return token


def session_post(world: World) -> dict[str, Any]:
    day = timezone.localdate() + timedelta(days=3)
    return {
        "starts_date": day.isoformat(),
        "starts_time": "16:00",
        "duration_minutes": "60",
        "location": "The climbing wall",
        "purpose": "Try the beginners' wall.",
        "volunteer": "",
    }


MATRIX: Matrix = {
    "contacts:history": (
        lambda w: {"public_id": w.yp_a.public_id},
        {"GET": only(SEES_YP_A, 200, visible=SEES_YP_A)},
    ),
    "contacts:session_new": (
        lambda w: {"public_id": w.agreement_a.public_id},
        {
            "GET": only(WRITERS_A, 200, visible=SEES_AGREEMENT_A),
            "POST": only(WRITERS_A, 302, visible=SEES_AGREEMENT_A),
        },
    ),
    "contacts:session_edit": (
        lambda w: {"public_id": planned_session(w).public_id},
        {
            "GET": only(WRITERS_A, 200, visible=SEES_SESSION_A),
            "POST": only(WRITERS_A, 302, visible=SEES_SESSION_A),
        },
    ),
    "contacts:session_record": (
        lambda w: {"public_id": planned_session(w).public_id},
        {
            "GET": only(WRITERS_A, 200, visible=SEES_SESSION_A),
            "POST": only(WRITERS_A, 302, visible=SEES_SESSION_A),
        },
    ),
    "contacts:my_sessions": (lambda w: {}, {"GET": only(LISTS_SESSIONS, 200, visible=set(ALL))}),
    "contacts:volunteer_sessions": (lambda w: {}, {"GET": only({"volunteer_a"}, 200, visible=set(ALL))}),
    "contacts:calendar": (
        lambda w: {},
        {
            "GET": only(HAS_FEED, 200, visible=set(ALL)),
            # A new address is shown once, on the page that made it.
            "POST": only(HAS_FEED, 200, visible=set(ALL)),
        },
    ),
    # No sign-in: whoever holds the secret address reads the feed (a wrong one is a 404).
    "contacts:calendar_feed": (
        lambda w: {"token": _feed_token(w)},
        {"GET": everyone(200, anonymous=200)},
    ),
}

VALID_POST = {
    "contacts:session_new": session_post,
    # A change carries the version it was based on (the matrix's session is new: version 1).
    "contacts:session_edit": lambda w: {**session_post(w), "version": "1"},
    "contacts:session_record": lambda w: {
        "status": "cancelled",
        "cancelled_by": "young_person",
        "note": "Poorly.",
        "submission_token": "0f6b1f0e-8a6b-4d0e-9d43-5b0b7f4f2b11",
    },
    "contacts:calendar": lambda w: {"action": "create"},
}
