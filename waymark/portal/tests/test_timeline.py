"""The young person's timeline: what happened, as the viewer may see it."""

from waymark.portal.timeline import young_person_timeline
from waymark.testing.factories import ContactFactory
from waymark.testing.meeting_factories import MeetingFactory


def test_timeline_shows_meetings_and_contacts_newest_first(world):
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a, summary="Walked to school together.")
    MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, meeting_type="pep")

    events = young_person_timeline(user=world.manager_a, young_person=world.yp_a)

    titles = [e.title for e in events]
    assert "Personal Education Plan (PEP) review" in titles
    assert "Face to face contact" in titles
    assert [e.when for e in events] == sorted((e.when for e in events), reverse=True)


def test_timeline_gives_the_council_no_contact_notes(world):
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a, summary="Private note about home.")
    MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, meeting_type="pep")

    events = young_person_timeline(user=world.vs_x, young_person=world.yp_a)

    assert all("Private note" not in e.description for e in events)
    assert "Personal Education Plan (PEP) review" in [e.title for e in events]
