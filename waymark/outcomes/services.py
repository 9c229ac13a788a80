"""Recording progress: outcome reviews, indicators, missing episodes, measures,
qualifications and post-16 destinations.

Every service checks who is acting (the mentor assigned now or the provider's service
manager, ``permissions.can_record_progress``), validates everything before writing,
and writes the record and its audit event in one transaction: a refused record changes
nothing. Dates are Europe/London dates, never in the future, and inside the agreement
(on or after its start, not after its end).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waymark.agreements.models import IndividualAgreement, OrderForm
from waymark.audit.services import audit_record, snapshot
from waymark.core.clock import local_today, long_date
from waymark.organisations.access import actor_for
from waymark.organisations.models import User, same_scope_as
from waymark.young_people.models import YoungPerson

from . import measures, nccis
from .enums import IndicatorKind, IndicatorSource, Informant, MeasureKind, MissingCode
from .models import Destination, IndicatorReading, MeasureResult, MissingEpisode, Outcome, OutcomeReview, Qualification
from .permissions import RECORD_DENIED, can_record_progress
from .scales import INDICATORS, PERCENTAGE, range_message

Errors = dict[str, list[str]]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _authorise(actor: User, agreement: IndividualAgreement) -> None:
    if not can_record_progress(actor_for(actor), agreement):
        raise PermissionDenied(RECORD_DENIED)


def _check_active(errors: Errors, agreement: IndividualAgreement) -> None:
    if not agreement.is_active:
        _add(errors, "__all__", "This agreement has ended: no more progress can be recorded for it.")


def _check_day(errors: Errors, field: str, day: date | None, agreement: IndividualAgreement, what: str) -> None:
    """A date on or after the agreement's start, not after its end and not in the future."""
    if day is None:
        _add(errors, field, f"Enter {what}.")
        return
    if day > local_today():
        _add(errors, field, f"{what.capitalize()} cannot be in the future.")
    elif day < agreement.start_date:
        _add(
            errors,
            field,
            f"{what.capitalize()} cannot be before the agreement started on {long_date(agreement.start_date)}.",
        )
    elif agreement.end_date is not None and day > agreement.end_date:
        _add(
            errors,
            field,
            f"{what.capitalize()} cannot be after the agreement ended on {long_date(agreement.end_date)}.",
        )


