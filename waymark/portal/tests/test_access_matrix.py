"""Every page as every persona: allowed, hidden (404) or refused (403) — docs/access.md.

The matrix is data. ``test_every_url_is_in_the_matrix`` walks the URLconf so that a new
page cannot ship without an entry here. Denied writes are checked to change nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from waymark.agreements.enums import OrderFormStatus
from waymark.agreements.models import IndividualAgreement, OrderForm
from waymark.notifications.models import Notification
from waymark.testing.access import (
    ALL,
    ANON,
    LISTS_AGREEMENTS,
    ORDER_FORM_ROLES,
    SEES_AGREEMENT_A,
    SEES_YP_A,
    SUBMITTERS,
    Matrix,
    everyone,
    only,
)
from waymark.testing.db import db_snapshot
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory
from waymark.testing.personas import World

YOUNG_PERSON_VIEWED = ("young_person.viewed",)  # reading a record logs it: not a change

# url name -> (kwargs builder, {method: {persona: status}})
CORE_MATRIX: Matrix = {
    "home": (lambda w: {}, {"GET": everyone(200, **dict.fromkeys(LISTS_AGREEMENTS, 302))}),
    "healthz": (lambda w: {}, {"GET": everyone(200, anonymous=200)}),
    "agreements:list": (
        lambda w: {},
        {"GET": only(LISTS_AGREEMENTS, 200, visible=set(ALL))},
    ),
    "young_people:detail": (
        lambda w: {"public_id": w.yp_a.public_id},
        {"GET": only(SEES_YP_A, 200, visible=SEES_YP_A)},
    ),
    "young_people:edit": (
        lambda w: {"public_id": w.yp_a.public_id},
        {
            "GET": only({"manager_a"}, 200, visible=SEES_YP_A),
            "POST": only({"manager_a"}, 302, visible=SEES_YP_A),
        },
    ),
    "agreements:assign": (
        lambda w: {"public_id": _agreement_without_a_mentor(w).public_id},
        {
            "GET": only({"manager_a"}, 200, visible=SEES_AGREEMENT_A - {"mentor_a"}),
            "POST": only({"manager_a"}, 302, visible=SEES_AGREEMENT_A - {"mentor_a"}),
        },
    ),
    "agreements:substitute": (
        lambda w: {"public_id": w.agreement_a.public_id},
        {
            "GET": only({"manager_a"}, 200, visible=SEES_AGREEMENT_A),
            "POST": only({"manager_a"}, 302, visible=SEES_AGREEMENT_A),
        },
    ),
    "agreements:reject_mentor": (
        lambda w: {"public_id": w.agreement_a.public_id},
        {
            "GET": only({"vs_x"}, 200, visible=SEES_AGREEMENT_A),
            "POST": only({"vs_x"}, 302, visible=SEES_AGREEMENT_A),
        },
    ),
    "agreements:end": (
        lambda w: {"public_id": w.agreement_a.public_id},
        {
            "GET": only({"manager_a"}, 200, visible=SEES_AGREEMENT_A),
            "POST": only({"manager_a"}, 302, visible=SEES_AGREEMENT_A),
        },
    ),
    "contacts:new": (
        lambda w: {"public_id": w.agreement_a.public_id},
        {
            "GET": only({"mentor_a", "manager_a"}, 200, visible=SEES_AGREEMENT_A),
            "POST": only({"mentor_a", "manager_a"}, 302, visible=SEES_AGREEMENT_A),
        },
    ),
    "order_forms:list": (lambda w: {}, {"GET": only(ORDER_FORM_ROLES, 200, visible=set(ALL))}),
    "order_forms:new": (
        lambda w: {},
        {
            "GET": only(SUBMITTERS, 200, visible=set(ALL)),
            "POST": only(SUBMITTERS, 302, visible=set(ALL)),
        },
    ),
    "order_forms:detail": (
        lambda w: {"public_id": w.order_form_a.public_id},
        {"GET": only(SEES_AGREEMENT_A, 200, visible=SEES_AGREEMENT_A)},
    ),
    "order_forms:accept": (
        lambda w: {"public_id": w.order_form_a.public_id},
        {
            "GET": only(set(), 405, visible=SEES_AGREEMENT_A, refused=405, hidden=405) | {ANON: 302},
            # Already accepted: the manager is told so and sent back (302); nobody else may try.
            "POST": only({"manager_a"}, 302, visible=SEES_AGREEMENT_A),
        },
    ),
    "order_forms:decline": (
        lambda w: {"public_id": _order_form_waiting(w).public_id},
        {
            "GET": only({"manager_a"}, 200, visible=SEES_AGREEMENT_A - {"mentor_a"}),
            "POST": only({"manager_a"}, 302, visible=SEES_AGREEMENT_A - {"mentor_a"}),
        },
    ),
    "notifications:list": (lambda w: {}, {"GET": everyone(200)}),
    "notifications:read": (
        lambda w: {"public_id": _notification_for(w.manager_a).public_id},
        {
            "GET": everyone(405),
            "POST": only({"manager_a"}, 302, visible=set()),
        },
    ),
}


def _app_matrices() -> tuple[Matrix, dict[str, Callable[[World], dict[str, Any]]]]:
    """The core matrix plus every app's ``tests/matrix.py``."""
    matrix: Matrix = dict(CORE_MATRIX)
    valid: dict[str, Callable[[World], dict[str, Any]]] = {}
    package = importlib.import_module("waymark")
    for info in pkgutil.iter_modules(package.__path__):
        name = f"waymark.{info.name}.tests.matrix"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name not in {name, f"waymark.{info.name}.tests"}:
                raise
            continue
        duplicated = set(matrix) & set(module.MATRIX)
        assert not duplicated, f"URL names in two matrices: {duplicated}"
        matrix.update(module.MATRIX)
        valid.update(getattr(module, "VALID_POST", {}))
    return matrix, valid


