"""Template context every page needs: the service's name and its navigation."""

from __future__ import annotations

import logging
from typing import Any, TypedDict

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from waymark.agreements.permissions import can_list_agreements, can_submit_order_form
from waymark.contacts.permissions import can_list_joined_sessions
from waymark.notifications.selectors import unread_count_for
from waymark.organisations.access import Actor, actor_for
from waymark.organisations.enums import Role

logger = logging.getLogger(__name__)

# What the "young people" link is called, by role.
YOUNG_PEOPLE_LABELS: dict[str, str] = {
    Role.MENTOR: "My young people",
    Role.VS_OFFICER: "Our young people",
}
# URL namespaces whose pages sit under the "young people" link.
YOUNG_PEOPLE_NAMESPACES = frozenset({"agreements", "young_people", "contacts", "meetings", "outcomes"})
# Pages under "My sessions" / "Sessions I join" rather than "young people".
SESSIONS_PAGES = frozenset({"contacts:my_sessions", "contacts:volunteer_sessions", "contacts:calendar"})


class NavItem(TypedDict):
    text: str
    href: str
    # "page" when this is the page shown, "true" when the page is below it, else "".
    current: str
    # Unread notifications; None when the item has no count.
    count: int | None


def service(request: HttpRequest) -> dict[str, Any]:
    """The service name and whether sign-in requires a second factor."""
    return {
        "service_name": settings.WAYMARK_SERVICE_NAME,
        "mfa_required": settings.WAYMARK_REQUIRE_MFA,
    }


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The service navigation for the signed-in person, by role.

    Empty for anonymous visitors. A link whose URL does not exist (yet) is left
    out rather than breaking every page.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    actor = actor_for(user)
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    view_name = request.resolver_match.view_name if request.resolver_match else ""
    items: list[NavItem] = []

    def add(text: str, url_name: str, *, active: bool = False, count: int | None = None) -> None:
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            logger.debug("Navigation link %s left out: no such URL", url_name)
            return
        current = "page" if request.path == href else ("true" if active else "")
        items.append(NavItem(text=text, href=href, current=current, count=count))

    if actor is not None and can_list_agreements(actor):
        add(
            _young_people_label(actor),
            "agreements:list",
            active=namespace in YOUNG_PEOPLE_NAMESPACES and view_name not in SESSIONS_PAGES,
        )
    if can_submit_order_form(actor):
        add("Order Forms", "order_forms:list", active=namespace == "order_forms")
    if actor is not None and actor.has_role(Role.MENTOR):
        add("My sessions", "contacts:my_sessions", active=view_name in SESSIONS_PAGES)
    if can_list_joined_sessions(actor):
        add("Sessions I join", "contacts:volunteer_sessions", active=view_name in SESSIONS_PAGES)
    add("Notifications", "notifications:list", active=namespace == "notifications", count=_unread_count(user))
    add("Sign out", "account_logout")
    return {"nav_items": items}


def _young_people_label(actor: Actor) -> str:
    return YOUNG_PEOPLE_LABELS.get(actor.role or "", "Young people")


def _unread_count(user: Any) -> int:
    return unread_count_for(user=user)