def _check_text(errors: Errors, field: str, text: str, limit: int, *, required: str = "") -> str:
    text = (text or "").strip()
    if required and not text:
        _add(errors, field, required)
    elif len(text) > limit:
        _add(errors, field, f"Use no more than {limit} characters (you used {len(text)}).")
    return text


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _merge(errors: Errors, exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        errors.setdefault(field, []).extend(messages)


# --- The individual outcomes an Order Form lists ---------------------------------------


def outcome_create_for_order_form(*, actor: User, order_form: OrderForm, outcomes: list[str]) -> list[Outcome]:
    """Keep the individual outcomes an Order Form lists, in its order.

    Called by ``order_form_receive`` inside its transaction (it checked the actor and the
    texts; its audit event lists them). Side effects: one Outcome per text.
    """
    return Outcome.objects.bulk_create(
        [
            Outcome(order_form=order_form, **same_scope_as(order_form), description=text, position=i)
            for i, text in enumerate(outcomes, 1)
        ]
    )


# --- Outcome reviews ------------------------------------------------------------------


def _agreement_of(outcome: Outcome) -> IndividualAgreement:
    agreement = (
        IndividualAgreement.objects.select_related("young_person").filter(order_form_id=outcome.order_form_id).first()
    )
    if agreement is None:
        raise ValidationError("This outcome's Order Form has not been accepted: there is no agreement to review.")
    return agreement


def outcome_review_add(
    *, actor: User, outcome: Outcome, reviewed_on: date | None, rating: int | None, evidence: str
) -> OutcomeReview:
    """Review an outcome: a goal-based rating from 0 (not at all) to 10 (fully achieved)
    on a date, with the evidence for it.

    Side effects: an OutcomeReview; an audit event ``outcome.reviewed``.
    """
    agreement = _agreement_of(outcome)
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    _check_day(errors, "reviewed_on", reviewed_on, agreement, "the date of the review")
    if rating is None:
        _add(errors, "rating", "Enter a rating from 0 to 10.")
    elif isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10:
        _add(errors, "rating", f"Enter a rating from 0 to 10: {rating} is not on the scale.")
    evidence = _check_text(
        errors, "evidence", evidence, 4000, required="Enter the evidence for this rating: what was seen or reported."
    )
    _raise(errors)
    if reviewed_on is None or rating is None:  # refused above: the checks missed a case
        raise RuntimeError("A rating was about to be saved without its date or its rating.")
    with transaction.atomic():
        review = OutcomeReview.objects.create(
            outcome=outcome,
            **same_scope_as(outcome),
            reviewed_on=reviewed_on,
            rating=rating,
            evidence=evidence,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="outcome.reviewed",
            subject=review,
            young_person=agreement.young_person,
            after=snapshot(review),
        )
    return review


# --- Indicators ---------------------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def indicator_record(
    *,
    actor: User,
    agreement: IndividualAgreement,
    kind: str,
    recorded_on: date | None,
    value: Any,
    source: str,
    note: str = "",
) -> IndicatorReading:
    """Record one reading of an indicator, with its date and source.

    Attendance is a percentage 0–100 (two decimal places at most); suspensions,
    exclusions and placement moves are whole numbers from 0; key adults, resilience and
    problem behaviour are rated 1–5 on the scales in ``scales.py``.

    Side effects: an IndicatorReading; an audit event ``indicator.recorded``.
    """
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    spec = INDICATORS.get(kind)
    if spec is None:
        _add(errors, "kind", "Choose which indicator this reading is for.")
    _check_day(errors, "recorded_on", recorded_on, agreement, "the date of the reading")
    number = _decimal(value)
    if number is None:
        _add(errors, "value", "Enter the reading as a number.")
    elif spec is not None:
        if spec.whole_numbers and number != number.to_integral_value():
            _add(errors, "value", f"Enter a whole number from {spec.low} to {spec.high}.")
        elif not spec.low <= number <= spec.high:
            _add(errors, "value", range_message(spec, number))
        elif spec.measure == PERCENTAGE and number != number.quantize(Decimal("0.01")):
            _add(errors, "value", "Enter attendance with no more than 2 decimal places.")
    if source not in IndicatorSource.values:
        _add(errors, "source", "Choose where this reading came from.")
    note = _check_text(errors, "note", note, 2000)
    _raise(errors)
    if number is None or recorded_on is None:  # refused above: the checks missed a case
        raise RuntimeError("A reading was about to be saved without its value or its date.")
    with transaction.atomic():
        reading = IndicatorReading.objects.create(
            agreement=agreement,
            **same_scope_as(agreement),
            kind=IndicatorKind(kind),
            recorded_on=recorded_on,
            value=number,
            source=source,
            note=note,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="indicator.recorded",
            subject=reading,
            young_person=agreement.young_person,
            after=snapshot(reading),
        )
    return reading


# --- Missing episodes (SSDA903) -----------------------------------------------------------


def _describe(episode: MissingEpisode) -> str:
    end = long_date(episode.end_date) if episode.end_date else "now (still open)"
    return f"the {episode.get_code_display().split(' – ')[0]} episode from {long_date(episode.start_date)} to {end}"


def _overlaps(start: date, end: date | None, other: MissingEpisode) -> bool:
    """Whether two episodes overlap. An open episode runs through today and on; one
    episode may end on the day the next starts (an A→M change, or several episodes in
    one day), so touching ends are not an overlap."""
    other_end = other.end_date
    starts_before_other_ends = other_end is None or start < other_end
    other_starts_before_this_ends = end is None or other.start_date < end
    return starts_before_other_ends and other_starts_before_this_ends


def _first_overlap(
    young_person: YoungPerson, start: date, end: date | None, *, exclude: int | None = None
) -> MissingEpisode | None:
    """The first of the young person's episodes (on any agreement) that overlaps."""
    others = MissingEpisode.objects.filter(agreement__young_person=young_person).order_by("start_date", "pk")
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return next((o for o in others if _overlaps(start, end, o)), None)


def _check_episode_dates(errors: Errors, start: date | None, end: date | None) -> None:
    if end is None or start is None:
        return
    if end < start:
        _add(
            errors,
            "end_date",
            f"A missing episode cannot end before it starts: the end date must be on or after {long_date(start)}.",
        )
    elif end > local_today():
        _add(errors, "end_date", "The end date cannot be in the future: leave it empty while still missing.")


def _check_return_interview(errors: Errors, end: date | None, offered: bool | None, accepted: bool | None) -> None:
    if end is None and (offered is not None or accepted is not None):
        _add(
            errors,
            "return_interview_offered",
            "Record the return home interview once the episode has ended.",
        )
    elif accepted and offered is not True:
        _add(errors, "return_interview_accepted", "A return home interview can only be accepted if it was offered.")


