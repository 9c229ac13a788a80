"""The Meetings tab and the pages to record, view and change a meeting."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from waymark.agreements.enums import OrderFormStatus
from waymark.audit.models import AuditEvent
from waymark.meetings.models import Meeting
from waymark.meetings.views import PAGE_SIZE
from waymark.testing.db import db_snapshot
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory, OrderFormFactory
from waymark.testing.meeting_factories import MeetingFactory

MARKUP = '<script>alert("x")</script><b>bold</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"


def _list_url(world):
    return reverse("meetings:list", args=[world.yp_a.public_id])


def _form(**overrides):
    data = {
        "meeting_type": "pep",
        "held_on": timezone.localdate().isoformat(),
        "attendance": "written",
        "engagement": "Comes to every session.",
        "progress": "",
        "young_person_views": "",
        "recommended_actions": "",
    }
    data.update(overrides)
    return data


# --- The Meetings tab -----------------------------------------------------------------


def test_meetings_tab_lists_type_date_term_and_our_part(world, client_for):
    MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 10, 14))
    MeetingFactory(
        agreement=world.agreement_a,
        author=world.mentor_a,
        meeting_type="lac_review",
        attendance="attended",
        held_on=date(2027, 1, 20),
    )
    MeetingFactory(agreement=world.agreement_b, author=world.mentor_b, held_on=date(2026, 10, 15))

    response = client_for(world.mentor_a).get(_list_url(world))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-label="Meeting"') == 2
    assert "Looked-after child (LAC) review" in html
    assert "20 January 2027" in html and "Spring term 2027" in html
    assert "14 October 2026" in html and "Autumn term 2026" in html
    assert "Contributed in writing" in html and "Attended" in html
    assert "15 October 2026" not in html  # yp_b's meeting
    assert html.index("20 January 2027") < html.index("14 October 2026")  # newest first
    assert 'aria-current="page">Meetings<' in html
    assert 'aria-current="true"' in html  # the "young people" navigation item


def test_meetings_tab_offers_recording_only_to_writers(world, client_for):
    url = _list_url(world)
    new_url = reverse("meetings:new", args=[world.yp_a.public_id])

    seen = {
        name: new_url in client_for(world.personas[name]).get(url).content.decode()
        for name in ("mentor_a", "manager_a", "dsl_a", "vs_x")
    }

    assert seen == {"mentor_a": True, "manager_a": True, "dsl_a": False, "vs_x": False}


def test_meetings_tab_is_paginated(world, client_for):
    for n in range(PAGE_SIZE + 5):
        MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 9, 8) + timedelta(days=n))
    client = client_for(world.mentor_a)

    first = client.get(_list_url(world)).content.decode()
    second = client.get(_list_url(world) + "?page=2").content.decode()

    assert first.count('data-label="Meeting"') == PAGE_SIZE
    assert second.count('data-label="Meeting"') == 5
    assert "Page 2 of 2" in second


def test_opening_the_meetings_tab_is_audited(world, client_for):
    client_for(world.vs_x).get(_list_url(world))

    event = AuditEvent.objects.get(action="young_person.viewed")
    assert (event.actor, event.young_person) == (world.vs_x, world.yp_a)


def _add_meetings(world, rows):
    for n in range(rows):
        MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 9, 8) + timedelta(days=n))


@pytest.mark.parametrize("rows", [1, 30])
def test_meetings_tab_query_count_is_flat_for_the_mentor(rows, world, client_for, django_assert_num_queries):
    _add_meetings(world, rows)
    client = client_for(world.mentor_a)
    url = _list_url(world)

    # session, user, membership, the mentor's caseload, young person, audit insert,
    # meetings count and page, the audit insert naming the meetings shown (R14), agreement
    # with current assignments (2), unread notifications.
    with django_assert_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count('data-label="Meeting"') == min(rows, PAGE_SIZE)


@pytest.mark.parametrize("rows", [1, 30])
def test_meetings_tab_query_count_is_flat_for_the_virtual_school(rows, world, client_for, django_assert_num_queries):
    _add_meetings(world, rows)
    client = client_for(world.vs_x)
    url = _list_url(world)

    with django_assert_num_queries(11):  # + the audit insert naming the meetings shown (R14)
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count('data-label="Meeting"') == min(rows, PAGE_SIZE)


# --- Record a meeting -----------------------------------------------------------------


def test_mentor_records_a_meeting(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("meetings:new", args=[world.yp_a.public_id]), _form(young_person_views="Likes football.")
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.public_id])
    assert (meeting.agreement, meeting.author) == (world.agreement_a, world.mentor_a)
    assert meeting.young_person_views == "Likes football."


def test_refused_meeting_keeps_input_escaped_and_shows_the_error_summary(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("meetings:new", args=[world.yp_a.public_id]),
        _form(held_on="2026-09-01", young_person_views=MARKUP),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The meeting cannot be before the agreement started on 7 September 2026." in html
    assert ESCAPED in html
    assert MARKUP not in html
    assert 'value="2026-09-01"' in html
    assert Meeting.objects.count() == 0


def test_empty_written_contribution_is_refused_on_the_first_text(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("meetings:new", args=[world.yp_a.public_id]), _form(engagement="  ", recommended_actions="")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_engagement"' in html
    assert "A written contribution cannot be empty" in html
    assert Meeting.objects.count() == 0


def test_form_errors_keep_every_answer(world, client_for):
    response = client_for(world.manager_a).post(
        reverse("meetings:new", args=[world.yp_a.public_id]),
        _form(meeting_type="", attendance="attended", progress="Four days a week now."),
    )

    html = response.content.decode()
    assert "Choose the type of meeting." in html
    assert 'value="attended" checked' in html
    assert "Four days a week now." in html
    assert Meeting.objects.count() == 0


def test_no_recording_on_an_ended_agreement(world, client_for):
    world.agreement_a.status = "ended"
    world.agreement_a.end_date = date(2026, 11, 1)
    world.agreement_a.save()

    response = client_for(world.manager_a).post(reverse("meetings:new", args=[world.yp_a.public_id]), _form())

    assert response.status_code == 403
    assert Meeting.objects.count() == 0


def test_meeting_recorded_on_the_young_persons_newest_agreement(world, client_for):
    newer = IndividualAgreementFactory(
        order_form=OrderFormFactory(
            framework=world.framework_xa,
            young_person=world.yp_a,
            status=OrderFormStatus.ACCEPTED,
            submitted_by=world.vs_x,
            received_on=date(2026, 10, 1),
        )
    )
    AssignmentFactory(agreement=newer, mentor=world.mentor_a, assigned_by=world.manager_a)

    client_for(world.mentor_a).post(reverse("meetings:new", args=[world.yp_a.public_id]), _form())

    assert Meeting.objects.get().agreement == newer


# --- View and change ------------------------------------------------------------------


def test_meeting_page_escapes_markup_and_is_audited(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, recommended_actions=MARKUP)

    response = client_for(world.dsl_a).get(reverse("meetings:detail", args=[meeting.public_id]))

    html = response.content.decode()
    assert response.status_code == 200
    assert ESCAPED in html
    assert MARKUP not in html
    assert "Autumn term 2026" in html
    assert reverse("meetings:pdf", args=[meeting.public_id]) in html
    assert reverse("meetings:edit", args=[meeting.public_id]) not in html  # the DSL reads only
    event = AuditEvent.objects.get(action="meeting.viewed")
    assert (event.actor, event.subject_id) == (world.dsl_a, str(meeting.public_id))


def test_meeting_page_summarises_contacts_in_the_term(world, client_for):
    from waymark.testing.factories import ContactFactory

    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 10, 14))
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a)  # 7 September 2026
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a, outcome="attempted")

    html = client_for(world.mentor_a).get(reverse("meetings:detail", args=[meeting.public_id])).content.decode()

    assert "1 made, 1 attempted between 7 September 2026 and 14 October 2026" in html
    assert "Last contact made: 7 September 2026" in html


def test_change_form_starts_with_the_saved_answers(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, progress="Four days a week.")

    html = client_for(world.manager_a).get(reverse("meetings:edit", args=[meeting.public_id])).content.decode()

    assert "Four days a week." in html
    assert f'value="{meeting.held_on.isoformat()}"' in html
    assert 'value="written" checked' in html


def test_meeting_changed(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)

    response = client_for(world.mentor_a).post(
        reverse("meetings:edit", args=[meeting.public_id]),
        _form(held_on="2026-10-01", recommended_actions="Visit college.", version="1"),
    )

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.held_on == date(2026, 10, 1)
    assert meeting.recommended_actions == "Visit college."
    assert AuditEvent.objects.filter(action="meeting.updated").count() == 1


def test_refused_change_keeps_input_and_changes_nothing(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)
    saved = Meeting.objects.values().get(pk=meeting.pk)
    far = (timezone.localdate() + timedelta(days=400)).isoformat()

    response = client_for(world.mentor_a).post(
        reverse("meetings:edit", args=[meeting.public_id]), _form(held_on=far, progress=MARKUP, version="1")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The meeting cannot be more than a year ahead." in html
    assert ESCAPED in html
    assert f'value="{far}"' in html
    assert Meeting.objects.values().get(pk=meeting.pk) == saved
    assert AuditEvent.objects.filter(action="meeting.updated").count() == 0


def test_meeting_edit_page_carries_the_version(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, version=3)

    response = client_for(world.mentor_a).get(reverse("meetings:edit", args=[meeting.public_id]))

    assert '<input type="hidden" name="version" value="3"' in response.content.decode()


def test_stale_meeting_change_is_refused_on_the_page_and_saving_again_replaces(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)
    client = client_for(world.mentor_a)
    url = reverse("meetings:edit", args=[meeting.public_id])
    client.post(url, _form(recommended_actions="First.", version="1"))
    before = db_snapshot(allow_audit=("meeting.viewed",))

    stale = client.post(url, _form(recommended_actions="Second.", version="1"))

    html = stale.content.decode()
    assert stale.status_code == 200
    assert "Someone else changed this meeting while you were editing it." in html
    assert '<input type="hidden" name="version" value="2"' in html
    assert db_snapshot(allow_audit=("meeting.viewed",)) == before
    again = client.post(url, _form(recommended_actions="Second.", version="2"))
    meeting.refresh_from_db()
    assert (again.status_code, meeting.recommended_actions, meeting.version) == (302, "Second.", 3)
