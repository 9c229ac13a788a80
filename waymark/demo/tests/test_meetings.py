"""Demo meetings: a PEP in the current term and a LAC review, recorded through the service."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from waymark.audit.models import AuditEvent
from waymark.core.terms import school_term
from waymark.demo.meetings import seed_meetings
from waymark.meetings.models import Meeting


@pytest.mark.parametrize(
    ("today", "pep_on", "review_on"),
    [
        (date(2026, 11, 25), date(2026, 10, 16), date(2026, 10, 28)),  # autumn: halfway from the agreement's start
        (date(2027, 2, 10), date(2027, 1, 21), date(2027, 1, 13)),  # spring: halfway from 1 January
        (date(2026, 9, 7), date(2026, 9, 7), date(2026, 9, 7)),  # the agreement starts today
    ],
)
def test_seed_meetings_records_a_pep_this_term_and_a_lac_review(world, today, pep_on, review_on):
    pep, review = seed_meetings(agreement=world.agreement_a, author=world.mentor_a, today=today)

    assert (pep.meeting_type, pep.held_on, pep.attendance) == ("pep", pep_on, "written")
    assert school_term(pep.held_on) == school_term(today)
    assert pep.young_person_views and pep.recommended_actions
    assert (review.meeting_type, review.held_on, review.attendance) == ("lac_review", review_on, "attended")
    assert set(Meeting.objects.values_list("author", flat=True)) == {world.mentor_a.pk}
    assert AuditEvent.objects.filter(action="meeting.recorded").count() == 2


def test_seed_meetings_follows_the_access_rules(world):
    with pytest.raises(PermissionDenied):
        seed_meetings(agreement=world.agreement_a, author=world.vs_x, today=date(2026, 11, 25))

    assert Meeting.objects.count() == 0
