"""Recording progress through the services: what is saved and audited, and every
refusal — which changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waymark.agreements.enums import AgreementStatus, OrderFormStatus
from waymark.audit.models import AuditEvent
from waymark.core.clock import local_today
from waymark.organisations.models import same_scope_as
from waymark.outcomes import services
from waymark.outcomes.enums import EetStatus, IndicatorKind, Informant, MeasureKind, MissingCode
from waymark.outcomes.models import (
    Destination,
    IndicatorReading,
    MeasureResult,
    MissingEpisode,
    Outcome,
    OutcomeReview,
    Qualification,
)
from waymark.testing.db import db_snapshot
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory

MODELS = [OutcomeReview, IndicatorReading, MissingEpisode, MeasureResult, Qualification, Destination]


def _day(world, n):
    """The agreement's start plus ``n`` days (every test date is in the past)."""
    day = world.agreement_a.start_date + timedelta(days=n)
    assert day <= local_today()
    return day


@pytest.fixture
def refused(world):
    """Asserts a call raises and leaves everything as it was: ``refused(call, exc)``."""

    def check(call, error=ValidationError):
        before = db_snapshot()
        with pytest.raises(error) as exc:
            call()
        assert db_snapshot() == before
        return exc.value

    return check


@pytest.fixture
def outcome(world):
    return Outcome.objects.create(
        order_form=world.order_form_a, **same_scope_as(world.order_form_a), position=1, description="Attend school"
    )


# --- Outcome reviews ---------------------------------------------------------------------


def test_outcome_review_is_saved_and_audited(world, outcome):
    review = services.outcome_review_add(
        actor=world.mentor_a, outcome=outcome, reviewed_on=_day(world, 7), rating=4, evidence="  Went 3 days.  "
    )

    assert (review.rating, review.evidence, review.author) == (4, "Went 3 days.", world.mentor_a)
    event = AuditEvent.objects.get(action="outcome.reviewed")
    assert event.subject_id == str(review.public_id)
    assert event.young_person == world.yp_a
    assert event.after["rating"] == 4


@pytest.mark.parametrize(("rating", "field"), [(11, "rating"), (-1, "rating"), (None, "rating"), (True, "rating")])
def test_outcome_review_rating_must_be_0_to_10(world, outcome, refused, rating, field):
    exc = refused(
        lambda: services.outcome_review_add(
            actor=world.mentor_a, outcome=outcome, reviewed_on=_day(world, 1), rating=rating, evidence="Seen."
        )
    )

    assert list(exc.message_dict) == [field]


def test_outcome_review_needs_evidence(world, outcome, refused):
    exc = refused(
        lambda: services.outcome_review_add(
            actor=world.mentor_a, outcome=outcome, reviewed_on=_day(world, 1), rating=5, evidence="   "
        )
    )

    assert exc.message_dict == {"evidence": ["Enter the evidence for this rating: what was seen or reported."]}


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (-1, "The date of the review cannot be before the agreement started on 7 September 2026."),
        (None, "The date of the review cannot be in the future."),
    ],
)
def test_outcome_review_date_is_inside_the_agreement_and_not_in_the_future(world, outcome, refused, offset, message):
    day = local_today() + timedelta(days=1) if offset is None else world.agreement_a.start_date + timedelta(offset)

    exc = refused(
        lambda: services.outcome_review_add(
            actor=world.mentor_a, outcome=outcome, reviewed_on=day, rating=5, evidence="Seen."
        )
    )

    assert exc.message_dict == {"reviewed_on": [message]}


@pytest.mark.parametrize("name", ["dsl_a", "vs_x", "mentor_a2", "finance_a", "contract_x", "volunteer_a", "mentor_b"])
def test_only_the_mentor_and_service_manager_review_outcomes(world, outcome, refused, name):
    refused(
        lambda: services.outcome_review_add(
            actor=world.personas[name], outcome=outcome, reviewed_on=_day(world, 1), rating=5, evidence="Seen."
        ),
        PermissionDenied,
    )


def test_service_manager_reviews_outcomes_too(world, outcome):
    services.outcome_review_add(
        actor=world.manager_a, outcome=outcome, reviewed_on=_day(world, 1), rating=5, evidence="Seen."
    )

    assert OutcomeReview.objects.count() == 1


