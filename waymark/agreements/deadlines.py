"""Deadline status: the one place it is derived (R1, R2, R3).

Due dates are worked out by the services when the events that start each clock are
recorded (using ``waymark.core.working_days``) and stored on the Order Form and the
Individual Agreement. This module turns due date + date met + today into a status,
as a database expression so lists can filter and sort on it. Pages, the API and
commands all read these annotations.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, CharField, Count, F, IntegerField, Q, QuerySet, Value, When

from .enums import AgreementStatus, DeadlineStatus, OrderFormStatus

# The statuses a person needs to act on, for filters and counts.
OPEN_STATUSES = (DeadlineStatus.DUE, DeadlineStatus.DUE_TODAY, DeadlineStatus.OVERDUE)
# The statuses that need someone to act today.
URGENT_STATUSES = (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY)


# An agreement's clocks run while it is active; once it has ended or been terminated an
# unmet deadline no longer applies.
AGREEMENT_APPLIES = Q(status=AgreementStatus.ACTIVE)
# The first-contact clock runs from receipt (R1): while the Order Form waits for a
# decision, and after acceptance while the agreement is active. A declined Order Form
# needs no first contact.
ORDER_FORM_APPLIES = Q(status=OrderFormStatus.RECEIVED) | Q(
    status=OrderFormStatus.ACCEPTED, agreement__status=AgreementStatus.ACTIVE
)


def status_expression(*, due: str, met: str, today: date, started: Q | None = None, applies: Q | None = None) -> Case:
    """A CASE expression giving the DeadlineStatus of one clock.

    ``due`` and ``met`` name date fields; ``started`` is the condition under which the
    clock runs at all (for example a first meeting is only due after a first contact);
    ``applies`` the condition under which an unmet deadline still matters (a declined
    Order Form or an ended agreement needs nothing more: NOT_NEEDED).
    """
    not_started = Q(**{f"{due}__isnull": True})
    if started is not None:
        not_started |= ~started
    whens = [
        When(Q(**{f"{met}__isnull": False}) & Q(**{f"{met}__lte": F(due)}), then=Value(DeadlineStatus.MET)),
        When(Q(**{f"{met}__isnull": False}) & Q(**{f"{due}__isnull": False}), then=Value(DeadlineStatus.MET_LATE)),
        When(Q(**{f"{met}__isnull": False}), then=Value(DeadlineStatus.MET)),
    ]
    if applies is not None:
        whens.append(When(~applies, then=Value(DeadlineStatus.NOT_NEEDED)))
    return Case(
        *whens,
        When(not_started, then=Value(DeadlineStatus.NOT_STARTED)),
        When(Q(**{f"{due}__lt": today}), then=Value(DeadlineStatus.OVERDUE)),
        When(Q(**{due: today}), then=Value(DeadlineStatus.DUE_TODAY)),
        default=Value(DeadlineStatus.DUE),
        output_field=CharField(),
    )


def with_deadline_status(qs: QuerySet[Any], *, today: date) -> QuerySet[Any]:
    """Annotate IndividualAgreements with ``first_contact_status``,
    ``first_meeting_status`` and ``substitution_status``."""
    annotated: QuerySet[Any] = qs.annotate(
        first_contact_status=status_expression(
            due="order_form__first_contact_due_on", met="first_contact_on", today=today, applies=AGREEMENT_APPLIES
        ),
        first_meeting_status=status_expression(
            due="first_meeting_due_on", met="first_meeting_on", today=today, applies=AGREEMENT_APPLIES
        ),
        substitution_status=Case(
            When(substitution_due_on__isnull=True, then=Value(DeadlineStatus.NOT_NEEDED)),
            default=status_expression(
                due="substitution_due_on", met="substituted_on", today=today, applies=AGREEMENT_APPLIES
            ),
            output_field=CharField(),
        ),
    )
    urgent = (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY, DeadlineStatus.DUE)
    clocks = ("first_contact_status", "first_meeting_status", "substitution_status")
    ranked: QuerySet[Any] = annotated.annotate(
        # 0 = something overdue, 1 = due today, 2 = due later, 3 = nothing open: for "most urgent first".
        urgency=Case(
            *[When(Q(**{clock: status}), then=Value(rank)) for rank, status in enumerate(urgent) for clock in clocks],
            default=Value(len(urgent)),
            output_field=IntegerField(),
        )
    )
    return ranked


def with_order_form_status(qs: QuerySet[Any], *, today: date) -> QuerySet[Any]:
    """Annotate Order Forms with the R1 ``first_contact_status`` and ``first_contact_on``
    (from its agreement, if any): the clock runs from receipt, so a form not yet
    accepted is due, due today or overdue like any other."""
    annotated: QuerySet[Any] = qs.annotate(
        first_contact_on=F("agreement__first_contact_on"),
        first_contact_status=status_expression(
            due="first_contact_due_on", met="agreement__first_contact_on", today=today, applies=ORDER_FORM_APPLIES
        ),
    )
    return annotated


def undecided_order_form_counts(qs: QuerySet[Any], *, today: date) -> dict[str, int]:
    """How many Order Forms in ``qs`` still wait for a decision with their first contact
    overdue or due today (R1): ``{"overdue": n, "due_today": n}``. One query."""
    counts: dict[str, int] = with_order_form_status(qs.filter(status=OrderFormStatus.RECEIVED), today=today).aggregate(
        overdue=Count("pk", filter=Q(first_contact_status=DeadlineStatus.OVERDUE)),
        due_today=Count("pk", filter=Q(first_contact_status=DeadlineStatus.DUE_TODAY)),
    )
    return counts
