"""Helpers for access matrices: expected status per persona for one URL and method.

Each app with pages may add ``waymark/<app>/tests/matrix.py`` defining ``MATRIX`` (the
same shape as in ``waymark/core/tests/test_access_matrix.py``) and, optionally,
``VALID_POST``: url name -> function(world) -> form data that would succeed, so that a
denied write is not merely a validation error. The core test collects them all and
fails for any URL without an entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from waymark.testing.personas import PERSONAS, World

Matrix = dict[str, tuple[Callable[[World], dict[str, Any]], dict[str, dict[str, int]]]]

ALL = list(PERSONAS)
ANON = "anonymous"

# Who sees council X / provider A's records (yp_a) at all.
SEES_AGREEMENT_A = {"mentor_a", "manager_a", "dsl_a", "finance_a", "vs_x"}
SEES_YP_A = {"mentor_a", "manager_a", "dsl_a", "vs_x"}
LISTS_AGREEMENTS = {"mentor_a", "mentor_a2", "manager_a", "dsl_a", "finance_a", "vs_x", "vs_y", "mentor_b", "manager_b"}
ORDER_FORM_ROLES = {"manager_a", "dsl_a", "finance_a", "vs_x", "vs_y", "manager_b"}
SUBMITTERS = {"manager_a", "vs_x", "vs_y", "manager_b"}


def only(allowed: set[str], ok: int, *, visible: set[str], hidden: int = 404, refused: int = 403) -> dict[str, int]:
    """Expected status per persona: ``ok`` for ``allowed``, 403 for the rest of
    ``visible``, 404 for everyone else; anonymous users are sent to sign in."""
    result = {name: ok if name in allowed else refused if name in visible else hidden for name in ALL}
    result[ANON] = 302
    return result


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ALL, status), ANON: 302, **overrides}
