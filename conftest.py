"""Fixtures shared by every test: the persona world and logged-in clients.

    def test_mentor_sees_own(world, client_for):
        response = client_for(world.mentor_a).get("/")

Parametrise over personas by name and look them up in the ``personas`` fixture:

    @pytest.mark.parametrize("name", PERSONAS)
    def test_page(name, personas, client_for): ...
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from waymark.organisations.models import User
from waymark.testing.browser import browser
from waymark.testing.personas import PERSONAS, World, build_world

__all__ = ["PERSONAS", "browser"]


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
