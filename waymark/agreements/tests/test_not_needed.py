"""A deadline that no longer applies says so ("Not needed"): declined Order Forms and
ended agreements, on the pages, the API and from the one deadline annotation. A met
deadline shows the date it was met, not its old due date.

The world's Order Forms were received on Monday 7 September 2026 (first contact due
Wednesday 9 September); the tests run on 25 November 2026, long after.
"""

import re
from datetime import date

from django.urls import reverse

from waymark.agreements.enums import AgreementStatus, DeadlineStatus, OrderFormStatus
from waymark.agreements.selectors import agreement_list_visible_to, order_form_list_visible_to
from waymark.testing.factories import OrderFormFactory

ENDED_ON = date(2026, 11, 20)


def _text(response):
    """The page's words, each tag a space, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _end(agreement, *, first_contact_on=None):
    agreement.status = AgreementStatus.ENDED
    agreement.end_date = ENDED_ON
    agreement.first_contact_on = first_contact_on
    agreement.save()


def _declined(world):
    return OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.DECLINED, decline_reason="Full.")


def test_declined_order_form_first_contact_not_needed(world):
    declined = _declined(world)

    row = order_form_list_visible_to(user=world.manager_a).get(pk=declined.pk)

    assert row.first_contact_status == DeadlineStatus.NOT_NEEDED


def test_ended_agreement_open_clocks_not_needed_met_ones_stay_met(world):
    _end(world.agreement_a)
    _end(world.agreement_b, first_contact_on=date(2026, 9, 10))

    a = agreement_list_visible_to(user=world.manager_a).get(pk=world.agreement_a.pk)
    b = agreement_list_visible_to(user=world.manager_b).get(pk=world.agreement_b.pk)
    form_a = order_form_list_visible_to(user=world.manager_a).get(pk=world.order_form_a.pk)

    assert (a.first_contact_status, a.first_meeting_status, a.urgency) == (
        DeadlineStatus.NOT_NEEDED,
        DeadlineStatus.NOT_NEEDED,
        3,
    )
    assert form_a.first_contact_status == DeadlineStatus.NOT_NEEDED
    assert b.first_contact_status == DeadlineStatus.MET_LATE


def test_declined_order_form_pages_say_not_needed_without_a_due_date(world, client_for):
    declined = _declined(world)
    client = client_for(world.manager_a)

    detail = _text(client.get(reverse("order_forms:detail", args=[declined.public_id])))
    listing = _text(client.get(reverse("order_forms:list"), {"status": "declined"}))

    assert "First contact Not needed Reason for referral" in detail
    assert "by 9 September 2026" not in detail
    assert "Not needed" in listing
    assert "by 9 September 2026" not in listing
    assert "Overdue" not in listing


def test_ended_agreement_page_says_not_needed_and_ended_once(world, client_for):
    _end(world.agreement_a)

    text = _text(client_for(world.manager_a).get(reverse("young_people:detail", args=[world.yp_a.public_id])))

    assert "Agreement Ended on 20 November 2026 Started 7 September 2026 Mentor" in text
    assert "First contact Not needed First meeting Not needed" in text
    assert "since" not in text
    assert "Due by" not in text


def test_met_deadline_shows_the_date_met_not_the_old_due_date(world, client_for):
    world.agreement_a.first_contact_on = date(2026, 9, 8)
    world.agreement_a.save()
    client = client_for(world.manager_a)

    page = _text(client.get(reverse("young_people:detail", args=[world.yp_a.public_id])))
    dashboard = _text(client.get(reverse("agreements:list")))
    order_form = _text(client.get(reverse("order_forms:detail", args=[world.order_form_a.public_id])))

    assert "Agreement Active since 7 September 2026 Mentor" in page
    assert "First contact Met 8 September 2026 First meeting Not started" in page
    assert "Due by" not in page
    assert "Met 8 September 2026" in dashboard
    assert "by 9 September 2026" not in dashboard
    assert "First contact Met 8 September 2026 Reason for referral" in order_form