def test_outcome_of_an_order_form_not_yet_accepted_cannot_be_reviewed(world, refused):
    order_form = OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.RECEIVED)
    pending = Outcome.objects.create(
        order_form=order_form, **same_scope_as(order_form), position=1, description="Attend school"
    )

    refused(
        lambda: services.outcome_review_add(
            actor=world.manager_a, outcome=pending, reviewed_on=_day(world, 1), rating=5, evidence="Seen."
        )
    )


def test_nothing_is_recorded_on_an_ended_agreement(world, outcome, refused):
    world.agreement_a.status = AgreementStatus.ENDED
    world.agreement_a.save(update_fields=["status"])

    exc = refused(
        lambda: services.outcome_review_add(
            actor=world.manager_a, outcome=outcome, reviewed_on=_day(world, 1), rating=5, evidence="Seen."
        )
    )

    assert exc.message_dict["__all__"] == ["This agreement has ended: no more progress can be recorded for it."]


# --- Indicators ---------------------------------------------------------------------------


def _indicator(world, kind, value, **extra):
    return services.indicator_record(
        actor=extra.pop("actor", world.mentor_a),
        agreement=world.agreement_a,
        kind=kind,
        recorded_on=extra.pop("recorded_on", _day(world, 14)),
        value=value,
        source=extra.pop("source", "school"),
        **extra,
    )


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        (IndicatorKind.ATTENDANCE, "87.5", Decimal("87.5")),
        (IndicatorKind.ATTENDANCE, 100, Decimal("100")),
        (IndicatorKind.ATTENDANCE, 0, Decimal("0")),
        (IndicatorKind.SUSPENSIONS, 3, Decimal("3")),
        (IndicatorKind.EXCLUSIONS, "0", Decimal("0")),
        (IndicatorKind.PLACEMENT_MOVES, Decimal("2"), Decimal("2")),
        (IndicatorKind.KEY_ADULTS, 1, Decimal("1")),
        (IndicatorKind.RESILIENCE, 5, Decimal("5")),
        (IndicatorKind.PROBLEM_BEHAVIOUR, 3, Decimal("3")),
    ],
)
def test_indicator_readings_are_saved_and_audited(world, kind, value, stored):
    reading = _indicator(world, kind, value, note="From the termly report.")

    reading.refresh_from_db()
    assert reading.value == stored
    assert (reading.kind, reading.source, reading.note) == (kind, "school", "From the termly report.")
    assert AuditEvent.objects.filter(action="indicator.recorded", subject_id=str(reading.public_id)).count() == 1


def test_attendance_of_130_percent_is_refused(world, refused):
    exc = refused(lambda: _indicator(world, IndicatorKind.ATTENDANCE, 130))

    assert exc.message_dict == {"value": ["Enter attendance as a percentage from 0 to 100: 130% is not possible."]}


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (IndicatorKind.ATTENDANCE, "-0.5", "Enter attendance as a percentage from 0 to 100: -0.5% is not possible."),
        (IndicatorKind.ATTENDANCE, "87.555", "Enter attendance with no more than 2 decimal places."),
        (IndicatorKind.ATTENDANCE, "lots", "Enter the reading as a number."),
        (IndicatorKind.ATTENDANCE, "NaN", "Enter the reading as a number."),
        (IndicatorKind.SUSPENSIONS, "1.5", "Enter a whole number from 0 to 190."),
        (IndicatorKind.SUSPENSIONS, -1, "Enter a whole number from 0 to 190: -1 is not possible."),
        (IndicatorKind.PLACEMENT_MOVES, 100, "Enter a whole number from 0 to 99: 100 is not possible."),
        (IndicatorKind.KEY_ADULTS, 0, "Rate from 1 to 5: 0 is not on the scale."),
        (IndicatorKind.RESILIENCE, 6, "Rate from 1 to 5: 6 is not on the scale."),
        (IndicatorKind.PROBLEM_BEHAVIOUR, "2.5", "Enter a whole number from 1 to 5."),
    ],
)
def test_impossible_indicator_values_are_refused(world, refused, kind, value, message):
    exc = refused(lambda: _indicator(world, kind, value))

    assert exc.message_dict == {"value": [message]}


def test_indicator_needs_a_known_kind_a_source_and_a_date(world, refused):
    exc = refused(lambda: _indicator(world, "mood", 3, source="", recorded_on=None))

    assert exc.message_dict == {
        "kind": ["Choose which indicator this reading is for."],
        "recorded_on": ["Enter the date of the reading."],
        "source": ["Choose where this reading came from."],
    }


