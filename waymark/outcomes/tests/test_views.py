"""The Progress page and the forms that record progress."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waymark.audit.models import AuditEvent
from waymark.core.clock import local_today
from waymark.organisations.models import same_scope_as
from waymark.outcomes.enums import IndicatorKind, Informant, MeasureKind, MissingCode
from waymark.outcomes.models import (
    Destination,
    IndicatorReading,
    MeasureResult,
    MissingEpisode,
    Outcome,
    OutcomeReview,
    Qualification,
)
from waymark.outcomes.services import (
    destination_record,
    indicator_record,
    measure_record,
    missing_episode_record,
    outcome_review_add,
    qualification_record,
)
from waymark.testing.access import ANON
from waymark.testing.db import db_snapshot

from .matrix import MATRIX, VALID_POST, outcome_a

YOUNG_PERSON_VIEWED = ("young_person.viewed",)  # reading a record logs it: not a change

MODELS = [OutcomeReview, IndicatorReading, MissingEpisode, MeasureResult, Qualification, Destination]


def _progress_url(world):
    return reverse("outcomes:progress", args=[world.yp_a.public_id])


def _day(world, n):
    return world.agreement_a.start_date + timedelta(days=n)


def _history(world, n, *, start=0):
    """``n`` records of every kind for yp_a, one a day (the agreement's days ``start``…)."""
    outcome = outcome_a(world)
    for i in range(start, start + n):
        day = _day(world, i)
        outcome_review_add(actor=world.mentor_a, outcome=outcome, reviewed_on=day, rating=i % 11, evidence="Seen.")
        for kind, value in [(IndicatorKind.ATTENDANCE, 50 + i % 50), (IndicatorKind.PLACEMENT_MOVES, i % 3)]:
            indicator_record(
                actor=world.mentor_a,
                agreement=world.agreement_a,
                kind=kind,
                recorded_on=day,
                value=value,
                source="school",
            )
        for kind, items in [(MeasureKind.SWEMWBS, [3] * 7), (MeasureKind.ONS4, [6, 7, 8, 2])]:
            measure_record(actor=world.mentor_a, agreement=world.agreement_a, kind=kind, completed_on=day, items=items)
        measure_record(
            actor=world.mentor_a,
            agreement=world.agreement_a,
            kind=MeasureKind.SDQ,
            completed_on=day,
            informant=Informant.CARER,
            scores={"total": 12, "peer": 2},
        )
        missing_episode_record(
            actor=world.mentor_a,
            agreement=world.agreement_a,
            code=MissingCode.AWAY,
            start_date=day,
            end_date=day,
            source="carer",
        )
        qualification_record(actor=world.mentor_a, agreement=world.agreement_a, title=f"Award {i}", achieved_on=day)
        destination_record(actor=world.mentor_a, agreement=world.agreement_a, recorded_on=day, nccis_code="110")


# --- The Progress page --------------------------------------------------------------------


def test_progress_page_shows_charts_with_their_numbers(world, client_for):
    _history(world, 2)
    destination_record(
        actor=world.mentor_a, agreement=world.agreement_a, recorded_on=_day(world, 3), nccis_code="240", full_time=True
    )
    missing_episode_record(
        actor=world.mentor_a, agreement=world.agreement_a, code="M", start_date=_day(world, 5), source="carer"
    )

    response = client_for(world.vs_x).get(_progress_url(world))

    html = response.content.decode()
    assert response.status_code == 200
    # Outcome, attendance, placement moves, SWEMWBS, ONS4, SDQ (carer): six charts, each with a table.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 6
    assert html.count('<table class="govuk-table') == 6 + 3  # + missing episodes, qualifications, destinations
    assert 'aria-labelledby="chart-outcome-1-title chart-outcome-1-desc"' in html
    assert "Attend school three days a week" in html
    assert "19.25" in html  # SWEMWBS metric score for a raw 21
    assert "12 (close to average)" in html  # SDQ carer total band
    assert "Still missing" in html
    assert "240 – Higher education" in html and "(ACTIV F1)" in html
    assert "In education, employment or training (EET)" in html
    assert "style=" not in html


def test_progress_page_offers_forms_only_to_those_who_record(world, client_for):
    outcome = outcome_a(world)
    new_review = reverse("outcomes:review_new", args=[outcome.public_id])
    new_reading = reverse("outcomes:indicator_new", args=[world.agreement_a.public_id, "attendance"])

    for name, can in [("mentor_a", True), ("manager_a", True), ("dsl_a", False), ("vs_x", False)]:
        html = client_for(world.personas[name]).get(_progress_url(world)).content.decode()

        assert (new_review in html) is can, name
        assert (new_reading in html) is can, name


def test_opening_the_progress_page_is_audited(world, client_for):
    client_for(world.dsl_a).get(_progress_url(world))

    event = AuditEvent.objects.get(action="young_person.viewed")
    assert (event.actor, event.young_person) == (world.dsl_a, world.yp_a)


@pytest.mark.parametrize("name", ["mentor_a2", "finance_a", "volunteer_a", "contract_x", "vs_y", "mentor_b"])
def test_progress_page_is_hidden_from_everyone_else(world, client_for, name):
    _history(world, 1)

    response = client_for(world.personas[name]).get(_progress_url(world))

    assert response.status_code == 404
    assert "Quillfeather" not in response.content.decode()


def test_progress_page_has_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    """Session, user, membership, the mentor's caseload, young person, audit insert, notification count,
    agreements (+ their current assignments), outcomes (+ reviews), readings, episodes,
    measures, qualifications, destinations."""
    _history(world, 30)
    client = client_for(world.mentor_a)
    client.get(_progress_url(world))

    with django_assert_num_queries(16):
        response = client.get(_progress_url(world))

    assert response.status_code == 200
    assert response.content.decode().count("Award ") == 30


def test_progress_page_query_count_does_not_grow_with_history(world, client_for):
    client = client_for(world.manager_a)
    _history(world, 1)
    client.get(_progress_url(world))
    with CaptureQueriesContext(connection) as few:
        client.get(_progress_url(world))

    _history(world, 29, start=1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_progress_url(world))

    assert (len(few.captured_queries), len(many.captured_queries)) == (15, 15)
    assert response.content.decode().count("Award ") == 30


def test_progress_page_without_an_agreement_says_so(world, client_for):
    from waymark.agreements.enums import OrderFormStatus
    from waymark.testing.factories import OrderFormFactory

    order_form = OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.RECEIVED)

    response = client_for(world.manager_a).get(reverse("outcomes:progress", args=[order_form.young_person.public_id]))

    assert response.status_code == 200
    assert "progress is recorded once the Order Form has been accepted" in response.content.decode()


