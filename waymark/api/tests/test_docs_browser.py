"""The API docs page in a real browser: Swagger UI renders under the strict CSP."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_with_no_console_errors(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto("/api/v1/docs/")
    page.wait_for_selector("#swagger-ui .opblock-tag", timeout=15000)

    tags = page.locator("#swagger-ui .opblock-tag").all_inner_texts()
    assert [t.split("\n")[0].strip() for t in tags] == [
        "agreements",
        "assignments",
        "contacts",
        "progress",
        "meetings",
        "order forms",
        "sessions",
        "young people",
    ]
    assert errors == []
    context.close()