@pytest.mark.parametrize("name", ["dsl_a", "vs_x", "mentor_a2", "manager_b"])
def test_only_the_mentor_and_service_manager_record_indicators(world, refused, name):
    refused(lambda: _indicator(world, IndicatorKind.ATTENDANCE, 90, actor=world.personas[name]), PermissionDenied)


def test_a_past_mentor_can_no_longer_record(world, refused):
    world.assignment_a.ended_on = _day(world, 10)
    world.assignment_a.save(update_fields=["ended_on"])

    refused(lambda: _indicator(world, IndicatorKind.ATTENDANCE, 90), PermissionDenied)


# --- Missing episodes ---------------------------------------------------------------------


def _episode(world, start, end=None, code=MissingCode.MISSING, agreement=None, **extra):
    return services.missing_episode_record(
        actor=extra.pop("actor", world.mentor_a),
        agreement=agreement or world.agreement_a,
        code=code,
        start_date=start,
        end_date=end,
        source=extra.pop("source", "carer"),
        **extra,
    )


def test_missing_episode_is_saved_with_its_return_interview(world):
    episode = _episode(
        world,
        _day(world, 10),
        _day(world, 12),
        return_interview_offered=True,
        return_interview_accepted=False,
        note="Found by police.",
    )

    episode.refresh_from_db()
    assert (episode.code, episode.start_date, episode.end_date) == ("M", _day(world, 10), _day(world, 12))
    assert (episode.return_interview_offered, episode.return_interview_accepted) == (True, False)
    assert AuditEvent.objects.get(action="missing_episode.recorded").after["code"] == "M"


def test_missing_episode_ending_before_it_starts_is_refused(world, refused):
    exc = refused(lambda: _episode(world, _day(world, 10), _day(world, 9)))

    assert exc.message_dict == {
        "end_date": [
            f"A missing episode cannot end before it starts: the end date must be on or after "
            f"{_day(world, 10).day} {_day(world, 10):%B %Y}."
        ]
    }


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        ((10, 12), (11, 11)),  # inside
        ((10, 12), (8, 11)),  # across the start
        ((10, 12), (11, 14)),  # across the end
        ((10, 12), (9, 13)),  # around
        ((10, 12), (10, 12)),  # the same
        ((10, 12), (11, None)),  # open, starting inside
        ((10, 12), (5, None)),  # open, starting before
    ],
)
def test_overlapping_missing_episodes_are_refused(world, refused, existing, new):
    _episode(world, _day(world, existing[0]), _day(world, existing[1]))
    end = None if new[1] is None else _day(world, new[1])

    exc = refused(lambda: _episode(world, _day(world, new[0]), end, code=MissingCode.AWAY))

    assert list(exc.message_dict) == ["start_date"]
    assert exc.message_dict["start_date"][0].startswith("This episode overlaps the M episode from")


def test_an_open_episode_runs_to_today_so_nothing_can_start_after_it(world, refused):
    _episode(world, _day(world, 20))

    exc = refused(lambda: _episode(world, local_today(), local_today(), code=MissingCode.AWAY))

    assert "to now (still open)" in exc.message_dict["start_date"][0]
    refused(lambda: _episode(world, _day(world, 21), _day(world, 22)))


def test_episodes_never_overlap_across_the_young_persons_agreements(world, refused):
    earlier = IndividualAgreementFactory(
        order_form=OrderFormFactory(
            framework=world.framework_xa, young_person=world.yp_a, status=OrderFormStatus.ACCEPTED
        )
    )
    MissingEpisode.objects.create(
        agreement=earlier,
        **same_scope_as(earlier),
        code=MissingCode.MISSING,
        start_date=_day(world, 10),
        end_date=_day(world, 12),
        source="carer",
        author=world.manager_a,
    )

    refused(lambda: _episode(world, _day(world, 11), _day(world, 11)))


def test_a_change_from_a_to_m_ends_one_episode_and_starts_another_the_same_day(world):
    _episode(world, _day(world, 10), _day(world, 12), code=MissingCode.AWAY)
    _episode(world, _day(world, 12), _day(world, 13), code=MissingCode.MISSING)
    _episode(world, _day(world, 8), _day(world, 10), code=MissingCode.MISSING)

    assert MissingEpisode.objects.count() == 3


