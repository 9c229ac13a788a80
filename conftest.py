"""Fixtures shared by every test: the persona world and logged-in clients.

    def test_mentor_sees_own(world, client_for):
        response = client_for(world.mentor_a).get("/")

Parametrise over personas by name and look them up in the ``personas`` fixture:

    @pytest.mark.parametrize("name", PERSONAS)
    def test_page(name, personas, client_for): ...

Every test runs on a pinned clock (``waymark.testing.clock``): today is Wednesday
25 November 2026 whatever the machine's date. ``WAYMARK_TEST_TODAY=2031-01-15`` runs
the whole session as if the machine's clock said that day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import Client

from waymark.audit.triggers import audit_maintenance
from waymark.organisations.models import User
from waymark.testing.browser import browser
from waymark.testing.clock import machine_clock, pinned_clock
from waymark.testing.personas import PERSONAS, World, build_world

__all__ = ["PERSONAS", "browser"]

_machine_clock: time_machine.travel | None = None


def pytest_configure(config: pytest.Config) -> None:
    """With WAYMARK_TEST_TODAY set, the whole run happens on that day."""
    global _machine_clock
    _machine_clock = machine_clock()
    if _machine_clock is not None:
        _machine_clock.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _machine_clock
    if _machine_clock is not None:
        _machine_clock.stop()
        _machine_clock = None


def pytest_report_header(config: pytest.Config) -> str:
    from waymark.testing.clock import MACHINE_TODAY_VARIABLE, PINNED_NOW

    header = f"tests run on a pinned clock: {PINNED_NOW.isoformat()}"
    if _machine_clock is not None:
        header += f"; machine clock moved by {MACHINE_TODAY_VARIABLE}"
    return header


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    """Each test starts at the pinned moment; it may travel elsewhere inside it."""
    with pinned_clock():
        yield


_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _flush_through_audit_maintenance(self: BaseDatabaseOperations, sql_list: list[str]) -> None:
    """Transactional tests end with a flush, which the audit table's triggers refuse."""
    with audit_maintenance(self.connection.alias):
        _execute_sql_flush(self, sql_list)


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_triggers() -> Iterator[None]:
    """Let the test flush (TRUNCATE or DELETE) empty the append-only audit table (#7)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", _flush_through_audit_maintenance)
        yield


@pytest.fixture
def world(db: None) -> World:
    """Councils X and Y, providers A and B, the persona users, yp_a and yp_b."""
    return build_world()


@pytest.fixture
def personas(world: World) -> dict[str, User]:
    """Persona name -> User (``mentor_a``, ``manager_a``, ``vs_x``, ...)."""
    return world.personas


@pytest.fixture
def client_for(db: None) -> Callable[[User], Client]:
    """A function giving a django test Client signed in as the user (no MFA step)."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
