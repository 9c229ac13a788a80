"""The Progress tab in a real browser: charts render under the strict CSP (no console
errors), the page passes axe-core on a desktop and a 390-px phone, and a reading can be
recorded after a refused one."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from waymark.core.clock import local_today
from waymark.demo.outcomes import seed_progress_history
from waymark.organisations.models import same_scope_as
from waymark.outcomes.models import IndicatorReading, Outcome
from waymark.outcomes.services import destination_record, qualification_record
from waymark.testing.factories import PASSWORD
from waymark.testing.personas import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

AXE = Axe()


def _open(browser: Any, base_url: str, email: str, width: int) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return context, page, errors


def _check(page: Any, errors: list[str]) -> None:
    page.wait_for_load_state("load")
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
    assert errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_progress_page_is_accessible_and_records_a_reading(
    browser: Any, live_server: Any, world: World, width: int
) -> None:
    Outcome.objects.create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        position=1,
        description="Attend school three days a week",
    )
    seed_progress_history(agreement=world.agreement_a, author=world.mentor_a, today=local_today(), missing_episode=True)
    qualification_record(
        actor=world.mentor_a, agreement=world.agreement_a, title="Entry Level 3 Maths", achieved_on=local_today()
    )
    destination_record(actor=world.mentor_a, agreement=world.agreement_a, recorded_on=local_today(), nccis_code="110")
    context, page, errors = _open(browser, live_server.url, world.mentor_a.email, width)

    page.goto(reverse("outcomes:progress", args=[world.yp_a.public_id]))
    _check(page, errors)
    assert page.locator("svg[role=img]").count() == 1 + 5 + 3
    expect(page.get_by_role("img", name="School attendance (%)")).to_be_visible()

    page.get_by_role("link", name="School attendance (%)").click()
    page.get_by_label("Attendance (%)").fill("130")
    page.get_by_role("combobox", name="Source").select_option("school")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    _check(page, errors)
    expect(
        page.get_by_text("Enter attendance as a percentage from 0 to 100: 130% is not possible.").first
    ).to_be_visible()
    before = IndicatorReading.objects.filter(kind="attendance").count()

    page.get_by_label("Attendance (%)").fill("91")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    _check(page, errors)
    expect(page.get_by_text("Reading saved.")).to_be_visible()
    assert IndicatorReading.objects.filter(kind="attendance").count() == before + 1
    context.close()
