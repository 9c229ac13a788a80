"""The main journey in a real browser, with an accessibility check of every page:
Order Form → acceptance → mentor assigned → first contact → first meeting (R1, R2)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from waymark.agreements.models import IndividualAgreement
from waymark.testing.browser import BrowserTab
from waymark.testing.personas import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]


def test_order_form_to_first_meeting(browser: Any, live_server: Any, world: World) -> None:
    base = live_server.url
    # 1. The Virtual School officer sends an Order Form.
    vs = BrowserTab(browser, base)
    vs.sign_in(world.vs_x.email)
    vs.check()
    vs.page.goto("/order-forms/new/")
    vs.check()
    # Submitting empty shows the error summary and keeps the page accessible.
    vs.page.get_by_role("button", name="Send Order Form").click()
    expect(vs.page.locator(".govuk-error-summary")).to_be_visible()
    vs.check()
    vs.page.get_by_label("Reason for referral").fill("Not attending school since moving placement.")
    vs.page.get_by_label("Outcome 1").fill("Attends school three days a week by half term.")
    vs.page.get_by_label("Local child ID").fill("NX-7777")
    vs.page.get_by_label("Legal first name").fill("Juniper")
    vs.page.get_by_label("Legal last name").fill("Ashgrove")
    vs.page.get_by_label("Date of birth").fill("2011-05-04")
    vs.page.get_by_role("button", name="Send Order Form").click()
    vs.page.get_by_text("Order Form received").first.wait_for()
    vs.check()
    vs.close()

    # 2. The service manager accepts it and assigns a mentor.
    manager = BrowserTab(browser, base)
    manager.sign_in(world.manager_a.email)
    manager.check()
    manager.page.goto("/order-forms/")
    manager.check()
    manager.page.get_by_role("link", name="Juniper Ashgrove").click()
    manager.check()
    manager.page.get_by_role("button", name="Accept Order Form").click()
    manager.page.get_by_role("heading", name="Assign a mentor").wait_for()
    manager.check()
    manager.page.get_by_label("Mentor").select_option(label=f"{world.mentor_a2.full_name} (0 young people)")
    manager.page.get_by_role("button", name="Assign mentor").click()
    manager.page.get_by_role("heading", name="Juniper Ashgrove").wait_for()
    manager.check()
    manager.close()

    # 3. The mentor, on a phone, logs the first contact and then the first meeting.
    mentor = BrowserTab(browser, base, width=390)
    mentor.sign_in(world.mentor_a2.email)
    mentor.check()
    mentor.page.get_by_role("link", name="Juniper Ashgrove").click()
    mentor.check()
    now = timezone.localtime()
    earlier = max(now - timedelta(minutes=30), now.replace(hour=0, minute=0))
    for mode, first_meeting, when in (("Phone", False, earlier), ("Face to face", True, now)):
        mentor.page.get_by_role("link", name="Log a contact").click()
        mentor.check()
        mentor.page.get_by_label("Date").fill(when.date().isoformat())
        mentor.page.get_by_label("Time").fill(when.strftime("%H:%M"))
        mentor.page.get_by_label(mode, exact=True).check()
        mentor.page.get_by_label("Made: we reached the young person").check()
        if first_meeting:
            mentor.page.get_by_label("This was our first meeting").check()
        mentor.page.get_by_role("button", name="Save contact").click()
        mentor.page.get_by_text("Contact logged").wait_for()
        mentor.check()
    mentor.close()

    agreement = IndividualAgreement.objects.get(young_person__local_child_id="NX-7777")
    assert agreement.first_contact_on == earlier.date()
    assert agreement.first_meeting_on == now.date()
