"""The one way records are scoped to a user (docs/access.md).

Every selector builds its queryset filter here, so pages, API, commands and tasks all
see the same rows. ``None`` means the user sees no rows of that kind.

This module knows no domain. It is handed who is asking (a :class:`Viewer`: their
organisation, its side, their role) and, for a mentor, their caseload: the agreements and
young people they are assigned to now. The app that owns assignments registers the
function that fetches a caseload (:func:`register_caseload_loader`), and the caseload is
fetched first, as plain ids, so every scoped list filters on indexed columns
(``provider_id = …``, ``agreement_id IN (…)``) instead of a correlated subquery.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Q


@dataclass(frozen=True)
class Caseload:
    """What a mentor is assigned to now, as primary keys."""

    agreement_ids: frozenset[int]
    young_person_ids: frozenset[int]


EMPTY_CASELOAD = Caseload(frozenset(), frozenset())


class Viewer(Protocol):
    """Who is asking, as the scope rules need to know them."""

    @property
    def user(self) -> Any: ...

    @property
    def organisation_id(self) -> int | None: ...

    @property
    def role(self) -> str | None: ...

    @property
    def is_provider_staff(self) -> bool: ...

    @property
    def is_council_staff(self) -> bool: ...

    @property
    def is_mentor(self) -> bool: ...


CaseloadLoader = Callable[[int], Caseload]
_loader: CaseloadLoader | None = None
# Caseloads fetched during the current request, by user id (see ``caseload_cache``).
_cache: ContextVar[dict[int, Caseload] | None] = ContextVar("waymark_caseloads", default=None)


def register_caseload_loader(loader: CaseloadLoader) -> None:
    """Called once, from the ``ready()`` of the app that owns assignments."""
    global _loader  # noqa: PLW0603 - one registration at start-up
    _loader = loader


def caseload_for(user_id: int) -> Caseload:
    """The user's current caseload: cached for the rest of a request, fetched anew otherwise."""
    cache = _cache.get()
    if cache is not None and user_id in cache:
        return cache[user_id]
    caseload = _loader(user_id) if _loader is not None else EMPTY_CASELOAD
    if cache is not None:
        cache[user_id] = caseload
    return caseload


def forget_caseload(user_id: int) -> None:
    """Drop a cached caseload after a change to the user's assignments."""
    cache = _cache.get()
    if cache is not None:
        cache.pop(user_id, None)


@contextmanager
def caseload_cache() -> Iterator[None]:
    """Fetch each caseload at most once inside the block (one request, one task)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


class CaseloadCacheMiddleware:
    """Fetch a mentor's caseload once per request, however many lists the page shows."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        with caseload_cache():
            return self.get_response(request)


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


def _id(path: str) -> str:
    """The lookup of a related row's primary key: ``pk`` for the row itself. Django reads
    ``fk__pk`` from the row's own ``fk_id`` column, without a join."""
    return f"{path}__pk" if path else "pk"


def record_q(
    viewer: Viewer | None,
    *,
    young_person_path: str,
    agreement_path: str | None = None,
    org_path: str | None = None,
    provider_roles: Collection[str],
    council_roles: Collection[str] = (),
    mentor: bool = True,
    author_path: str | None = None,
) -> Q | None:
    """A filter for records about a young person (and maybe an agreement).

    ``young_person_path`` is the lookup from the model to its young person ("" for the
    young person itself); ``agreement_path`` the lookup to its agreement ("" for the
    agreement itself), when the record belongs to one; ``org_path`` the lookup to the
    row that holds the ``provider`` and ``council`` columns ("" when the record holds them
    itself, the default being the young person).

    - provider roles in ``provider_roles`` see everything of their provider;
    - council roles in ``council_roles`` see what their council's Order Forms created;
    - a mentor (when ``mentor``) sees only what belongs to the agreements (or young
      people) of their caseload now and, when the record has an author (``author_path``),
      what they wrote themselves, after their assignment ended ("except to what they wrote").
    """
    if viewer is None or viewer.organisation_id is None or viewer.role is None:
        return None
    org = _prefix(young_person_path if org_path is None else org_path)
    if viewer.is_mentor:
        if not mentor:
            return None
        caseload = caseload_for(viewer.user.pk)
        if agreement_path is not None:
            assigned = Q(**{f"{_id(agreement_path)}__in": sorted(caseload.agreement_ids)})
            if author_path is not None:
                assigned |= Q(**{f"{author_path}__pk": viewer.user.pk})
        else:
            assigned = Q(**{f"{_id(young_person_path)}__in": sorted(caseload.young_person_ids)})
        return Q(**{f"{org}provider_id": viewer.organisation_id}) & assigned
    if viewer.is_provider_staff and viewer.role in provider_roles:
        return Q(**{f"{org}provider_id": viewer.organisation_id})
    if viewer.is_council_staff and viewer.role in council_roles:
        return Q(**{f"{org}council_id": viewer.organisation_id})
    return None