def test_several_same_day_episodes_are_separate_rows(world):
    _episode(world, _day(world, 5), _day(world, 5))
    _episode(world, _day(world, 5), _day(world, 5), code=MissingCode.AWAY)

    assert MissingEpisode.objects.filter(start_date=_day(world, 5), end_date=_day(world, 5)).count() == 2


def test_an_earlier_episode_may_end_the_day_an_open_one_started(world):
    _episode(world, _day(world, 20))

    _episode(world, _day(world, 18), _day(world, 20), code=MissingCode.AWAY)

    assert MissingEpisode.objects.count() == 2


@pytest.mark.parametrize(
    ("end", "offered", "accepted", "field"),
    [
        (None, True, None, "return_interview_offered"),  # still missing: no interview yet
        (12, False, True, "return_interview_accepted"),
        (12, None, True, "return_interview_accepted"),
        ("future", None, None, "end_date"),
    ],
)
def test_return_interview_and_end_date_rules(world, refused, end, offered, accepted, field):
    end_date = local_today() + timedelta(days=1) if end == "future" else end and _day(world, end)

    exc = refused(
        lambda: _episode(
            world,
            _day(world, 10),
            end_date,
            return_interview_offered=offered,
            return_interview_accepted=accepted,
        )
    )

    assert list(exc.message_dict) == [field]


def test_missing_episode_needs_a_code_and_a_source(world, refused):
    exc = refused(lambda: _episode(world, _day(world, 10), code="X", source="neighbour"))

    assert set(exc.message_dict) == {"code", "source"}


def test_closing_an_open_episode_records_the_end_and_the_interview(world):
    episode = _episode(world, _day(world, 10))

    services.missing_episode_close(
        actor=world.manager_a,
        episode=episode,
        end_date=_day(world, 11),
        return_interview_offered=True,
        return_interview_accepted=True,
    )

    episode.refresh_from_db()
    assert episode.end_date == _day(world, 11)
    assert (episode.return_interview_offered, episode.return_interview_accepted) == (True, True)
    event = AuditEvent.objects.get(action="missing_episode.closed")
    assert (event.before["end_date"], event.after["end_date"]) == (None, _day(world, 11).isoformat())


def test_closing_refuses_an_end_before_the_start_and_an_episode_already_ended(world, refused):
    episode = _episode(world, _day(world, 10))

    exc = refused(
        lambda: services.missing_episode_close(actor=world.mentor_a, episode=episode, end_date=_day(world, 9))
    )
    assert list(exc.message_dict) == ["end_date"]

    services.missing_episode_close(actor=world.mentor_a, episode=episode, end_date=_day(world, 10))
    exc = refused(
        lambda: services.missing_episode_close(actor=world.mentor_a, episode=episode, end_date=_day(world, 12))
    )
    assert exc.message_dict["__all__"][0].startswith("This episode already ended on")


def test_closing_is_for_the_mentor_and_service_manager_only(world, refused):
    episode = _episode(world, _day(world, 10))

    refused(
        lambda: services.missing_episode_close(actor=world.dsl_a, episode=episode, end_date=_day(world, 11)),
        PermissionDenied,
    )


# --- Measures -----------------------------------------------------------------------------


def _measure(world, kind, **extra):
    return services.measure_record(
        actor=extra.pop("actor", world.mentor_a),
        agreement=world.agreement_a,
        kind=kind,
        completed_on=extra.pop("completed_on", _day(world, 3)),
        **extra,
    )


def test_swemwbs_keeps_its_items_and_metric_score(world):
    result = _measure(world, MeasureKind.SWEMWBS, items=[3, 3, 3, 3, 3, 3, 3])

    result.refresh_from_db()
    assert result.items == [3, 3, 3, 3, 3, 3, 3]
    assert result.score == Decimal("19.25")
    assert result.subscores == {"raw": {"score": 21, "band": ""}}
    assert result.informant == Informant.SELF
    assert AuditEvent.objects.filter(action="measure.recorded").count() == 1


def test_swemwbs_item_of_6_is_refused(world, refused):
    exc = refused(lambda: _measure(world, MeasureKind.SWEMWBS, items=[3, 3, 3, 3, 3, 3, 6]))

    assert exc.message_dict == {"items": ["Item 7 of SWEMWBS is scored from 1 to 5: 6 is not possible."]}


