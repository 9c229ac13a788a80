"""The agreement and Order Form pages: filters, sorting, errors that keep input."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from waymark.agreements import services
from waymark.agreements.enums import AgreementStatus, AssignmentEndReason, DeadlineStatus, OrderFormStatus
from waymark.agreements.models import Assignment, OrderForm
from waymark.agreements.services import agreement_transition, assignment_reject
from waymark.contacts.models import Contact
from waymark.testing.db import db_snapshot
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory
from waymark.young_people.models import YoungPerson

LONDON = ZoneInfo("Europe/London")


def _overdue_agreement(world):
    """An agreement received long ago with no contact: R1 overdue."""
    order_form = OrderFormFactory(
        framework=world.framework_xa, received_on=date(2026, 9, 1), status=OrderFormStatus.ACCEPTED
    )
    return IndividualAgreementFactory(order_form=order_form)


def _met_agreement(world):
    order_form = OrderFormFactory(
        framework=world.framework_xa, received_on=date(2026, 9, 1), status=OrderFormStatus.ACCEPTED
    )
    return IndividualAgreementFactory(
        order_form=order_form, first_contact_on=date(2026, 9, 2), first_meeting_on=date(2026, 9, 3)
    )


def _text(response):
    """The page's words, tags stripped and spaces collapsed."""
    return " ".join(strip_tags(response.content.decode()).split())


def _rows(response):
    return [a.pk for a in response.context["page"].object_list]


def test_dashboard_lists_most_urgent_first(world, client_for):
    met = _met_agreement(world)
    overdue = _overdue_agreement(world)

    response = client_for(world.manager_a).get(reverse("agreements:list"))

    rows = _rows(response)
    assert rows.index(overdue.pk) < rows.index(met.pk)
    assert response.context["page"].object_list[0].urgency == 0


def test_dashboard_filter_first_contact_overdue(world, client_for):
    met = _met_agreement(world)
    overdue = _overdue_agreement(world)

    response = client_for(world.manager_a).get(reverse("agreements:list"), {"deadline": "first_contact_overdue"})

    rows = _rows(response)
    assert overdue.pk in rows
    assert met.pk not in rows
    assert {a.first_contact_status for a in response.context["page"].object_list} == {DeadlineStatus.OVERDUE}


def test_dashboard_filter_no_mentor(world, client_for):
    unassigned = _overdue_agreement(world)

    response = client_for(world.manager_a).get(reverse("agreements:list"), {"deadline": "no_mentor"})

    assert _rows(response) == [unassigned.pk]


def test_dashboard_search_by_name_and_sort_by_name(world, client_for):
    response = client_for(world.manager_a).get(
        reverse("agreements:list"), {"q": world.yp_a.legal_last_name[:4], "sort": "name", "direction": "desc"}
    )

    assert _rows(response) == [world.agreement_a.pk]


