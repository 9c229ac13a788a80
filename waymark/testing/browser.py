"""Playwright driving Debian's Chromium against a live test server: one browser per run.

Browser tests run whenever /usr/bin/chromium exists. Where it does not, they are
reported as skipped with a plain reason — unless WAYMARK_REQUIRE_BROWSER=1 (set by CI),
when its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from waymark.testing.factories import PASSWORD

CHROMIUM = os.environ.get("WAYMARK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_present() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not chromium_present():
        message = f"Chromium not found at {CHROMIUM}: browser tests need Debian's chromium package."
        if os.environ.get("WAYMARK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class BrowserTab:
    """One person's browser tab, checking each page for accessibility and CSP errors."""

    def __init__(self, browser: Any, base_url: str, *, width: int = 1280) -> None:
        self.context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.checked: list[str] = []

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def check(self) -> None:
        """No axe-core violations and no console errors (a CSP violation logs one)."""
        self.page.wait_for_load_state("load")
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        if results.violations_count:
            pytest.fail(f"axe-core found violations on {self.page.url}:\n{results.generate_report()}")
        if self.errors:
            pytest.fail(f"console errors on {self.page.url}: {self.errors}")
        self.checked.append(self.page.url)

    def sign_in(self, email: str) -> None:
        self.page.goto("/accounts/login/")
        self.check()
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def close(self) -> None:
        self.context.close()
