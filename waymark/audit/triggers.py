"""The database refuses to change or remove audit rows (R14, #7).

The ORM refusals in ``models.py`` stop the application's own code; these triggers stop
everything else that reaches the table: raw SQL, ``QuerySet`` built around the model,
a ``psql`` or ``sqlite3`` session. ``UPDATE``, ``DELETE`` and (on PostgreSQL)
``TRUNCATE`` of ``audit_auditevent`` fail with an integrity error saying
"Audit events are append-only.".

The one way past them is ``audit_maintenance()``, for deliberate work on the log
(disposal at the end of the retention period, and the test suite's flush between
transactional tests). It holds for one transaction on one connection only:

- PostgreSQL: the trigger function lets the change through when the transaction-local
  setting ``waymark.audit_maintenance`` is ``on``;
- SQLite has no session settings, and a trigger may not look at the connection's
  ``temp`` tables, so the triggers are dropped and created again inside the same
  transaction: other connections never see the table unguarded, and a failure rolls
  the drop back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

MESSAGE = "Audit events are append-only."
MAINTENANCE_SETTING = "waymark.audit_maintenance"

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('{MAINTENANCE_SETTING}', true) = 'on' THEN
            IF TG_LEVEL = 'STATEMENT' THEN
                RETURN NULL;
            ELSIF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change()
    """,
    """
    CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse_change()
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_refuse_change()",
]

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]

INSTALL = {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL}
DROP = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}

# The trigger names each database holds once the migration has run.
TRIGGER_NAMES = {
    "postgresql": {"audit_auditevent_append_only", "audit_auditevent_no_truncate"},
    "sqlite": {"audit_auditevent_no_update", "audit_auditevent_no_delete"},
}


def _execute(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: Any) -> None:
    """Create the triggers (the migration's forward step)."""
    _execute(connection, INSTALL.get(connection.vendor, []))


def drop(connection: Any) -> None:
    """Remove the triggers (the migration's reverse step)."""
    _execute(connection, DROP.get(connection.vendor, []))


@contextmanager
def audit_maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let this block, in its own transaction, change or remove audit rows.

    Only deliberate maintenance uses it: disposal of events past their retention
    period (run from a reviewed management command, itself audited) and the test
    flush. Everything else keeps refusing.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            _execute(connection, [f"SELECT set_config('{MAINTENANCE_SETTING}', 'on', true)"])
            yield
            _execute(connection, [f"SELECT set_config('{MAINTENANCE_SETTING}', 'off', true)"])
        elif connection.vendor == "sqlite":
            _execute(connection, SQLITE_DROP)
            yield
            _execute(connection, SQLITE_INSTALL)
        else:
            yield
