"""The contacts and sessions pages: what each shows, errors that keep the input, and
flat query counts for every list."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from waymark.audit.models import AuditEvent
from waymark.contacts.enums import SessionStatus
from waymark.contacts.models import CalendarFeed, Contact, Session
from waymark.contacts.tests.matrix import MATRIX, VALID_POST
from waymark.organisations.models import same_scope_as
from waymark.testing.db import db_snapshot
from waymark.testing.factories import (
    AssignmentFactory,
    ContactFactory,
    IndividualAgreementFactory,
    YoungPersonFactory,
)

YOUNG_PERSON_VIEWED = ("young_person.viewed",)  # reading a record logs it: not a change

LONDON = ZoneInfo("Europe/London")


def _session(world, *, days=2, agreement=None, mentor=None, **extra):
    return Session.objects.create(
        agreement=agreement or world.agreement_a,
        **same_scope_as(agreement or world.agreement_a),
        mentor=mentor or world.mentor_a,
        starts_at=timezone.now() + timedelta(days=days),
        duration_minutes=60,
        location="Hollowmere library",
        created_by=world.mentor_a,
        **extra,
    )


def _history(world):
    return reverse("contacts:history", args=[world.yp_a.public_id])


def _text(response):
    return response.content.decode()


def _contact_post(**overrides):
    when = timezone.localtime() - timedelta(minutes=10)
    data = {
        "occurred_date": when.date().isoformat(),
        "occurred_time": when.strftime("%H:%M"),
        "mode": "face_to_face",
        "outcome": "made",
        "location": "Climbing wall",
        "summary": "Climbed.",
        "submission_token": "3e0a3b38-1c0f-4a5e-9d58-2b8f6b4a7e01",
    }
    data.update(overrides)
    return data


# --- History --------------------------------------------------------------------


def test_history_shows_planned_sessions_then_contacts_newest_first_with_tags(world, client_for):
    _session(world, days=3, purpose="Climbing taster", volunteer=world.volunteer_a)
    ContactFactory(
        agreement=world.agreement_a,
        author=world.mentor_a,
        occurred_at=datetime(2026, 9, 12, 21, 30, tzinfo=LONDON),
        is_late_evening=True,
        is_weekend=True,
        summary="Late call on a Saturday.",
        young_person_words="I just needed someone to pick up.",
        participants=["young_person", "carer"],
    )
    ContactFactory(
        agreement=world.agreement_a,
        author=world.mentor_a,
        occurred_at=datetime(2026, 9, 9, 19, 0, tzinfo=LONDON),
        is_evening=True,
        summary="Evening walk.",
    )

    response = client_for(world.mentor_a).get(_history(world))

    text = _text(response)
    assert response.status_code == 200
    assert text.index("Planned sessions") < text.index("Climbing taster") < text.index("Late call on a Saturday.")
    assert text.index("Late call on a Saturday.") < text.index("Evening walk.")
    contacts = text[text.index('<h2 class="govuk-heading-m">Contacts</h2>') :]
    tags = re.findall(r'<strong class="govuk-tag [^"]*">([^<]+)</strong>', contacts)
    assert tags == ["Made", "Late evening", "Weekend", "Made", "Evening"]
    assert "I just needed someone to pick up." in text
    assert "Young person, Carer" in text
    assert 'aria-current="page">Contacts and sessions' in text
    assert "Log a contact" in text and "Plan a session" in text


def test_history_shows_sessions_that_did_not_happen(world, client_for):
    _session(world, days=-2, status=SessionStatus.CANCELLED, cancelled_by="carer", status_note="Poorly.")
    _session(world, days=-9, status=SessionStatus.DID_NOT_ATTEND)

    text = _text(client_for(world.manager_a).get(_history(world)))

    assert "Sessions that did not happen" in text
    assert "cancelled by the carer or placement" in text
    assert "Did not attend" in text and "Poorly." in text


def test_history_for_the_dsl_is_read_only(world, client_for):
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a, summary="Visible to the DSL.")
    _session(world)

    text = _text(client_for(world.dsl_a).get(_history(world)))

    assert "Visible to the DSL." in text
    assert "Log a contact" not in text
    assert "Record what happened" not in text


def test_history_for_the_virtual_school_shows_counts_but_no_notes(world, client_for):
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a, summary="A private note.", is_weekend=True)
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a, outcome="attempted", summary="Another note.")
    _session(world, purpose="A private plan.")

    response = client_for(world.vs_x).get(_history(world))

    text = _text(response)
    assert response.status_code == 200
    assert "2 contacts: 1 made and 1 attempted." in text
    assert "A private note." not in text and "Another note." not in text and "A private plan." not in text


def test_history_opening_is_audited(world, client_for):
    client_for(world.mentor_a).get(_history(world))

    assert AuditEvent.objects.filter(action="young_person.viewed", actor=world.mentor_a).count() == 1


def test_history_is_paginated(world, client_for):
    for day in range(25):
        ContactFactory(
            agreement=world.agreement_a,
            author=world.mentor_a,
            occurred_at=datetime(2026, 9, 8, 10, 0, tzinfo=LONDON) + timedelta(days=day),
            summary=f"Contact number {day}.",
        )
    client = client_for(world.mentor_a)

    first = _text(client.get(_history(world)))
    second = _text(client.get(_history(world) + "?page=2"))

    assert "Contact number 24." in first and "Contact number 4." not in first
    assert "Contact number 4." in second and "Contact number 24." not in second
    assert "Page 1 of 2" in first


def _add_history(world, n):
    for day in range(n):
        ContactFactory(
            agreement=world.agreement_a,
            author=world.mentor_a,
            occurred_at=datetime(2026, 9, 8, 19, 0, tzinfo=LONDON) + timedelta(days=day),
            volunteer=world.volunteer_a,
            staff_present=world.mentor_a,
            participants=["young_person"],
        )
        _session(world, days=day + 1, volunteer=world.volunteer_a)
        _session(world, days=-day - 1, status=SessionStatus.CANCELLED, cancelled_by="carer")


@pytest.mark.parametrize("rows", [1, 30])
def test_history_query_count_is_flat(world, client_for, rows, django_assert_num_queries):
    _add_history(world, rows)
    client = client_for(world.mentor_a)
    client.get(_history(world))  # warm the session and the working-day cache

    # session, user, membership, the mentor's caseload, young person, the audited read, contact counts,
    # agreement + its current assignments, assignments for can_log_contact, contact
    # count + page, the audit insert naming the contacts shown (R14), planned sessions,
    # not-held sessions + their count, notifications.
    with django_assert_num_queries(17):
        response = client.get(_history(world))

    assert response.status_code == 200


# Staff who read notes: + the audit insert naming the contacts shown (R14); the Virtual
# School sees counts only, no list.
@pytest.mark.parametrize(("persona", "queries"), [("manager_a", 15), ("dsl_a", 15), ("vs_x", 7)])
def test_history_query_count_is_flat_for_other_readers(world, client_for, persona, queries):
    client = client_for(world.personas[persona])
    _add_history(world, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(_history(world))

    _add_history(world, 29)
    with CaptureQueriesContext(connection) as many:
        client.get(_history(world))

    assert (len(few.captured_queries), len(many.captured_queries)) == (queries, queries)


# --- Logging a contact ----------------------------------------------------------------


def test_contact_form_folds_rarely_used_fields_into_more_details(world, client_for):
    text = _text(client_for(world.mentor_a).get(reverse("contacts:new", args=[world.agreement_a.public_id])))

    details = text[text.index('<details class="govuk-details"') : text.index("</details>")]
    assert '<details class="govuk-details">' in text
    for name in (
        "participants",
        "other_participants",
        "volunteer",
        "staff_present",
        "young_person_words",
        "next_steps",
    ):
        assert f'name="{name}"' in details
    for name in ("occurred_date", "mode", "outcome", "duration_minutes", "location", "summary"):
        assert f'name="{name}"' not in details


def test_contact_logged_with_every_detail_goes_to_the_history(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]),
        _contact_post(
            participants=["young_person", "school"],
            volunteer=str(world.volunteer_a.public_id),
            staff_present=str(world.mentor_a.public_id),
            young_person_words="Worth it.",
            next_steps="Book the course.",
        ),
    )

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _history(world)
    assert (contact.participants, contact.volunteer, contact.staff_present, contact.young_person_words) == (
        ["young_person", "school"],
        world.volunteer_a,
        world.mentor_a,
        "Worth it.",
    )


def test_contact_with_a_volunteer_alone_is_refused_with_details_open_and_input_kept(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]),
        _contact_post(
            participants=["carer"],
            volunteer=str(world.volunteer_a.public_id),
            staff_present="",
            young_person_words="Kept <words>",
        ),
    )

    text = _text(response)
    assert response.status_code == 200
    assert "A volunteer can never be the only adult" in text
    assert '<details class="govuk-details" open>' in text
    assert "Kept &lt;words&gt;" in text
    assert re.search(r'value="carer" checked', text)
    assert re.search(rf'value="{world.volunteer_a.public_id}" selected', text)
    assert Contact.objects.count() == 0


def test_contact_form_without_volunteers_in_the_provider_hides_the_volunteer_fields(world, client_for):
    world.volunteer_a.membership.delete()

    text = _text(client_for(world.mentor_a).get(reverse("contacts:new", args=[world.agreement_a.public_id])))

    assert 'name="volunteer"' not in text and 'name="staff_present"' not in text
    assert 'name="participants"' in text


# --- Planning and recording sessions -------------------------------------------------


def _session_post(**overrides):
    day = timezone.localdate() + timedelta(days=4)
    data = {
        "starts_date": day.isoformat(),
        "starts_time": "16:30",
        "duration_minutes": "90",
        "location": "Climbing wall",
        "purpose": "Beginners' wall.",
        "volunteer": "",
    }
    data.update(overrides)
    return data


def test_session_planned_through_the_page(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("contacts:session_new", args=[world.agreement_a.public_id]),
        _session_post(volunteer=str(world.volunteer_a.public_id)),
    )

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _history(world)
    assert (timezone.localtime(session.starts_at).strftime("%H:%M"), session.duration_minutes, session.volunteer) == (
        "16:30",
        90,
        world.volunteer_a,
    )


def test_session_in_2029_is_refused_on_the_page_with_nothing_saved(world, client_for):
    client = client_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        reverse("contacts:session_new", args=[world.agreement_a.public_id]), _session_post(starts_date="2029-01-10")
    )

    assert response.status_code == 200
    assert "A session can be planned up to two years ahead: choose a date on or before 25 November 2028." in _text(
        response
    )
    assert db_snapshot() == before


@pytest.mark.parametrize("day", ["1601-07-06", "9999-12-31"])
def test_session_date_outside_the_bounds_is_a_form_error(day, world, client_for):
    client = client_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        reverse("contacts:session_new", args=[world.agreement_a.public_id]), _session_post(starts_date=day)
    )

    assert response.status_code == 200
    assert "Enter a date between 1 January 1900 and 31 December 2100." in _text(response)
    assert db_snapshot() == before


def test_session_in_the_past_is_refused_with_input_kept(world, client_for):
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client_for(world.mentor_a).post(
        reverse("contacts:session_new", args=[world.agreement_a.public_id]),
        _session_post(starts_date=yesterday.isoformat(), location="Kept <place>"),
    )

    text = _text(response)
    assert response.status_code == 200
    assert "A session in the past cannot be planned" in text
    assert 'href="#id_starts_date"' in text
    assert "Kept &lt;place&gt;" in text
    assert Session.objects.count() == 0


def test_session_edit_changes_it(world, client_for):
    session = _session(world)

    response = client_for(world.manager_a).post(
        reverse("contacts:session_edit", args=[session.public_id]), _session_post(location="Park café", version="1")
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert (session.location, session.version) == ("Park café", 2)


def test_session_edit_page_carries_the_version(world, client_for):
    session = _session(world, version=4)

    response = client_for(world.mentor_a).get(reverse("contacts:session_edit", args=[session.public_id]))

    assert '<input type="hidden" name="version" value="4"' in _text(response)


def test_stale_session_edit_is_refused_and_saving_again_replaces(world, client_for):
    session = _session(world)
    client = client_for(world.mentor_a)
    url = reverse("contacts:session_edit", args=[session.public_id])
    client.post(url, _session_post(location="First place", version="1"))
    before = db_snapshot()

    stale = client.post(url, _session_post(location="Second place", version="1"))

    text = _text(stale)
    assert stale.status_code == 200
    assert "Someone else changed this session while you were editing it." in text
    assert '<input type="hidden" name="version" value="2"' in text
    assert db_snapshot() == before
    again = client.post(url, _session_post(location="Second place", version="2"))
    session.refresh_from_db()
    assert (again.status_code, session.location, session.version) == (302, "Second place", 3)


def test_session_edit_of_a_closed_session_goes_back_to_the_history(world, client_for):
    session = _session(world, status=SessionStatus.CANCELLED, cancelled_by="carer")

    response = client_for(world.mentor_a).get(reverse("contacts:session_edit", args=[session.public_id]))

    assert response.status_code == 302
    assert response["Location"] == _history(world)


def test_session_recorded_as_held_becomes_a_contact(world, client_for):
    session = _session(world, days=-1)

    response = client_for(world.mentor_a).post(
        reverse("contacts:session_record", args=[session.public_id]),
        {
            "status": "held",
            "mode": "face_to_face",
            "duration_minutes": "50",
            "summary": "Climbed the red route.",
            "young_person_words": "Sick.",
            "cancelled_by": "",
            "submission_token": "5b0e8f5c-9c55-4d31-8d0e-4f0f5f7b9a10",
        },
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.status == SessionStatus.HELD
    assert (session.contact.duration_minutes, session.contact.young_person_words) == (50, "Sick.")


def test_session_record_without_a_mode_keeps_the_input(world, client_for):
    session = _session(world, days=-1)

    response = client_for(world.mentor_a).post(
        reverse("contacts:session_record", args=[session.public_id]),
        {"status": "held", "summary": "Kept summary", "submission_token": "5b0e8f5c-9c55-4d31-8d0e-4f0f5f7b9a11"},
    )

    text = _text(response)
    assert response.status_code == 200
    assert "Choose how the session was held." in text
    assert "Kept summary" in text
    assert re.search(r'value="held" checked', text)
    session.refresh_from_db()
    assert (session.status, Contact.objects.count()) == (SessionStatus.PLANNED, 0)


def test_session_record_cancelled_without_who_is_refused(world, client_for):
    session = _session(world)

    response = client_for(world.mentor_a).post(
        reverse("contacts:session_record", args=[session.public_id]),
        {"status": "cancelled", "submission_token": "5b0e8f5c-9c55-4d31-8d0e-4f0f5f7b9a12"},
    )

    assert response.status_code == 200
    assert "Say who cancelled the session." in _text(response)
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


# --- My sessions, Sessions I join ---------------------------------------------------


def test_my_sessions_lists_the_mentors_sessions_across_young_people(world, client_for):
    other = IndividualAgreementFactory(order_form__framework=world.framework_xa)
    AssignmentFactory(agreement=other, mentor=world.mentor_a, assigned_by=world.manager_a)
    _session(world, days=1)
    _session(world, days=2, agreement=other)
    _session(world, days=-1)  # still to record
    _session(world, days=3, status=SessionStatus.CANCELLED, cancelled_by="carer")
    # A surname no other young person of the test world has, so its absence means something.
    second = IndividualAgreementFactory(
        order_form__framework=world.framework_xa, order_form__young_person__legal_last_name="Notonmylist"
    )
    AssignmentFactory(agreement=second, mentor=world.mentor_a2, assigned_by=world.manager_a)
    _session(world, days=1, agreement=second, mentor=world.mentor_a2)

    response = client_for(world.mentor_a).get(reverse("contacts:my_sessions"))

    text = _text(response)
    assert response.status_code == 200
    assert text.count('<tr class="govuk-table__row">') - 2 == 3  # minus the two header rows
    assert text.index("To record") < text.index("Coming up")
    assert second.young_person.display_name == f"{second.young_person.legal_first_name} Notonmylist"
    assert "Notonmylist" not in text
    assert 'aria-current="page">' in text and "My sessions" in text


def test_volunteer_sessions_show_initials_and_no_names(world, client_for):
    _session(world, days=2, volunteer=world.volunteer_a, purpose="Climbing.")
    _session(world, days=3)

    response = client_for(world.volunteer_a).get(reverse("contacts:volunteer_sessions"))

    text = _text(response)
    assert response.status_code == 200
    assert ">TQ<" in text
    assert "Tamsin" not in text and "Quillfeather" not in text
    assert text.count("Hollowmere library") == 1
    assert "Sessions I join" in text


def _add_sessions(world, n):
    for day in range(n):
        yp = YoungPersonFactory(council=world.council_x, provider=world.provider_a)
        agreement = IndividualAgreementFactory(order_form__framework=world.framework_xa, order_form__young_person=yp)
        AssignmentFactory(agreement=agreement, mentor=world.mentor_a, assigned_by=world.manager_a)
        _session(world, days=day + 1, agreement=agreement, volunteer=world.volunteer_a)
        _session(world, days=-day - 1, agreement=agreement, volunteer=world.volunteer_a, status=SessionStatus.HELD)


@pytest.mark.parametrize(
    ("persona", "url_name", "queries"),
    [
        # Each includes the audit insert naming the sessions shown (R14).
        ("mentor_a", "contacts:my_sessions", 8),
        ("manager_a", "contacts:my_sessions", 7),
        ("volunteer_a", "contacts:volunteer_sessions", 8),
    ],
)
def test_session_lists_query_count_is_flat(world, client_for, persona, url_name, queries):
    client = client_for(world.personas[persona])
    url = reverse(url_name)
    _add_sessions(world, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    _add_sessions(world, 29)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert (len(few.captured_queries), len(many.captured_queries)) == (queries, queries)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_volunteer_sessions_query_count(world, client_for, rows, django_assert_num_queries):
    _add_sessions(world, rows)
    client = client_for(world.volunteer_a)
    client.get(reverse("contacts:volunteer_sessions"))

    # session, user, membership, page count + rows, earlier sessions, the audit insert
    # naming the sessions shown (R14), notifications
    with django_assert_num_queries(8):
        client.get(reverse("contacts:volunteer_sessions"))


# --- Calendar page ------------------------------------------------------------------


def test_calendar_page_shows_a_new_address_once(world, client_for):
    client = client_for(world.mentor_a)
    url = reverse("contacts:calendar")

    empty = _text(client.get(url))
    created = _text(client.post(url, {"action": "create"}))
    later = _text(client.get(url))

    assert "Create a calendar feed" in empty
    address = re.search(r'id="calendar-address">([^<]+)<', created).group(1)
    assert address.startswith("http://testserver/calendar/") and address.endswith(".ics")
    assert address not in later
    assert "Reset the address" in later
    assert client.get(address.removeprefix("http://testserver")).status_code == 200


def test_calendar_page_reset_and_stop(world, client_for):
    client = client_for(world.volunteer_a)
    url = reverse("contacts:calendar")
    first = re.search(r'id="calendar-address">([^<]+)<', _text(client.post(url, {"action": "create"}))).group(1)

    second = re.search(r'id="calendar-address">([^<]+)<', _text(client.post(url, {"action": "reset"}))).group(1)
    stopped = client.post(url, {"action": "stop"})

    assert first != second
    assert stopped.status_code == 302
    assert CalendarFeed.objects.count() == 0
    assert client.get(second.removeprefix("http://testserver")).status_code == 404


# --- Navigation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "label", "absent"),
    [("mentor_a", "My sessions", "Sessions I join"), ("volunteer_a", "Sessions I join", "My sessions")],
)
def test_navigation_offers_the_sessions_page_by_role(world, client_for, persona, label, absent):
    text = _text(client_for(world.personas[persona]).get(reverse("notifications:list")))

    assert label in text
    assert absent not in text


# --- Denied writes change nothing ---------------------------------------------------


DENIED_POSTS = [
    (name, persona, status)
    for name, (_, methods) in MATRIX.items()
    for persona, status in methods.get("POST", {}).items()
    if name.startswith("contacts:") and (status in (403, 404) or persona == "anonymous")
]


@pytest.mark.parametrize(("name", "persona", "expected"), DENIED_POSTS)
def test_denied_session_and_calendar_writes_change_nothing(world, client_for, client, name, persona, expected):
    kwargs_for, _ = MATRIX[name]
    url = reverse(name, kwargs=kwargs_for(world))
    http = client if persona == "anonymous" else client_for(world.personas[persona])
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = http.post(url, VALID_POST[name](world))

    assert response.status_code == expected
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before


def test_contact_without_a_volunteer_names_no_staff_present(world, client_for):
    # The form offers the person logging as the member of staff present; without a
    # volunteer that answer is not kept.
    client_for(world.mentor_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]),
        _contact_post(volunteer="", staff_present=str(world.mentor_a.public_id)),
    )

    assert Contact.objects.get().staff_present is None


def test_contact_error_elsewhere_leaves_more_details_folded(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]),
        _contact_post(mode="", staff_present=str(world.mentor_a.public_id)),
    )

    assert response.status_code == 200
    assert '<details class="govuk-details">' in _text(response)
