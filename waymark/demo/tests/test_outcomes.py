"""The demo history is made through the services and shows a term of progress."""

from __future__ import annotations

from django.urls import reverse

from waymark.audit.models import AuditEvent
from waymark.core.clock import local_today
from waymark.demo.outcomes import seed_progress_history
from waymark.organisations.models import same_scope_as
from waymark.outcomes.enums import IndicatorKind, Informant, MeasureKind
from waymark.outcomes.models import IndicatorReading, MeasureResult, MissingEpisode, Outcome, OutcomeReview


def _with_outcomes(world):
    for position, text in enumerate(["Attend school three days a week", "Join a club after school"], start=1):
        Outcome.objects.create(
            order_form=world.order_form_a, **same_scope_as(world.order_form_a), position=position, description=text
        )


def test_seed_progress_history_makes_a_term_of_rising_progress(world):
    _with_outcomes(world)
    today = local_today()

    history = seed_progress_history(agreement=world.agreement_a, author=world.mentor_a, today=today)

    first = Outcome.objects.get(order_form=world.order_form_a, position=1)
    ratings = list(OutcomeReview.objects.filter(outcome=first).order_by("reviewed_on").values_list("rating", flat=True))
    assert ratings == [2, 3, 3, 5, 6, 7]
    attendance = IndicatorReading.objects.filter(agreement=world.agreement_a, kind=IndicatorKind.ATTENDANCE)
    assert attendance.count() == len(ratings)
    assert attendance.order_by("recorded_on").last().value > attendance.order_by("recorded_on").first().value
    moves = IndicatorReading.objects.filter(agreement=world.agreement_a, kind=IndicatorKind.PLACEMENT_MOVES)
    assert sorted(moves.values_list("value", flat=True)) == [0, 1]
    swemwbs = MeasureResult.objects.filter(kind=MeasureKind.SWEMWBS).order_by("completed_on")
    assert [str(m.score) for m in swemwbs] == ["16.36", "20.73"]
    assert swemwbs.last().completed_on == today
    assert MeasureResult.objects.filter(kind=MeasureKind.ONS4).count() == 1
    sdq = MeasureResult.objects.get(kind=MeasureKind.SDQ)
    assert (sdq.informant, sdq.score, sdq.band) == (Informant.CARER, 18, "High")
    assert MissingEpisode.objects.count() == 0
    assert history.missing_episodes == 0
    assert history.reviews == 2 * len(ratings)
    # Everything went through the services: one audit event per record.
    recorded = AuditEvent.objects.filter(action__in=["outcome.reviewed", "indicator.recorded", "measure.recorded"])
    assert recorded.count() == history.reviews + history.readings + history.measures


def test_seed_progress_history_adds_one_closed_missing_episode_when_asked(world):
    today = local_today()

    seed_progress_history(agreement=world.agreement_a, author=world.mentor_a, today=today, missing_episode=True)

    episode = MissingEpisode.objects.get()
    assert episode.start_date <= episode.end_date <= today
    assert (episode.return_interview_offered, episode.return_interview_accepted) == (True, True)


def test_seed_progress_history_fits_an_agreement_that_started_today(world):
    world.agreement_a.start_date = local_today()
    world.agreement_a.save(update_fields=["start_date"])

    history = seed_progress_history(
        agreement=world.agreement_a, author=world.manager_a, today=local_today(), missing_episode=True
    )

    assert history.readings == 6  # four rated series once, and the placement readings
    assert set(IndicatorReading.objects.values_list("recorded_on", flat=True)) == {local_today()}


def test_seeded_history_shows_on_the_progress_page(world, client_for):
    _with_outcomes(world)
    seed_progress_history(agreement=world.agreement_a, author=world.mentor_a, today=local_today(), missing_episode=True)

    response = client_for(world.vs_x).get(reverse("outcomes:progress", args=[world.yp_a.public_id]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 2 + 5 + 3  # two outcomes, five indicators, SWEMWBS + ONS4 + SDQ carer
    assert "Still missing" not in html
