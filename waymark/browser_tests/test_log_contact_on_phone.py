"""Logging on a phone (390 px), in a real browser with an accessibility check of every
page: the mentor plans a session, records it as held, logs an evening contact with the
"More details" section, and sees both in the history with their tags (R5, R9, #3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from waymark.contacts.enums import SessionStatus
from waymark.contacts.models import Contact, Session
from waymark.testing.browser import BrowserTab as Tab
from waymark.testing.personas import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

PHONE = 390


def _fits_the_phone(tab: Tab) -> None:
    """Nothing on the page is wider than the phone's screen."""
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE


def test_log_contact_on_phone(browser: Any, live_server: Any, world: World) -> None:
    mentor = Tab(browser, live_server.url, width=PHONE)
    mentor.sign_in(world.mentor_a.email)
    mentor.check()

    # The young person's "Contacts and sessions" tab.
    mentor.page.get_by_role("link", name="Tamsin Quillfeather").click()
    mentor.check()
    mentor.page.get_by_role("link", name="Contacts and sessions").click()
    mentor.page.get_by_role("heading", name="Planned sessions").wait_for()
    mentor.check()
    _fits_the_phone(mentor)

    # 1. Plan a session for later today (or tomorrow), with the volunteer joining.
    mentor.page.get_by_role("link", name="Plan a session").click()
    mentor.check()
    mentor.page.get_by_role("button", name="Plan session").click()
    expect(mentor.page.locator(".govuk-error-summary")).to_be_visible()
    mentor.check()
    later = timezone.localtime() + timedelta(hours=1)
    mentor.page.get_by_label("Date", exact=True).fill(later.date().isoformat())
    mentor.page.get_by_label("Start time").fill(later.strftime("%H:%M"))
    mentor.page.get_by_label("Length in minutes").fill("60")
    mentor.page.get_by_label("Where").fill("Saltmarsh climbing wall")
    mentor.page.get_by_label("Plan for the session").fill("Beginners' wall.")
    mentor.page.get_by_label("A volunteer joining").select_option(label=world.volunteer_a.full_name)
    mentor.page.get_by_role("button", name="Plan session").click()
    mentor.page.get_by_text("Session planned").wait_for()
    mentor.check()
    expect(mentor.page.get_by_text("Saltmarsh climbing wall")).to_be_visible()

    # 2. Time passes: the session has started. Record it as held.
    session = Session.objects.get(agreement=world.agreement_a)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(minutes=90))
    mentor.page.reload()
    mentor.page.get_by_text("To record").wait_for()
    mentor.check()
    mentor.page.get_by_role("link", name="Record what happened").click()
    mentor.check()
    mentor.page.get_by_label("Held", exact=True).check()
    mentor.page.get_by_label("Face to face", exact=True).check()
    mentor.page.get_by_label("Summary").fill("Climbed the beginners' wall twice.")
    mentor.page.get_by_text("More details").click()
    mentor.page.get_by_label("The young person's own words").fill("My arms are dead. Worth it.")
    mentor.check()
    mentor.page.get_by_role("button", name="Save").click()
    mentor.page.get_by_text("Session recorded as held").wait_for()
    mentor.check()

    # 3. Log an evening phone call from yesterday, with the "More details" section.
    mentor.page.get_by_role("link", name="Log a contact").click()
    mentor.check()
    _fits_the_phone(mentor)
    expect(mentor.page.get_by_label("Next steps")).not_to_be_visible()  # folded away until wanted
    yesterday = timezone.localdate() - timedelta(days=1)
    mentor.page.get_by_label("Date", exact=True).fill(yesterday.isoformat())
    mentor.page.get_by_label("Time", exact=True).fill("19:30")
    mentor.page.get_by_label("Phone", exact=True).check()
    mentor.page.get_by_label("Made: we reached the young person").check()
    mentor.page.get_by_label("Summary").fill("Evening call about a worry at school.")
    mentor.page.get_by_text("More details").click()
    mentor.page.get_by_label("Carer", exact=True).check()
    mentor.page.get_by_label("The young person's own words").fill("I just needed someone to pick up.")
    mentor.page.get_by_label("Next steps").fill("Check in before school.")
    mentor.check()
    mentor.page.get_by_role("button", name="Save contact").click()
    mentor.page.get_by_text("Contact logged").wait_for()
    mentor.check()
    _fits_the_phone(mentor)

    # 4. Both are in the history, newest first, with their tags.
    timeline = mentor.page.locator(".moj-timeline")
    expect(timeline.get_by_text("Evening", exact=True)).to_be_visible()
    expect(timeline.get_by_text("Planned session", exact=True)).to_be_visible()
    expect(timeline.get_by_text("I just needed someone to pick up.")).to_be_visible()
    expect(timeline.get_by_text("My arms are dead. Worth it.")).to_be_visible()
    mentor.close()

    session.refresh_from_db()
    held = Contact.objects.get(session=session)
    assert session.status == SessionStatus.HELD
    assert (held.volunteer, held.staff_present) == (world.volunteer_a, world.mentor_a)
    evening = Contact.objects.get(mode="phone")
    assert (evening.is_evening, evening.participants, evening.next_steps) == (
        True,
        ["carer"],
        "Check in before school.",
    )
