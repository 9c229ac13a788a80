"""One answer to "did that change anything?": a snapshot of every table.

``db_snapshot()`` maps each table of the project (every model Django knows: the
``waymark`` apps, users, groups, permissions, sessions, ...) to its row count and a
hash of its rows. Two snapshots are equal when nothing was added, changed or removed,
and pytest's diff of two unequal ones names the tables that changed:

    before = db_snapshot()
    response = client.post(url, data)
    assert db_snapshot() == before

or, the same in one block:

    with assert_nothing_changed():
        order_form_accept(actor=mentor, order_form=order_form)

Opening a young person's record (or a meeting) is itself logged; a page that only
reads passes those audit actions as ``allow_audit=("young_person.viewed",)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db.models import Model, QuerySet

from waymark.audit.models import AuditEvent


def _rows(model: type[Model], allow_audit: frozenset[str]) -> QuerySet:
    rows = model._base_manager.order_by("pk")
    if model is AuditEvent and allow_audit:
        rows = rows.exclude(action__in=allow_audit)
    return rows


def db_snapshot(*, allow_audit: Iterable[str] = ()) -> dict[str, tuple[int, str]]:
    """Table name -> (row count, SHA-256 of its rows in primary-key order)."""
    allowed = frozenset(allow_audit)
    snapshot: dict[str, tuple[int, str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = list(_rows(model, allowed).values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        snapshot[model._meta.db_table] = (len(rows), digest)
    return snapshot


def changed_tables(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    """The tables whose rows differ between two snapshots."""
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))


@contextmanager
def assert_nothing_changed(*, allow_audit: Iterable[str] = ()) -> Iterator[None]:
    """Fail when the block adds, changes or removes a row anywhere (exceptions pass through)."""
    allow_audit = tuple(allow_audit)
    before = db_snapshot(allow_audit=allow_audit)
    try:
        yield
    finally:
        changed = changed_tables(before, db_snapshot(allow_audit=allow_audit))
        if changed:
            raise AssertionError(f"rows changed in {', '.join(changed)}")
