"""Deadline statuses as the lists read them (R1, R2, R3), from ``agreement_list_visible_to``.

The world's Order Forms are received on Monday 7 September 2026, so the R1 deadline
is the end of Wednesday 9 September 2026.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from waymark.agreements.enums import DeadlineStatus, OrderFormStatus
from waymark.agreements.selectors import agreement_list_visible_to, order_form_list_visible_to
from waymark.contacts.enums import ContactMode, ContactOutcome
from waymark.contacts.services import contact_log
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory

LONDON = ZoneInfo("Europe/London")
RECEIVED = date(2026, 9, 7)  # Monday
FIRST_CONTACT_DUE = date(2026, 9, 9)  # Wednesday


def _agreement(world, **fields):
    order_form = OrderFormFactory(framework=world.framework_xa, received_on=RECEIVED, status=OrderFormStatus.ACCEPTED)
    return IndividualAgreementFactory(order_form=order_form, **fields)


def _statuses(world, agreement, today):
    return agreement_list_visible_to(user=world.manager_a, today=today).get(pk=agreement.pk)


def _at(day, hour=10):
    return datetime.combine(day, time(hour, 0), tzinfo=LONDON)


@pytest.mark.parametrize(
    ("fields", "today", "annotation", "expected"),
    [
        pytest.param({}, date(2026, 9, 8), "first_contact_status", DeadlineStatus.DUE, id="r1-due"),
        pytest.param({}, date(2026, 9, 9), "first_contact_status", DeadlineStatus.DUE_TODAY, id="r1-due-today"),
        pytest.param({}, date(2026, 9, 10), "first_contact_status", DeadlineStatus.OVERDUE, id="r1-overdue"),
        pytest.param(
            {"first_contact_on": date(2026, 9, 9)},
            date(2026, 10, 1),
            "first_contact_status",
            DeadlineStatus.MET,
            id="r1-met-on-the-last-day",
        ),
        pytest.param(
            {"first_contact_on": date(2026, 9, 10)},
            date(2026, 10, 1),
            "first_contact_status",
            DeadlineStatus.MET_LATE,
            id="r1-met-late",
        ),
        pytest.param({}, date(2026, 9, 10), "first_meeting_status", DeadlineStatus.NOT_STARTED, id="r2-not-started"),
        pytest.param(
            {"first_contact_on": date(2026, 9, 8), "first_meeting_due_on": date(2026, 9, 22)},
            date(2026, 9, 21),
            "first_meeting_status",
            DeadlineStatus.DUE,
            id="r2-due",
        ),
        pytest.param(
            {"first_contact_on": date(2026, 9, 8), "first_meeting_due_on": date(2026, 9, 22)},
            date(2026, 9, 22),
            "first_meeting_status",
            DeadlineStatus.DUE_TODAY,
            id="r2-due-today",
        ),
        pytest.param(
            {"first_contact_on": date(2026, 9, 8), "first_meeting_due_on": date(2026, 9, 22)},
            date(2026, 9, 23),
            "first_meeting_status",
            DeadlineStatus.OVERDUE,
            id="r2-overdue",
        ),
        pytest.param(
            {
                "first_contact_on": date(2026, 9, 8),
                "first_meeting_due_on": date(2026, 9, 22),
                "first_meeting_on": date(2026, 9, 15),
            },
            date(2026, 10, 1),
            "first_meeting_status",
            DeadlineStatus.MET,
            id="r2-met",
        ),
        pytest.param(
            {
                "first_contact_on": date(2026, 9, 8),
                "first_meeting_due_on": date(2026, 9, 22),
                "first_meeting_on": date(2026, 9, 24),
            },
            date(2026, 10, 1),
            "first_meeting_status",
            DeadlineStatus.MET_LATE,
            id="r2-met-late",
        ),
        pytest.param({}, date(2026, 10, 1), "substitution_status", DeadlineStatus.NOT_NEEDED, id="r3-not-needed"),
        pytest.param(
            {"substitution_due_on": date(2026, 10, 8)},
            date(2026, 10, 5),
            "substitution_status",
            DeadlineStatus.DUE,
            id="r3-due",
        ),
        pytest.param(
            {"substitution_due_on": date(2026, 10, 8)},
            date(2026, 10, 8),
            "substitution_status",
            DeadlineStatus.DUE_TODAY,
            id="r3-due-today",
        ),
        pytest.param(
            {"substitution_due_on": date(2026, 10, 8)},
            date(2026, 10, 9),
            "substitution_status",
            DeadlineStatus.OVERDUE,
            id="r3-overdue",
        ),
        pytest.param(
            {"substitution_due_on": date(2026, 10, 8), "substituted_on": date(2026, 10, 8)},
            date(2026, 10, 20),
            "substitution_status",
            DeadlineStatus.MET,
            id="r3-met",
        ),
        pytest.param(
            {"substitution_due_on": date(2026, 10, 8), "substituted_on": date(2026, 10, 12)},
            date(2026, 10, 20),
            "substitution_status",
            DeadlineStatus.MET_LATE,
            id="r3-met-late",
        ),
    ],
)
def test_agreement_list_deadline_status_follows_dates(world, fields, today, annotation, expected):
    agreement = _agreement(world, **fields)

    row = _statuses(world, agreement, today)

    assert getattr(row, annotation) == expected


def test_order_form_list_first_contact_status_overdue_without_agreement(world):
    order_form = OrderFormFactory(framework=world.framework_xa, received_on=RECEIVED)

    row = order_form_list_visible_to(user=world.manager_a, today=date(2026, 9, 10)).get(pk=order_form.pk)

    assert row.first_contact_status == DeadlineStatus.OVERDUE


def test_order_form_list_first_contact_status_met_through_agreement(world):
    agreement = _agreement(world, first_contact_on=date(2026, 9, 8))

    row = order_form_list_visible_to(user=world.manager_a, today=date(2026, 9, 10)).get(pk=agreement.order_form_id)

    assert row.first_contact_status == DeadlineStatus.MET


def test_attempted_contact_does_not_stop_first_contact_clock(world):
    # R1: an attempt that does not reach the young person is logged but the clock runs on.
    contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=_at(date(2026, 9, 8)),
        mode=ContactMode.PHONE,
        outcome=ContactOutcome.ATTEMPTED,
    )

    row = _statuses(world, world.agreement_a, date(2026, 9, 10))

    assert row.first_contact_on is None
    assert row.first_contact_status == DeadlineStatus.OVERDUE
    assert row.first_meeting_status == DeadlineStatus.NOT_STARTED


def test_made_contact_after_attempt_meets_first_contact_deadline(world):
    contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=_at(date(2026, 9, 8)),
        mode=ContactMode.PHONE,
        outcome=ContactOutcome.ATTEMPTED,
    )
    contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=_at(date(2026, 9, 9), hour=18),
        mode=ContactMode.PHONE,
        outcome=ContactOutcome.MADE,
    )

    row = _statuses(world, world.agreement_a, date(2026, 9, 10))

    assert row.first_contact_on == date(2026, 9, 9)
    assert row.first_contact_status == DeadlineStatus.MET


def test_first_meeting_deadline_is_ten_working_days_from_first_made_contact(world):
    # R2: made contacts logged out of order; the earliest (Wed 9 Sep 2026) sets the
    # deadline: the 10th working day after it is Wed 23 Sep 2026.
    for day in (date(2026, 9, 11), date(2026, 9, 9)):
        contact_log(
            actor=world.mentor_a,
            agreement=world.agreement_a,
            occurred_at=_at(day),
            mode=ContactMode.PHONE,
            outcome=ContactOutcome.MADE,
        )
    contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=_at(date(2026, 9, 8)),
        mode=ContactMode.PHONE,
        outcome=ContactOutcome.ATTEMPTED,
    )

    row = _statuses(world, world.agreement_a, date(2026, 9, 23))

    assert row.first_contact_on == date(2026, 9, 9)
    assert row.first_meeting_due_on == date(2026, 9, 23)
    assert row.first_meeting_status == DeadlineStatus.DUE_TODAY


def test_first_meeting_logged_meets_first_meeting_deadline(world):
    contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=_at(date(2026, 9, 9)),
        mode=ContactMode.PHONE,
        outcome=ContactOutcome.MADE,
    )
    contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=_at(date(2026, 9, 16)),
        mode=ContactMode.FACE_TO_FACE,
        outcome=ContactOutcome.MADE,
        is_first_meeting=True,
    )

    row = _statuses(world, world.agreement_a, date(2026, 10, 1))

    assert row.first_meeting_on == date(2026, 9, 16)
    assert row.first_meeting_status == DeadlineStatus.MET