def test_rosenberg_and_ons4_are_scored_and_banded(world):
    rosenberg = _measure(world, MeasureKind.ROSENBERG, items=["A", "D", "A", "A", "D", "D", "A", "D", "D", "A"])
    ons4 = _measure(world, MeasureKind.ONS4, items=[7, 8, 6, 3])

    assert (rosenberg.score, rosenberg.band) == (20, "")  # the reference gives no band above "low"
    assert ons4.score is None
    assert ons4.subscores["anxiety"] == {"score": 3, "band": "Low"}


def test_sdq_is_kept_as_scores_with_bands_and_no_items(world):
    scores = {"total": 18, "emotional": 5, "conduct": 4, "hyperactivity": 6, "peer": 3, "prosocial": 6}

    result = _measure(world, MeasureKind.SDQ, informant=Informant.CARER, scores=scores)

    result.refresh_from_db()
    assert (result.score, result.band, result.items) == (18, "High", [])
    assert result.subscores["prosocial"] == {"score": 6, "band": "Low"}


def test_sdq_self_report_is_for_ages_11_and_over(world, refused):
    world.yp_a.date_of_birth = world.agreement_a.start_date.replace(year=world.agreement_a.start_date.year - 10)
    world.yp_a.save(update_fields=["date_of_birth"])

    exc = refused(lambda: _measure(world, MeasureKind.SDQ, informant=Informant.SELF, scores={"total": 10}))

    assert exc.message_dict == {
        "informant": ["The SDQ self-report is for ages 11 and over: the young person was 10 on that date."]
    }


@pytest.mark.parametrize(
    ("kind", "extra", "fields"),
    [
        (MeasureKind.SDQ, {"scores": {"total": 10}}, {"informant"}),
        (MeasureKind.SDQ, {"informant": "carer", "items": [1] * 25, "scores": {"total": 10}}, {"items"}),
        (MeasureKind.SWEMWBS, {"informant": "carer", "items": [3] * 7}, {"informant"}),
        ("wemwbs", {"items": [3] * 14}, {"kind"}),
        (MeasureKind.ONS4, {"items": [7, 7, 7, 7], "completed_on": None}, {"completed_on"}),
    ],
)
def test_measures_refuse_what_does_not_fit_the_questionnaire(world, refused, kind, extra, fields):
    exc = refused(lambda: _measure(world, kind, **extra))

    assert set(exc.message_dict) == fields


# --- Qualifications and destinations ------------------------------------------------------


def test_qualification_is_saved_and_needs_a_title(world, refused):
    qualification = services.qualification_record(
        actor=world.mentor_a, agreement=world.agreement_a, title="GCSE English", grade="4", achieved_on=_day(world, 5)
    )
    assert (qualification.title, qualification.grade) == ("GCSE English", "4")
    assert AuditEvent.objects.filter(action="qualification.recorded").count() == 1

    exc = refused(
        lambda: services.qualification_record(
            actor=world.mentor_a, agreement=world.agreement_a, title=" ", achieved_on=_day(world, 5)
        )
    )
    assert exc.message_dict == {"title": ["Enter the name of the qualification."]}


def test_destination_derives_activ_and_eet_status(world):
    destination = services.destination_record(
        actor=world.manager_a, agreement=world.agreement_a, recorded_on=_day(world, 5), nccis_code="310", full_time=True
    )

    destination.refresh_from_db()
    assert (destination.nccis_code, destination.activ_code, destination.eet_status) == ("310", "F4", EetStatus.EET)
    assert AuditEvent.objects.get(action="destination.recorded").after["activ_code"] == "F4"


@pytest.mark.parametrize(("code", "field"), [("999", "nccis_code"), ("240", "full_time"), ("450", "nccis_code")])
def test_destination_refuses_unknown_codes_and_missing_hours(world, refused, code, field):
    exc = refused(
        lambda: services.destination_record(
            actor=world.manager_a, agreement=world.agreement_a, recorded_on=_day(world, 5), nccis_code=code
        )
    )

    assert list(exc.message_dict) == [field]


def test_a_qualification_the_checks_let_through_without_a_date_is_still_not_saved(world, monkeypatch):
    """An explicit check, not an ``assert`` (``python -O`` strips those), stops the save (#7)."""
    monkeypatch.setattr(services, "_check_day", lambda *args: None)
    before = db_snapshot()

    with pytest.raises(RuntimeError, match=r"^A qualification was about to be saved without its date\.$"):
        services.qualification_record(
            actor=world.mentor_a, agreement=world.agreement_a, title="GCSE English", achieved_on=None
        )

    assert db_snapshot() == before
