"""A mentor whose assignment has ended keeps reading what they wrote, and nothing else
(docs/access.md: "a past mentor loses access when the assignment ends, except to what they wrote")."""

from waymark.agreements.enums import AssignmentEndReason
from waymark.agreements.services import assignment_substitute
from waymark.meetings.selectors import meeting_list_visible_to
from waymark.testing.meeting_factories import MeetingFactory


def test_past_mentor_reads_own_meetings_only(world):
    own = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)
    others = MeetingFactory(agreement=world.agreement_a, author=world.manager_a)
    assert set(meeting_list_visible_to(user=world.mentor_a)) == {own, others}

    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Moved to another team.",
        new_mentor=world.mentor_a2,
    )

    assert list(meeting_list_visible_to(user=world.mentor_a)) == [own]
    assert set(meeting_list_visible_to(user=world.mentor_a2)) == {own, others}