def missing_episode_record(
    *,
    actor: User,
    agreement: IndividualAgreement,
    code: str,
    start_date: date | None,
    end_date: date | None = None,
    return_interview_offered: bool | None = None,
    return_interview_accepted: bool | None = None,
    source: str,
    note: str = "",
) -> MissingEpisode:
    """Record a missing episode in SSDA903 terms: M (whereabouts unknown) or A (away
    without authorisation), a start date and, once returned, an end date.

    The young person's episodes never overlap (an open one runs to today and on); an
    A→M or M→A change is recorded as one episode ending and another starting on the
    same date. Whether a return home interview was offered and accepted is recorded
    once the episode has ended.

    Side effects: a MissingEpisode; an audit event ``missing_episode.recorded``.
    """
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    if code not in MissingCode.values:
        _add(errors, "code", "Choose M (whereabouts unknown) or A (away without authorisation).")
    _check_day(errors, "start_date", start_date, agreement, "the start date")
    _check_episode_dates(errors, start_date, end_date)
    _check_return_interview(errors, end_date, return_interview_offered, return_interview_accepted)
    if source not in IndicatorSource.values:
        _add(errors, "source", "Choose who told you about this episode.")
    note = _check_text(errors, "note", note, 2000)
    _raise(errors)
    if start_date is None:  # refused above: the checks missed a case
        raise RuntimeError("A missing episode was about to be saved without its start date.")
    with transaction.atomic():
        # Lock the young person: two episodes recorded at once cannot both pass the overlap check.
        young_person = YoungPerson.objects.select_for_update().get(pk=agreement.young_person_id)
        if (clash := _first_overlap(young_person, start_date, end_date)) is not None:
            raise ValidationError(
                {"start_date": [f"This episode overlaps {_describe(clash)}: missing episodes cannot overlap."]}
            )
        episode = MissingEpisode.objects.create(
            agreement=agreement,
            **same_scope_as(agreement),
            code=code,
            start_date=start_date,
            end_date=end_date,
            return_interview_offered=return_interview_offered,
            return_interview_accepted=return_interview_accepted,
            source=source,
            note=note,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="missing_episode.recorded",
            subject=episode,
            young_person=young_person,
            after=snapshot(episode),
        )
    return episode


def missing_episode_close(
    *,
    actor: User,
    episode: MissingEpisode,
    end_date: date | None,
    return_interview_offered: bool | None = None,
    return_interview_accepted: bool | None = None,
) -> MissingEpisode:
    """End an open missing episode on the date the young person returned (or the
    episode changed between A and M), with whether a return home interview was
    offered and accepted.

    Side effects: the episode's end date and interview answers; an audit event
    ``missing_episode.closed`` with the before and after.
    """
    agreement = episode.agreement
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    if episode.end_date is not None:
        _add(errors, "__all__", f"This episode already ended on {long_date(episode.end_date)}.")
    if end_date is None:
        _add(errors, "end_date", "Enter the date the episode ended.")
    _check_episode_dates(errors, episode.start_date, end_date)
    _check_return_interview(errors, end_date, return_interview_offered, return_interview_accepted)
    _raise(errors)
    with transaction.atomic():
        young_person = YoungPerson.objects.select_for_update().get(pk=agreement.young_person_id)
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        if episode.end_date is not None:  # ended by someone else since it was read
            raise ValidationError({"__all__": [f"This episode already ended on {long_date(episode.end_date)}."]})
        clash = _first_overlap(young_person, episode.start_date, end_date, exclude=episode.pk)
        if clash is not None:
            raise ValidationError(
                {"end_date": [f"Ending on this date overlaps {_describe(clash)}: missing episodes cannot overlap."]}
            )
        before = snapshot(episode)
        episode.end_date = end_date
        episode.return_interview_offered = return_interview_offered
        episode.return_interview_accepted = return_interview_accepted
        episode.save(update_fields=["end_date", "return_interview_offered", "return_interview_accepted", "updated_at"])
        audit_record(
            actor=actor,
            action="missing_episode.closed",
            subject=episode,
            young_person=young_person,
            before=before,
            after=snapshot(episode),
        )
    return episode


# --- Measures -----------------------------------------------------------------------------


