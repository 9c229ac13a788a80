from django.db import models


class OrderFormChannel(models.TextChoices):
    PORTAL = "portal", "Submitted online by the Virtual School"
    EMAIL = "email", "Received by email and recorded by the provider"


class OrderFormStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


ORDER_FORM_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderFormStatus.RECEIVED: frozenset({OrderFormStatus.ACCEPTED, OrderFormStatus.DECLINED}),
    OrderFormStatus.ACCEPTED: frozenset(),
    OrderFormStatus.DECLINED: frozenset(),
}


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"
    TERMINATED = "terminated", "Terminated for failure to deliver"


AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.ACTIVE: frozenset({AgreementStatus.ENDED, AgreementStatus.TERMINATED}),
    AgreementStatus.ENDED: frozenset(),
    AgreementStatus.TERMINATED: frozenset(),
}


class AssignmentEndReason(models.TextChoices):
    """The only reasons a mentor may stop working with a young person (R3, R4)."""

    MENTOR_UNAVAILABLE = (
        "mentor_unavailable",
        "Mentor no longer available for reasons outside the provider's control",
    )
    REJECTED_BY_COUNCIL = "rejected_by_council", "Mentor rejected by the council"
    AGREEMENT_ENDED = "agreement_ended", "The Individual Agreement ended"


SUBSTITUTION_REASONS = (
    AssignmentEndReason.MENTOR_UNAVAILABLE,
    AssignmentEndReason.REJECTED_BY_COUNCIL,
)


class DeadlineStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DUE = "due", "Due"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"
    MET = "met", "Met"
    MET_LATE = "met_late", "Met late"
    NOT_NEEDED = "not_needed", "Not needed"