MATRIX, APP_VALID_POST = _app_matrices()

# URL namespaces tested elsewhere (allauth's own pages, the admin, the API's own matrix).
EXEMPT_PREFIXES = ("admin:", "api:")
# Sign-in steps of our own, beside allauth's: tested in organisations/tests/test_second_factor.py.
EXEMPT_NAMES = {"admin_sign_in", "mfa_activate_totp"}


def _agreement_without_a_mentor(world: World) -> IndividualAgreement:
    """An agreement of council X with provider A that nobody mentors yet (one per test)."""
    found = IndividualAgreement.objects.filter(framework=world.framework_xa, assignments__isnull=True).first()
    return found or IndividualAgreementFactory(order_form__framework=world.framework_xa)


def _order_form_waiting(world: World) -> OrderForm:
    """An Order Form of council X to provider A, received and not yet decided (one per test)."""
    found = OrderForm.objects.filter(framework=world.framework_xa, status=OrderFormStatus.RECEIVED).first()
    return found or OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.RECEIVED)


def _new_order_form(world: World, persona: str) -> dict[str, Any]:
    """A complete Order Form under the persona's own framework agreement."""
    framework = world.framework_xa if persona in {"manager_a", "vs_x"} else world.framework_yb
    return {
        "framework": str(framework.pk),
        "received_on": timezone.localdate().isoformat(),  # asked of service managers only
        "referral_reason": "Not attending school.",
        "outcome_1": "Attends three days a week.",
        "yp-local_child_id": "MATRIX-1",
        "yp-legal_first_name": "Wren",
        "yp-legal_last_name": "Halloway",
        "yp-date_of_birth": "2011-02-03",
    }


def _notification_for(user: Any) -> Notification:
    return Notification.objects.get_or_create(recipient=user, verb="test", defaults={"message": "A test notice"})[0]


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.urlconf_name and getattr(pattern.urlconf_module, "__name__", "").startswith("allauth"):
                continue
            names |= _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix() -> None:
    names = {n for n in _url_names(get_resolver()) if not n.startswith(EXEMPT_PREFIXES)} - EXEMPT_NAMES
    assert sorted(names - set(MATRIX)) == []


def _valid_post(name: str, world: World, persona: str) -> dict[str, Any]:
    """A payload that succeeds for an allowed persona, so a denial is not a validation error."""
    if name == "order_forms:new":
        return _new_order_form(world, persona)
    now = timezone.localtime() - timedelta(hours=1)
    return {
        "contacts:new": {
            "occurred_date": now.date().isoformat(),
            "occurred_time": now.strftime("%H:%M"),
            "mode": "phone",
            "outcome": "made",
            "submission_token": "6a0f3f38-7a57-4a8b-8a1c-0d4b3d1e9f10",
        },
        "agreements:reject_mentor": {"reason": "Not a good match."},
        "agreements:substitute": {
            "reason": "mentor_unavailable",
            "note": "Long-term illness.",
            "ended_on": timezone.localdate().isoformat(),
        },
        "agreements:end": {"status": "ended", "end_date": timezone.localdate().isoformat(), "reason": "Done."},
        "agreements:assign": {"mentor": str(world.mentor_a2.pk), "started_on": timezone.localdate().isoformat()},
        "order_forms:decline": {"reason": "No capacity."},
        "young_people:edit": {
            "legal_first_name": "Changed",
            "legal_last_name": "Name",
            "date_of_birth": "2011-01-01",
            "version": "1",
        },
    }.get(name) or (APP_VALID_POST[name](world) if name in APP_VALID_POST else {})


# What an allowed POST does. By default it redirects (302) and changes rows. Exceptions:
# - the Order Form is accepted already, so the manager is told so and sent back;
POSTS_THAT_CHANGE_NOTHING = {"order_forms:accept"}
# - turning the calendar feed on shows its new address once, on the page;
SUCCESS_SHOWN_ON_THE_PAGE = {"contacts:calendar"}

CASES = [
    (name, method, persona, status)
    for name, (_, methods) in MATRIX.items()
    for method, expected in methods.items()
    for persona, status in expected.items()
]


@pytest.mark.parametrize(("name", "method", "persona", "expected"), CASES)
def test_page_access(
    world: World, client_for: Callable[[Any], Client], name: str, method: str, persona: str, expected: int
) -> None:
    kwargs_for, _ = MATRIX[name]
    url = reverse(name, kwargs=kwargs_for(world))
    client = Client() if persona == ANON else client_for(world.personas[persona])
    denied = persona == ANON or expected in (403, 404, 405)
    before = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) if method == "POST" else None

    response = client.post(url, _valid_post(name, world, persona)) if method == "POST" else client.get(url)

    assert response.status_code == expected
    if persona == ANON and expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if before is not None and denied:
        assert db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) == before
    elif before is not None:
        changed = db_snapshot(allow_audit=YOUNG_PERSON_VIEWED) != before
        if name in POSTS_THAT_CHANGE_NOTHING:
            assert (response.status_code, changed) == (302, False)
        elif name in SUCCESS_SHOWN_ON_THE_PAGE:
            assert (response.status_code, changed) == (200, True)
        else:
            # An allowed write redirects and changes rows; a 200 is the form shown again with errors.
            assert (response.status_code, changed) == (302, True)
    if expected in (403, 404) and name.startswith("young_people"):
        assert world.yp_a.legal_last_name not in response.content.decode()


def test_signed_in_pages_are_not_stored_by_browsers(world: World, client_for: Callable[[Any], Client]) -> None:
    response = client_for(world.manager_a).get(reverse("young_people:detail", args=[world.yp_a.public_id]))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