# --- The forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in MATRIX if n != "outcomes:progress"])
def test_each_form_saves_for_the_mentor_and_returns_to_progress(world, client_for, name):
    kwargs_for, _ = MATRIX[name]
    client = client_for(world.mentor_a)  # signing in writes a session: before the snapshot
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = client.post(reverse(name, kwargs=kwargs_for(world)), VALID_POST[name](world))

    assert response.status_code == 302
    assert response["Location"].startswith(_progress_url(world) + "#")
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) != before


@pytest.mark.parametrize("name", [n for n in MATRIX if n != "outcomes:progress"])
@pytest.mark.parametrize("persona", ["dsl_a", "vs_x", "finance_a", "mentor_a2", "contract_x", "mentor_b", ANON])
def test_denied_posts_change_no_progress_record(world, client_for, name, persona):
    from django.test import Client

    kwargs_for, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_for(world))
    client = Client() if persona == ANON else client_for(world.personas[persona])
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = client.post(url, VALID_POST[name](world))

    assert response.status_code == expected["POST"][persona]
    assert response.status_code in (302, 403, 404)
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before


def test_attendance_of_130_is_refused_on_the_page_keeping_the_input(world, client_for):
    url = reverse("outcomes:indicator_new", args=[world.agreement_a.public_id, "attendance"])
    client = client_for(world.mentor_a)  # signing in writes a session: before the snapshot
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = client.post(
        url, {"recorded_on": _day(world, 3).isoformat(), "value": "130", "source": "school", "note": "Termly report"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter attendance as a percentage from 0 to 100: 130% is not possible." in html
    assert 'value="130"' in html
    assert "Termly report" in html
    assert f'value="{_day(world, 3).isoformat()}"' in html
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before


def test_missing_episode_ending_before_it_starts_is_refused_on_the_page(world, client_for):
    url = reverse("outcomes:missing_new", args=[world.agreement_a.public_id])
    client = client_for(world.manager_a)  # signing in writes a session: before the snapshot
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = client.post(
        url,
        {
            "code": "M",
            "start_date": _day(world, 10).isoformat(),
            "end_date": _day(world, 8).isoformat(),
            "source": "carer",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "A missing episode cannot end before it starts" in html
    assert f'value="{_day(world, 8).isoformat()}"' in html
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before


def test_overlapping_missing_episode_is_refused_on_the_page(world, client_for):
    missing_episode_record(
        actor=world.mentor_a, agreement=world.agreement_a, code="M", start_date=_day(world, 10), source="carer"
    )
    client = client_for(world.mentor_a)  # signing in writes a session: before the snapshot
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = client.post(
        reverse("outcomes:missing_new", args=[world.agreement_a.public_id]),
        {"code": "A", "start_date": _day(world, 12).isoformat(), "source": "carer"},
    )

    assert response.status_code == 200
    assert "This episode overlaps the M episode from" in response.content.decode()
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before


def test_swemwbs_item_of_6_is_refused_on_the_page_keeping_every_answer(world, client_for):
    url = reverse("outcomes:measure_new", args=[world.agreement_a.public_id, "swemwbs"])
    data = {"completed_on": _day(world, 3).isoformat(), **{f"item_{n}": str(n % 5 + 1) for n in range(1, 7)}}
    data["item_7"] = "6"
    client = client_for(world.mentor_a)  # signing in writes a session: before the snapshot
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED)

    response = client.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Statement 7 is scored from 1 to 5." in html
    assert 'name="item_7" value="6"' in html
    assert 'name="item_3" value="4"' in html
    assert "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008" in html
    assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before


def test_sdq_total_that_does_not_add_up_is_shown_in_the_error_summary(world, client_for):
    url = reverse("outcomes:measure_new", args=[world.agreement_a.public_id, "sdq"])
    data = {
        "completed_on": _day(world, 3).isoformat(),
        "informant": "carer",
        "total": "20",
        "emotional": "5",
        "conduct": "4",
        "hyperactivity": "6",
        "peer": "3",
    }

    response = client_for(world.mentor_a).post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "scores (18), not 20." in html
    assert 'name="total" value="20"' in html
    assert MeasureResult.objects.count() == 0


def test_rosenberg_form_saves_answers_and_shows_the_public_domain_items(world, client_for):
    url = reverse("outcomes:measure_new", args=[world.agreement_a.public_id, "rosenberg"])
    page = client_for(world.mentor_a).get(url).content.decode()
    assert "At times I think I am no good at all." in page

    response = client_for(world.mentor_a).post(
        url, {"completed_on": _day(world, 3).isoformat(), **{f"item_{n}": "A" for n in range(1, 11)}}
    )

    assert response.status_code == 302
    assert MeasureResult.objects.get().score == 15


def test_sdq_form_never_shows_sdq_questions(world, client_for):
    html = (
        client_for(world.mentor_a)
        .get(reverse("outcomes:measure_new", args=[world.agreement_a.public_id, "sdq"]))
        .content.decode()
    )

    assert "Total difficulties" in html
    assert "Considerate of other people" not in html  # the SDQ's first item: never shipped


def test_rated_indicator_form_offers_the_descriptors(world, client_for):
    url = reverse("outcomes:indicator_new", args=[world.agreement_a.public_id, "resilience"])

    html = client_for(world.mentor_a).get(url).content.decode()

    assert "5 – Recovers from setbacks and plans how to handle the next one" in html
    assert 'type="radio"' in html


def test_closing_an_episode_through_the_page(world, client_for):
    episode = missing_episode_record(
        actor=world.mentor_a, agreement=world.agreement_a, code="M", start_date=_day(world, 10), source="carer"
    )
    url = reverse("outcomes:missing_close", args=[episode.public_id])

    response = client_for(world.mentor_a).post(
        url,
        {
            "end_date": _day(world, 11).isoformat(),
            "return_interview_offered": "yes",
            "return_interview_accepted": "yes",
        },
    )

    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.end_date, episode.return_interview_accepted) == (_day(world, 11), True)


def test_destination_page_asks_for_hours_where_the_activ_code_needs_them(world, client_for):
    url = reverse("outcomes:destination_new", args=[world.agreement_a.public_id])

    response = client_for(world.manager_a).post(url, {"recorded_on": local_today().isoformat(), "nccis_code": "310"})

    assert response.status_code == 200
    assert "Say whether this activity is full time or part time" in response.content.decode()
    assert Destination.objects.count() == 0


@pytest.mark.parametrize("name", ["outcomes:indicator_new", "outcomes:measure_new"])
def test_unknown_kinds_answer_404(world, client_for, name):
    response = client_for(world.mentor_a).get(reverse(name, args=[world.agreement_a.public_id, "mood"]))

    assert response.status_code == 404


def test_outcome_of_another_provider_answers_404(world, client_for):
    other = Outcome.objects.create(
        order_form=world.order_form_b, **same_scope_as(world.order_form_b), position=1, description="Other"
    )

    response = client_for(world.mentor_a).get(reverse("outcomes:review_new", args=[other.public_id]))

    assert response.status_code == 404
