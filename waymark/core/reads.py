"""Reads of personal data are attributable (R14): every list that returns records about
people is recorded, as one event per request naming the records returned.

This module knows no domain and does not import the audit log (which sits above it). The
audit app registers the function that writes the event at start-up
(``AuditConfig.ready`` calls :func:`register_read_recorder`); the API's base viewset
calls :func:`record_list_read` for every page of a list it answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.db.models import Model


class ReadRecorder(Protocol):
    def __call__(
        self, *, actor: Any, model: type[Model], public_ids: list[str], young_person: Model | None = None
    ) -> object: ...


_recorder: ReadRecorder | None = None


def register_read_recorder(recorder: ReadRecorder) -> None:
    """Called once, from the audit app's ``ready()``."""
    global _recorder  # noqa: PLW0603 - one registration at start-up
    _recorder = recorder


def record_list_read(*, actor: Any, model: type[Model], rows: Iterable[Any], young_person: Model | None = None) -> None:
    """Record that ``actor`` was shown ``rows`` (records of ``model``): one event, none
    when there are no rows. Refuses to serve unrecorded reads if nothing is registered."""
    public_ids = [str(getattr(row, "public_id", row.pk)) for row in rows]
    if not public_ids:
        return
    if _recorder is None:
        raise RuntimeError("No read recorder is registered; personal data may not be served unrecorded.")
    _recorder(actor=actor, model=model, public_ids=public_ids, young_person=young_person)
