"""Two identical contact submissions at the same moment log one contact, with no error (#7).

On SQLite (the demo) the two requests run on two connections to one database file; each
transaction takes the write lock when it begins (``transaction_mode`` IMMEDIATE), so the
second waits for the first and then finds its contact, instead of failing with
"database is locked". On PostgreSQL the lock on the agreement row does the same.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings import base
from waymark.contacts import services
from waymark.contacts.enums import ContactMode, ContactOutcome
from waymark.contacts.models import Contact
from waymark.testing.db import assert_nothing_changed
from waymark.testing.factories import ContactFactory

LONDON = ZoneInfo("Europe/London")
TOKEN = uuid.UUID("6d1c1a52-5f3e-4f0e-9a8e-0c7b2b6f4d21")


def _file_copy(path: Path) -> dict:
    """A file database holding what the test database holds now; its connection settings."""
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    return {**connection.settings_dict, "NAME": str(path)}


@pytest.mark.django_db(transaction=True)
def test_two_identical_contact_submissions_at_once_log_one_contact(world, tmp_path, monkeypatch):
    file_settings = _file_copy(tmp_path / "demo.sqlite3") if connection.vendor == "sqlite" else None
    both_inside = threading.Barrier(2)
    already_logged = services._already_logged

    def checked_inside_the_transaction_together(agreement, submission_token):
        found = already_logged(agreement, submission_token)
        if connection.in_atomic_block:
            # Hold the first submission here until the second catches up, if it can (it
            # cannot when the first holds the lock; then the wait ends after a second).
            try:
                both_inside.wait(timeout=1)
            except threading.BrokenBarrierError:
                pass
        return found

    monkeypatch.setattr(services, "_already_logged", checked_inside_the_transaction_together)
    results: list[int] = []
    errors: list[BaseException] = []

    def submit() -> None:
        if file_settings is not None:
            connections["default"] = DatabaseWrapper(file_settings, "default")
        try:
            contact = services.contact_log(
                actor=world.mentor_a,
                agreement=world.agreement_a,
                occurred_at=datetime(2026, 9, 9, 16, 0, tzinfo=LONDON),
                mode=ContactMode.FACE_TO_FACE,
                outcome=ContactOutcome.MADE,
                duration_minutes=60,
                summary="Climbing wall.",
                submission_token=TOKEN,
            )
            results.append(contact.pk)
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever the thread met
            errors.append(exc)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    if file_settings is not None:
        with sqlite3.connect(file_settings["NAME"]) as database:
            stored = database.execute(
                "SELECT id FROM contacts_contact WHERE submission_token = ?", [TOKEN.hex]
            ).fetchall()
    else:
        stored = [(pk,) for pk in Contact.objects.filter(submission_token=TOKEN).values_list("pk", flat=True)]
    assert len(stored) == 1
    assert results == [stored[0][0], stored[0][0]]


def test_sqlite_is_configured_for_a_web_server():
    """The settings a SQLite database gets (the demo); PostgreSQL gets none of them."""
    if base.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("DATABASE_URL names PostgreSQL.")
    assert base.DATABASES["default"]["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 5,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def _log(world, **overrides):
    return services.contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=datetime(2026, 9, 9, 16, 0, tzinfo=LONDON),
        mode=ContactMode.FACE_TO_FACE,
        outcome=ContactOutcome.MADE,
        duration_minutes=60,
        summary="Climbing wall.",
        submission_token=TOKEN,
        **overrides,
    )


def _unseen_twice(monkeypatch):
    """The two checks before the insert miss a contact saved at the same moment."""
    calls = []
    already_logged = services._already_logged

    def racing(agreement, submission_token):
        calls.append(submission_token)
        return None if len(calls) <= 2 else already_logged(agreement, submission_token)

    monkeypatch.setattr(services, "_already_logged", racing)


def test_a_token_taken_at_the_same_moment_for_another_young_person_is_refused_cleanly(world, monkeypatch):
    ContactFactory(agreement=world.agreement_b, author=world.mentor_b, submission_token=TOKEN)
    _unseen_twice(monkeypatch)

    with assert_nothing_changed(), pytest.raises(ValidationError) as refused:
        _log(world)

    assert refused.value.messages == ["This form was already used for another young person: open a new form."]


def test_a_token_taken_at_the_same_moment_for_the_same_young_person_gives_that_contact(world, monkeypatch):
    first = ContactFactory(agreement=world.agreement_a, author=world.mentor_a, submission_token=TOKEN)
    _unseen_twice(monkeypatch)

    with assert_nothing_changed():
        contact = _log(world)

    assert contact == first