def test_dashboard_htmx_request_gets_only_the_table(world, client_for):
    response = client_for(world.manager_a).get(reverse("agreements:list"), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "agreements/_agreement_table.html"
    assert b"<html" not in response.content


def test_dashboard_bad_filter_values_are_ignored_not_errors(world, client_for):
    response = client_for(world.manager_a).get(
        reverse("agreements:list"), {"deadline": "<script>", "sort": "'; drop table", "page": "999"}
    )

    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_mentor_list_is_titled_my_young_people(world, client_for):
    response = client_for(world.mentor_a).get(reverse("agreements:list"))

    assert response.context["title"] == "My young people"
    assert _rows(response) == [world.agreement_a.pk]


def _order_form_post(world, **overrides):
    data = {
        "framework": str(world.framework_xa.pk),
        "referral_reason": "Not attending school.",
        "outcome_1": "Attends three days a week.",
        "yp-local_child_id": "NX-9001",
        "yp-legal_first_name": "Wren",
        "yp-legal_last_name": "Halloway",
        "yp-date_of_birth": "2011-02-03",
    }
    data.update(overrides)
    return data


def test_vs_officer_sends_order_form_received_today(world, client_for):
    response = client_for(world.vs_x).post(reverse("order_forms:new"), _order_form_post(world))

    order_form = OrderForm.objects.get(young_person__local_child_id="NX-9001")
    assert response.status_code == 302
    assert order_form.received_on == timezone.localdate()
    assert order_form.channel == "portal"


def test_order_form_errors_show_summary_and_keep_input(world, client_for):
    data = _order_form_post(world, outcome_1="", **{"yp-date_of_birth": "2011-02-31"})

    response = client_for(world.vs_x).post(reverse("order_forms:new"), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter at least one outcome the mentoring should achieve." in content
    assert "Enter a real date of birth." in content
    assert 'value="Halloway"' in content
    assert OrderForm.objects.filter(young_person__local_child_id="NX-9001").count() == 0
    assert YoungPerson.objects.filter(local_child_id="NX-9001").count() == 0


def test_manager_records_emailed_order_form_future_date_refused(world, client_for):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client_for(world.manager_a).post(reverse("order_forms:new"), _order_form_post(world, received_on=future))

    assert response.status_code == 200
    assert "The date of receipt cannot be in the future." in response.content.decode()
    assert not OrderForm.objects.filter(young_person__local_child_id="NX-9001").exists()


def test_order_form_for_another_councils_framework_refused(world, client_for):
    response = client_for(world.vs_x).post(
        reverse("order_forms:new"), _order_form_post(world, framework=str(world.framework_yb.pk))
    )

    assert response.status_code == 200
    assert "Choose a framework agreement." in response.content.decode()
    assert not OrderForm.objects.filter(young_person__local_child_id="NX-9001").exists()


def test_duplicate_order_form_for_same_child_refused(world, client_for):
    client = client_for(world.vs_x)
    client.post(reverse("order_forms:new"), _order_form_post(world))

    response = client.post(reverse("order_forms:new"), _order_form_post(world))

    assert response.status_code == 200
    assert "already has an Order Form" in response.content.decode()
    assert OrderForm.objects.filter(young_person__local_child_id="NX-9001").count() == 1


def test_markup_in_order_form_is_kept_as_text(world, client_for):
    client = client_for(world.vs_x)
    client.post(reverse("order_forms:new"), _order_form_post(world, referral_reason="<script>alert(1)</script>"))
    order_form = OrderForm.objects.get(young_person__local_child_id="NX-9001")

    response = client.get(reverse("order_forms:detail", args=[order_form.public_id]))

    assert order_form.referral_reason == "<script>alert(1)</script>"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_finance_reads_order_form_without_notes(world, client_for):
    response = client_for(world.finance_a).get(reverse("order_forms:detail", args=[world.order_form_a.public_id]))

    assert response.status_code == 200
    assert world.order_form_a.referral_reason not in response.content.decode()


def test_accept_then_assign_then_second_assignment_refused(world, client_for):
    order_form = OrderFormFactory(framework=world.framework_xa, received_on=timezone.localdate())
    client = client_for(world.manager_a)

    accepted = client.post(reverse("order_forms:accept", args=[order_form.public_id]))
    agreement = OrderForm.objects.get(pk=order_form.pk).agreement
    assigned = client.post(
        reverse("agreements:assign", args=[agreement.public_id]),
        {"mentor": str(world.mentor_a2.pk), "started_on": timezone.localdate().isoformat()},
    )
    second = client.post(
        reverse("agreements:assign", args=[agreement.public_id]),
        {"mentor": str(world.mentor_a.pk), "started_on": timezone.localdate().isoformat()},
    )

    assert accepted.status_code == 302
    assert assigned.status_code == 302
    assert second.status_code == 200
    assert "A mentor changes only by substitution" in second.content.decode()
    assert list(Assignment.objects.filter(agreement=agreement).values_list("mentor", flat=True)) == [world.mentor_a2.pk]


def test_substitute_without_reason_keeps_input_and_changes_nothing(world, client_for):
    response = client_for(world.manager_a).post(
        reverse("agreements:substitute", args=[world.agreement_a.public_id]),
        {"note": "Gone abroad", "ended_on": timezone.localdate().isoformat(), "new_mentor": str(world.mentor_a2.pk)},
    )

    assert response.status_code == 200
    assert "Choose why the mentor is changing." in response.content.decode()
    assert "Gone abroad" in response.content.decode()
    assert Assignment.objects.get(pk=world.assignment_a.pk).ended_on is None
    assert Contact.objects.count() == 0


def test_substitute_with_reason_assigns_and_tells_council(world, client_for):
    response = client_for(world.manager_a).post(
        reverse("agreements:substitute", args=[world.agreement_a.public_id]),
        {
            "reason": "mentor_unavailable",
            "note": "Long-term sick leave",
            "ended_on": timezone.localdate().isoformat(),
            "new_mentor": str(world.mentor_a2.pk),
        },
    )

    current = Assignment.objects.get(agreement=world.agreement_a, ended_on__isnull=True)
    assert response.status_code == 302
    assert current.mentor == world.mentor_a2
    assert current.is_substitute is True
    assert world.vs_x.notifications.count() == 2


def test_dashboard_counts_order_forms_not_yet_accepted(world, client_for):
    """R1 runs from receipt: forms waiting for a decision show on the dashboard."""
    OrderFormFactory(framework=world.framework_xa, received_on=date(2026, 9, 14))  # due 16 September
    OrderFormFactory(framework=world.framework_xa, received_on=date(2026, 9, 14))
    OrderFormFactory(framework=world.framework_xa, received_on=date(2026, 9, 29))  # due 1 October
    OrderFormFactory(framework=world.framework_xa, received_on=date(2026, 9, 14), status=OrderFormStatus.DECLINED)
    OrderFormFactory(framework=world.framework_yb, received_on=date(2026, 9, 14))  # another provider

    with time_machine.travel(datetime(2026, 10, 1, 9, 0, tzinfo=LONDON)):
        response = client_for(world.manager_a).get(reverse("agreements:list"))

    assert response.context["waiting"] == {"overdue": 2, "due_today": 1}
    assert (
        "Order Forms not yet accepted: first contact overdue for 2; first contact due today for 1. "
        "See the Order Forms waiting for a decision"
    ) in _text(response)


def test_dashboard_says_nothing_of_order_forms_when_none_wait(world, client_for):
    response = client_for(world.manager_a).get(reverse("agreements:list"))

    assert response.context["waiting"] == {"overdue": 0, "due_today": 0}
    assert b"order-forms-waiting" not in response.content


def test_assign_page_says_when_a_substitute_is_due_in_plain_words(world, client_for):
    agreement = _overdue_agreement(world)
    agreement.substitution_due_on = date(2026, 11, 27)
    agreement.save()

    response = client_for(world.manager_a).get(reverse("agreements:assign", args=[agreement.public_id]))

    assert "This is a substitute mentor. It is due by 27 November 2026; the council will be told." in _text(response)


def test_assign_substitute_before_previous_mentor_last_day_shows_error_and_saves_nothing(world, client_for):
    """R3 (#7): the page refuses a substitute who would overlap the previous mentor."""
    client = client_for(world.manager_a)
    client.post(
        reverse("agreements:substitute", args=[world.agreement_a.public_id]),
        {"reason": "mentor_unavailable", "note": "Long-term sick leave", "ended_on": "2026-11-20"},
    )
    before = db_snapshot()

    response = client.post(
        reverse("agreements:assign", args=[world.agreement_a.public_id]),
        {"mentor": str(world.mentor_a2.pk), "started_on": "2026-11-19"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "started_on": ["The new mentor cannot start before the previous mentor's last day, 20 November 2026."]
    }
    assert "The new mentor cannot start before the previous mentor&#x27;s last day, 20 November 2026." in (
        response.content.decode()
    )
    assert db_snapshot() == before


def _later_agreement_after_rejection(world):
    """mentor_a rejected for Tamsin, her agreement ended, and a new agreement for her with no mentor."""
    assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="Previous conflict with the family.")
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=timezone.localdate(),
        reason="Moved placement.",
    )
    return IndividualAgreementFactory(
        order_form=OrderFormFactory(
            framework=world.framework_xa, young_person=world.yp_a, status=OrderFormStatus.ACCEPTED
        )
    )


def _choices(response, field="mentor"):
    return [m.pk for m in response.context["form"].fields[field].queryset]


def test_assign_page_does_not_offer_a_mentor_rejected_for_this_young_person(world, client_for):
    """R4 (#7): a mentor rejected under an earlier agreement is not in the list."""
    later = _later_agreement_after_rejection(world)
    other = IndividualAgreementFactory(order_form=OrderFormFactory(framework=world.framework_xa))

    response = client_for(world.manager_a).get(reverse("agreements:assign", args=[later.public_id]))
    other_response = client_for(world.manager_a).get(reverse("agreements:assign", args=[other.public_id]))

    assert _choices(response) == [world.mentor_a2.pk]
    assert sorted(_choices(other_response)) == sorted([world.mentor_a.pk, world.mentor_a2.pk])


@pytest.mark.parametrize(
    ("today", "offered"),
    [
        pytest.param(date(2026, 11, 25), False, id="stopped-yesterday"),
        pytest.param(date(2026, 12, 21), False, id="27-days-after"),
        pytest.param(date(2026, 12, 22), True, id="28-days-after"),
    ],
)
def test_substitute_page_does_not_offer_a_mentor_who_is_currently_unavailable(world, client_for, today, offered):
    """R4 (#7): a mentor who stopped recently as "no longer available" is not offered elsewhere."""
    services.assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term illness.",
        ended_on=date(2026, 11, 24),
    )
    other = IndividualAgreementFactory(order_form=OrderFormFactory(framework=world.framework_xa))
    services.assignment_create(actor=world.manager_a, agreement=other, mentor=world.mentor_a2)

    with time_machine.travel(datetime(today.year, today.month, today.day, 10, 0, tzinfo=LONDON)):
        response = client_for(world.manager_a).get(reverse("agreements:substitute", args=[other.public_id]))

    assert _choices(response, "new_mentor") == ([world.mentor_a.pk] if offered else [])


def test_mentor_back_at_work_is_offered_again(world, client_for):
    """A mentor who has started another assignment since they stopped is available."""
    services.assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Short illness.",
        ended_on=date(2026, 11, 20),
    )
    elsewhere = IndividualAgreementFactory(order_form=OrderFormFactory(framework=world.framework_xa))
    services.assignment_create(
        actor=world.manager_a, agreement=elsewhere, mentor=world.mentor_a, started_on=date(2026, 11, 24)
    )
    other = IndividualAgreementFactory(order_form=OrderFormFactory(framework=world.framework_xa))

    response = client_for(world.manager_a).get(reverse("agreements:assign", args=[other.public_id]))

    assert sorted(_choices(response)) == sorted([world.mentor_a.pk, world.mentor_a2.pk])
