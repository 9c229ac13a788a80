"""Who may open and post each Progress page (docs/access.md "outcomes, indicators, measures").

Read and write: the mentor assigned now (mentor_a) and the provider's service manager
(manager_a). Read only (403 on writes): the provider's DSL and the council's Virtual
School officer. Everyone else — finance, volunteers, contract managers (aggregates
only), other mentors, other councils and providers — is hidden (404).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from waymark.organisations.models import same_scope_as
from waymark.outcomes.enums import IndicatorSource, MissingCode
from waymark.outcomes.models import MissingEpisode, Outcome
from waymark.testing.access import SEES_YP_A, Matrix, only
from waymark.testing.personas import World

READERS = SEES_YP_A  # mentor_a, manager_a, dsl_a, vs_x
WRITERS = {"mentor_a", "manager_a"}


def outcome_a(world: World) -> Outcome:
    """An outcome on yp_a's Order Form (the world has none of its own)."""
    outcome, _ = Outcome.objects.get_or_create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        position=1,
        defaults={"description": "Attend school three days a week"},
    )
    return outcome


def open_episode_a(world: World) -> MissingEpisode:
    """An open missing episode of yp_a, from the agreement's first day."""
    episode = MissingEpisode.objects.filter(agreement=world.agreement_a, end_date__isnull=True).first()
    return episode or MissingEpisode.objects.create(
        agreement=world.agreement_a,
        **same_scope_as(world.agreement_a),
        code=MissingCode.MISSING,
        start_date=world.agreement_a.start_date,
        source=IndicatorSource.CARER,
        author=world.mentor_a,
    )


def _write(ok: int) -> dict[str, dict[str, int]]:
    return {"GET": only(WRITERS, 200, visible=READERS), "POST": only(WRITERS, ok, visible=READERS)}


def _agreement(world: World, **extra: Any) -> dict[str, Any]:
    return {"public_id": world.agreement_a.public_id, **extra}


MATRIX: Matrix = {
    "outcomes:progress": (
        lambda w: {"public_id": w.yp_a.public_id},
        {"GET": only(READERS, 200, visible=READERS)},
    ),
    "outcomes:review_new": (lambda w: {"public_id": outcome_a(w).public_id}, _write(302)),
    "outcomes:indicator_new": (lambda w: _agreement(w, kind="attendance"), _write(302)),
    "outcomes:missing_new": (lambda w: _agreement(w), _write(302)),
    "outcomes:missing_close": (lambda w: {"public_id": open_episode_a(w).public_id}, _write(302)),
    "outcomes:measure_new": (lambda w: _agreement(w, kind="swemwbs"), _write(302)),
    "outcomes:qualification_new": (lambda w: _agreement(w), _write(302)),
    "outcomes:destination_new": (lambda w: _agreement(w), _write(302)),
}


def _today() -> str:
    return timezone.localdate().isoformat()


VALID_POST = {
    "outcomes:review_new": lambda w: {"reviewed_on": _today(), "rating": "6", "evidence": "Went to school 3 days."},
    "outcomes:indicator_new": lambda w: {"recorded_on": _today(), "value": "85", "source": "school"},
    "outcomes:missing_new": lambda w: {
        "code": "A",
        "start_date": _today(),
        "end_date": _today(),
        "return_interview_offered": "yes",
        "return_interview_accepted": "no",
        "source": "carer",
    },
    "outcomes:missing_close": lambda w: {"end_date": _today(), "return_interview_offered": "no"},
    "outcomes:measure_new": lambda w: {"completed_on": _today(), **{f"item_{n}": "3" for n in range(1, 8)}},
    "outcomes:qualification_new": lambda w: {"title": "Entry Level 3 Maths", "achieved_on": _today()},
    "outcomes:destination_new": lambda w: {"recorded_on": _today(), "nccis_code": "230"},
}
