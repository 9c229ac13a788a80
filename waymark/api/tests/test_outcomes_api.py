"""The progress API: outcomes, outcome reviews, indicator readings, missing episodes,
measures, qualifications and destinations — same access rules as the pages, flat query
counts, and 400 with field errors for every impossible value."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from waymark.agreements.enums import OrderFormStatus
from waymark.core.clock import local_today
from waymark.demo.outcomes import seed_progress_history
from waymark.organisations.models import same_scope_as
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
from waymark.testing.db import db_snapshot
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory, OrderFormFactory
from waymark.testing.personas import PERSONAS

ALL = list(PERSONAS)
READERS_A = {"mentor_a", "manager_a", "dsl_a", "vs_x"}
READERS_B = {"mentor_b", "manager_b", "vs_y"}
WRITERS_A = {"mentor_a", "manager_a"}
ENDPOINTS = [
    "outcomes",
    "outcome-reviews",
    "indicator-readings",
    "missing-episodes",
    "measures",
    "qualifications",
    "destinations",
]
MODELS = [Outcome, OutcomeReview, IndicatorReading, MissingEpisode, MeasureResult, Qualification, Destination]


def _day(world, n):
    return world.agreement_a.start_date + datetime.timedelta(days=n)


def _seed(world, agreement, order_form, author, *, missing=True):
    """Outcomes and a term of history on ``agreement``, plus a qualification and a destination."""
    Outcome.objects.create(order_form=order_form, **same_scope_as(order_form), position=1, description="Attend school")
    seed_progress_history(agreement=agreement, author=author, today=local_today(), missing_episode=missing)
    qualification_record(actor=author, agreement=agreement, title="Entry Level 3 Maths", achieved_on=local_today())
    destination_record(actor=author, agreement=agreement, recorded_on=local_today(), nccis_code="230")


@pytest.fixture
def both_sides(world):
    """Progress on yp_a (provider A, council X) and yp_b (provider B, council Y)."""
    _seed(world, world.agreement_a, world.order_form_a, world.mentor_a)
    _seed(world, world.agreement_b, world.order_form_b, world.mentor_b)
    return world


def _ids(response) -> set[str]:
    return {row["public_id"] for row in response.json()["results"]}


def _young_people(response, endpoint) -> set[str]:
    return {row["young_person"] for row in response.json()["results"]}


# --- Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("name", ALL)
def test_lists_show_exactly_the_persona_scope(both_sides, api_for, endpoint, name):
    world = both_sides

    response = api_for(world.personas[name]).get(f"/api/v1/{endpoint}/")

    assert response.status_code == 200
    expected = set()
    if name in READERS_A:
        expected.add(str(world.yp_a.public_id))
    if name in READERS_B:
        expected.add(str(world.yp_b.public_id))
    if endpoint == "outcome-reviews":
        rows = response.json()["results"]
        outcome_ids = {row["outcome"] for row in rows}
        young_people = {
            str(o.order_form.young_person.public_id) for o in Outcome.objects.filter(public_id__in=outcome_ids)
        }
        assert young_people == expected
    else:
        assert _young_people(response, endpoint) == expected
    assert (response.json()["count"] > 0) is bool(expected)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("name", ALL)
def test_retrieve_answers_404_when_hidden(both_sides, api_for, endpoint, name):
    world = both_sides
    model = MODELS[ENDPOINTS.index(endpoint)]
    if model is Outcome:
        record = Outcome.objects.get(order_form=world.order_form_a)
    elif model is OutcomeReview:
        record = OutcomeReview.objects.filter(outcome__order_form=world.order_form_a).first()
    else:
        record = model.objects.filter(agreement=world.agreement_a).first()

    response = api_for(world.personas[name]).get(f"/api/v1/{endpoint}/{record.public_id}/")

    assert response.status_code == (200 if name in READERS_A else 404)
    if name in READERS_A:
        assert response.json()["public_id"] == str(record.public_id)
    else:
        assert "Quillfeather" not in response.content.decode()


def test_outcome_carries_its_reviews_oldest_first(both_sides, api_for):
    world = both_sides

    body = api_for(world.vs_x).get(f"/api/v1/outcomes/?young_person={world.yp_a.public_id}").json()

    [outcome] = body["results"]
    assert outcome["agreement"] == str(world.agreement_a.public_id)
    ratings = [r["rating"] for r in outcome["reviews"]]
    assert ratings == sorted(ratings) and len(ratings) >= 2
    dates = [r["reviewed_on"] for r in outcome["reviews"]]
    assert dates == sorted(dates)


def test_measures_carry_scores_bands_and_never_sdq_items(both_sides, api_for):
    world = both_sides

    body = api_for(world.manager_a).get("/api/v1/measures/?measure=sdq").json()

    [sdq] = body["results"]
    assert (sdq["measure"], sdq["informant"], sdq["score"], sdq["band"], sdq["items"]) == (
        "sdq",
        "carer",
        "18.00",
        "High",
        [],
    )
    assert sdq["subscores"]["prosocial"] == {"score": 6, "band": "Low"}


def test_destinations_carry_the_activity_activ_and_eet_status(both_sides, api_for):
    body = api_for(both_sides.mentor_a).get("/api/v1/destinations/").json()

    [destination] = body["results"]
    assert (
        destination["nccis_code"],
        destination["activity"],
        destination["activ_code"],
        destination["eet_status"],
    ) == (
        "230",
        "Further education",
        "F2",
        "eet",
    )


def test_indicator_readings_filter_by_indicator(both_sides, api_for):
    body = api_for(both_sides.mentor_a).get("/api/v1/indicator-readings/?indicator=placement_moves").json()

    assert {row["indicator"] for row in body["results"]} == {"placement_moves"}
    assert [row["value"] for row in body["results"]] == ["0.00", "1.00"]


# --- Query counts -------------------------------------------------------------------------

# token and user, membership, count, page (+ the outcomes' reviews)
QUERIES = {
    "outcomes": 5,
    "outcome-reviews": 4,
    "indicator-readings": 4,
    "missing-episodes": 4,
    "measures": 4,
    "qualifications": 4,
    "destinations": 4,
}

# A mentor's caseload (their current agreements) is fetched first: one more query.
CASELOAD_QUERIES = {"mentor_a": 1}
# Every list writes one audit event naming the rows returned (R14): one insert.
LIST_READ_AUDIT = 1

# What ``_seed`` records for one case, by endpoint: every persona here sees all of it.
ROWS_PER_CASE = {
    "outcomes": 1,
    "outcome-reviews": 6,
    "indicator-readings": 26,
    "missing-episodes": 1,
    "measures": 4,
    "qualifications": 1,
    "destinations": 1,
}


def _add_case(world, mentor):
    order_form = OrderFormFactory(
        framework=world.framework_xa, status=OrderFormStatus.ACCEPTED, submitted_by=world.vs_x
    )
    agreement = IndividualAgreementFactory(order_form=order_form)
    AssignmentFactory(agreement=agreement, mentor=mentor, assigned_by=world.manager_a)
    _seed(world, agreement, order_form, mentor)


@pytest.mark.parametrize("cases", [1, 3])
@pytest.mark.parametrize("name", ["mentor_a", "manager_a", "vs_x"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_query_count_is_flat(world, api_for, django_assert_num_queries, endpoint, name, cases):
    _seed(world, world.agreement_a, world.order_form_a, world.mentor_a)
    for _ in range(cases - 1):
        _add_case(world, world.mentor_a)
    client = api_for(world.personas[name])

    with django_assert_num_queries(QUERIES[endpoint] + CASELOAD_QUERIES.get(name, 0) + LIST_READ_AUDIT):
        response = client.get(f"/api/v1/{endpoint}/")

    assert response.status_code == 200
    assert response.json()["count"] == ROWS_PER_CASE[endpoint] * cases


def _add_rows(world, endpoint, n, start):
    """``n`` more rows for ``endpoint`` on yp_a, one a day from day ``start``."""
    outcome = Outcome.objects.get_or_create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        position=1,
        defaults={"description": "Attend school"},
    )[0]
    for i in range(start, start + n):
        day = _day(world, i)
        if endpoint == "outcome-reviews":
            outcome_review_add(actor=world.mentor_a, outcome=outcome, reviewed_on=day, rating=5, evidence="Seen.")
        elif endpoint == "indicator-readings":
            indicator_record(
                actor=world.mentor_a,
                agreement=world.agreement_a,
                kind="attendance",
                recorded_on=day,
                value=80,
                source="school",
            )
        elif endpoint == "missing-episodes":
            missing_episode_record(
                actor=world.mentor_a,
                agreement=world.agreement_a,
                code="A",
                start_date=day,
                end_date=day,
                source="carer",
            )
        elif endpoint == "measures":
            measure_record(
                actor=world.mentor_a, agreement=world.agreement_a, kind="ons4", completed_on=day, items=[5, 6, 7, 3]
            )
        elif endpoint == "qualifications":
            qualification_record(actor=world.mentor_a, agreement=world.agreement_a, title=f"Award {i}", achieved_on=day)
        else:
            destination_record(actor=world.mentor_a, agreement=world.agreement_a, recorded_on=day, nccis_code="110")


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e != "outcomes"])
def test_list_query_count_is_the_same_for_1_and_30_rows(world, api_for, django_assert_num_queries, endpoint):
    client = api_for(world.mentor_a)
    _add_rows(world, endpoint, 1, 0)
    # token and user, membership, the mentor's caseload, count, page, the audit insert (R14)
    with django_assert_num_queries(6):
        one = client.get(f"/api/v1/{endpoint}/")

    _add_rows(world, endpoint, 29, 1)
    with django_assert_num_queries(6):
        many = client.get(f"/api/v1/{endpoint}/")

    assert (one.json()["count"], many.json()["count"]) == (1, 30)
    assert len(many.json()["results"]) == 30


def test_outcome_list_query_count_is_the_same_for_1_and_30_outcomes(world, api_for, django_assert_num_queries):
    client = api_for(world.vs_x)
    Outcome.objects.create(
        order_form=world.order_form_a, **same_scope_as(world.order_form_a), position=0, description="Outcome 0"
    )
    _add_rows(world, "outcome-reviews", 3, 0)
    with django_assert_num_queries(6):  # 5, + the audit insert naming the rows (R14)
        one = client.get("/api/v1/outcomes/")

    for position in range(2, 31):
        outcome = Outcome.objects.create(
            order_form=world.order_form_a,
            **same_scope_as(world.order_form_a),
            position=position,
            description=f"Outcome {position}",
        )
        outcome_review_add(
            actor=world.mentor_a, outcome=outcome, reviewed_on=_day(world, 1), rating=3, evidence="Seen."
        )
    with django_assert_num_queries(6):  # 5, + the audit insert naming the rows (R14)
        many = client.get("/api/v1/outcomes/")

    assert (one.json()["count"], many.json()["count"]) == (2, 31)
    assert sum(len(o["reviews"]) for o in many.json()["results"]) == 3 + 29


# --- Writing --------------------------------------------------------------------------------


def _payloads(world) -> dict[str, dict[str, Any]]:
    outcome = Outcome.objects.get_or_create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        position=1,
        defaults={"description": "Attend school"},
    )[0]
    agreement = str(world.agreement_a.public_id)
    day = _day(world, 14).isoformat()
    return {
        "outcome-reviews": {"outcome": str(outcome.public_id), "reviewed_on": day, "rating": 6, "evidence": "Seen."},
        "indicator-readings": {
            "agreement": agreement,
            "indicator": "attendance",
            "recorded_on": day,
            "value": "87.5",
            "source": "school",
        },
        "missing-episodes": {
            "agreement": agreement,
            "code": "M",
            "start_date": day,
            "end_date": day,
            "return_interview_offered": True,
            "return_interview_accepted": False,
            "source": "carer",
        },
        "measures": {"agreement": agreement, "measure": "swemwbs", "completed_on": day, "items": [3, 3, 3, 3, 3, 3, 3]},
        "qualifications": {"agreement": agreement, "title": "GCSE Art", "grade": "5", "achieved_on": day},
        "destinations": {"agreement": agreement, "recorded_on": day, "nccis_code": "240", "full_time": False},
    }


WRITE_ENDPOINTS = [
    "outcome-reviews",
    "indicator-readings",
    "missing-episodes",
    "measures",
    "qualifications",
    "destinations",
]


@pytest.mark.parametrize("endpoint", WRITE_ENDPOINTS)
@pytest.mark.parametrize("name", ALL)
def test_create_is_for_the_mentor_and_service_manager_only(world, api_for, endpoint, name):
    payload = _payloads(world)[endpoint]
    client = api_for(world.personas[name])
    before = db_snapshot()

    response = client.post(f"/api/v1/{endpoint}/", payload, format="json")

    if name in WRITERS_A:
        assert response.status_code == 201, response.json()
        assert db_snapshot() != before
        return
    assert db_snapshot() == before
    if name in READERS_A:
        assert response.status_code == 403
    else:
        # The agreement (or outcome) named in the body is hidden: a 400 that says only "not found".
        field = "outcome" if endpoint == "outcome-reviews" else "agreement"
        assert response.status_code == 400
        assert response.json() == {field: [f"No {field} with this id was found."]}


def test_created_records_come_back_with_what_was_derived(world, api_for):
    client = api_for(world.mentor_a)
    payloads = _payloads(world)

    measure = client.post("/api/v1/measures/", payloads["measures"], format="json").json()
    destination = client.post("/api/v1/destinations/", payloads["destinations"], format="json").json()
    review = client.post("/api/v1/outcome-reviews/", payloads["outcome-reviews"], format="json").json()

    assert (measure["score"], measure["subscores"], measure["informant"]) == (
        "19.25",
        {"raw": {"score": 21, "band": ""}},
        "self",
    )
    assert (destination["activ_code"], destination["eet_status"], destination["activity"]) == (
        "P1",
        "eet",
        "Higher education",
    )
    assert (review["rating"], review["author"]["name"]) == (6, world.mentor_a.display_name)


@pytest.mark.parametrize(
    ("endpoint", "change", "errors"),
    [
        (
            "indicator-readings",
            {"value": "130"},
            {"value": ["Enter attendance as a percentage from 0 to 100: 130% is not possible."]},
        ),
        (
            "indicator-readings",
            {"indicator": "resilience", "value": "6"},
            {"value": ["Rate from 1 to 5: 6 is not on the scale."]},
        ),
        ("indicator-readings", {"indicator": "mood"}, {"indicator": ['"mood" is not a valid choice.']}),
        ("indicator-readings", {"source": ""}, {"source": ['"" is not a valid choice.']}),
        ("outcome-reviews", {"rating": 11}, {"rating": ["Enter a rating from 0 to 10: 11 is not on the scale."]}),
        (
            "outcome-reviews",
            {"evidence": ""},
            {"evidence": ["Enter the evidence for this rating: what was seen or reported."]},
        ),
        (
            "outcome-reviews",
            {"reviewed_on": "2099-01-01"},
            {"reviewed_on": ["The date of the review cannot be in the future."]},
        ),
        ("missing-episodes", {"end_date": "START-1"}, {"end_date": ["A missing episode cannot end before it starts"]}),
        ("missing-episodes", {"code": "X"}, {"code": ['"X" is not a valid choice.']}),
        (
            "measures",
            {"items": [3, 3, 3, 6, 3, 3, 3]},
            {"items": ["Item 4 of SWEMWBS is scored from 1 to 5: 6 is not possible."]},
        ),
        ("measures", {"items": "3333333"}, {"items": ["SWEMWBS has 7 items: give a score for each of the 7."]}),
        (
            "measures",
            {"measure": "sdq", "items": None, "informant": "teacher", "scores": {"total": 41}},
            {"scores": ["The total difficulties score is from 0 to 40: 41 is not possible."]},
        ),
        (
            "measures",
            {"measure": "sdq", "items": None, "scores": {"total": 12}},
            {"informant": ["Choose who completed"]},
        ),
        (
            "destinations",
            {"nccis_code": "999"},
            {"nccis_code": ["Choose an activity from the NCCIS list: 999 is not an NCCIS code."]},
        ),
        ("destinations", {"full_time": None}, {"full_time": ["Say whether this activity is full time or part time"]}),
        ("qualifications", {"title": ""}, {"title": ["Enter the name of the qualification."]}),
        ("qualifications", {"achieved_on": "not a date"}, {"achieved_on": ["Date has wrong format."]}),
    ],
)
def test_impossible_values_answer_400_with_field_errors_and_change_nothing(world, api_for, endpoint, change, errors):
    payload = _payloads(world)[endpoint]
    for key, value in change.items():
        payload[key] = (_day(world, 13).isoformat() if value == "START-1" else value) if key == "end_date" else value
    client = api_for(world.manager_a)
    before = db_snapshot()

    response = client.post(f"/api/v1/{endpoint}/", payload, format="json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == set(errors)
    for field, messages in errors.items():
        assert body[field][0].startswith(messages[0]), body
    assert db_snapshot() == before


def test_overlapping_missing_episodes_answer_400(world, api_for):
    missing_episode_record(
        actor=world.mentor_a, agreement=world.agreement_a, code="A", start_date=_day(world, 10), source="carer"
    )
    payload = _payloads(world)["missing-episodes"]
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post("/api/v1/missing-episodes/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["start_date"][0].startswith("This episode overlaps the A episode from")
    assert db_snapshot() == before


def test_closing_a_missing_episode(world, api_for):
    episode = missing_episode_record(
        actor=world.mentor_a, agreement=world.agreement_a, code="M", start_date=_day(world, 10), source="carer"
    )
    url = f"/api/v1/missing-episodes/{episode.public_id}/close/"

    early = api_for(world.mentor_a).post(url, {"end_date": _day(world, 9).isoformat()}, format="json")
    denied = api_for(world.dsl_a).post(url, {"end_date": _day(world, 11).isoformat()}, format="json")
    hidden = api_for(world.mentor_b).post(url, {"end_date": _day(world, 11).isoformat()}, format="json")
    done = api_for(world.manager_a).post(
        url, {"end_date": _day(world, 11).isoformat(), "return_interview_offered": True}, format="json"
    )

    assert early.status_code == 400 and list(early.json()) == ["end_date"]
    assert (denied.status_code, hidden.status_code, done.status_code) == (403, 404, 200)
    assert (done.json()["end_date"], done.json()["return_interview_offered"]) == (_day(world, 11).isoformat(), True)


def test_outcome_of_an_ended_agreement_cannot_be_reviewed(world, api_for):
    from waymark.agreements.enums import AgreementStatus

    payload = _payloads(world)["outcome-reviews"]
    world.agreement_a.status = AgreementStatus.ENDED
    world.agreement_a.save(update_fields=["status"])

    response = api_for(world.manager_a).post("/api/v1/outcome-reviews/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["This agreement has ended: no more progress can be recorded for it."]
    }