def _age_on(date_of_birth: date, day: date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def measure_record(
    *,
    actor: User,
    agreement: IndividualAgreement,
    kind: str,
    completed_on: date | None,
    informant: str | None = None,
    items: list[Any] | None = None,
    scores: dict[str, Any] | None = None,
) -> MeasureResult:
    """Record a completed questionnaire and its scores (``waymark.outcomes.measures``).

    SWEMWBS, Rosenberg and ONS4 are completed by the young person and keep their item
    answers; the SDQ is recorded as scores only (total and any subscales) with who
    completed it, and the self-report is for ages 11 and over.

    Side effects: a MeasureResult with its score, subscores and band; an audit event
    ``measure.recorded``.
    """
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    _check_day(errors, "completed_on", completed_on, agreement, "the date it was completed")
    scored = None
    if kind not in MeasureKind.values:
        _add(errors, "kind", "Choose a questionnaire: SWEMWBS, Rosenberg, ONS4 or SDQ.")
    else:
        if kind == MeasureKind.SDQ:
            if informant not in Informant.values:
                _add(errors, "informant", "Choose who completed the SDQ: the young person, a carer or a teacher.")
            elif informant == Informant.SELF and completed_on is not None:
                age = _age_on(agreement.young_person.date_of_birth, completed_on)
                if age < measures.SDQ_SELF_REPORT_MIN_AGE:
                    _add(
                        errors,
                        "informant",
                        f"The SDQ self-report is for ages 11 and over: the young person was {age} on that date.",
                    )
        elif informant not in (None, "", Informant.SELF):
            _add(errors, "informant", f"{MeasureKind(kind).label} is completed by the young person themself.")
        if "informant" not in errors:
            try:
                scored = measures.score(kind, items=items, scores=scores, informant=informant or Informant.SELF)
            except ValidationError as exc:
                _merge(errors, exc)
    _raise(errors)
    if scored is None or completed_on is None:  # refused above: the checks missed a case
        raise RuntimeError("A measure was about to be saved without its scores or its date.")
    with transaction.atomic():
        result = MeasureResult.objects.create(
            agreement=agreement,
            **same_scope_as(agreement),
            kind=kind,
            completed_on=completed_on,
            informant=(informant or Informant.SELF) if kind == MeasureKind.SDQ else Informant.SELF,
            items=scored.items,
            score=scored.score,
            subscores=scored.subscores,
            band=scored.band,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="measure.recorded",
            subject=result,
            young_person=agreement.young_person,
            after=snapshot(result),
        )
    return result


# --- Qualifications and destinations ------------------------------------------------------


def qualification_record(
    *,
    actor: User,
    agreement: IndividualAgreement,
    title: str,
    achieved_on: date | None,
    level: str = "",
    grade: str = "",
    awarding_body: str = "",
) -> Qualification:
    """Record a qualification the young person achieved.

    Side effects: a Qualification; an audit event ``qualification.recorded``.
    """
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    title = _check_text(errors, "title", title, 200, required="Enter the name of the qualification.")
    level = _check_text(errors, "level", level, 40)
    grade = _check_text(errors, "grade", grade, 40)
    awarding_body = _check_text(errors, "awarding_body", awarding_body, 200)
    _check_day(errors, "achieved_on", achieved_on, agreement, "the date it was achieved")
    _raise(errors)
    if achieved_on is None:  # refused above: the checks missed a case
        raise RuntimeError("A qualification was about to be saved without its date.")
    with transaction.atomic():
        qualification = Qualification.objects.create(
            agreement=agreement,
            **same_scope_as(agreement),
            title=title,
            level=level,
            grade=grade,
            awarding_body=awarding_body,
            achieved_on=achieved_on,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="qualification.recorded",
            subject=qualification,
            young_person=agreement.young_person,
            after=snapshot(qualification),
        )
    return qualification


def destination_record(
    *,
    actor: User,
    agreement: IndividualAgreement,
    recorded_on: date | None,
    nccis_code: str,
    full_time: bool | None = None,
    note: str = "",
) -> Destination:
    """Record the young person's post-16 activity as an NCCIS code; the SSDA903 ACTIV
    code and the EET status are derived from it (``waymark.outcomes.nccis``).

    Side effects: a Destination; an audit event ``destination.recorded``.
    """
    _authorise(actor, agreement)
    errors: Errors = {}
    _check_active(errors, agreement)
    _check_day(errors, "recorded_on", recorded_on, agreement, "the date")
    derived = None
    try:
        derived = nccis.derive(nccis_code, full_time=full_time)
    except ValidationError as exc:
        _merge(errors, exc)
    note = _check_text(errors, "note", note, 2000)
    _raise(errors)
    if derived is None or recorded_on is None:  # refused above: the checks missed a case
        raise RuntimeError("A destination was about to be saved without its activity or its date.")
    activ_code, eet_status = derived
    with transaction.atomic():
        destination = Destination.objects.create(
            agreement=agreement,
            **same_scope_as(agreement),
            recorded_on=recorded_on,
            nccis_code=nccis.activity(nccis_code).code,
            activ_code=activ_code,
            eet_status=eet_status,
            note=note,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="destination.recorded",
            subject=destination,
            young_person=agreement.young_person,
            after=snapshot(destination),
        )
    return destination
