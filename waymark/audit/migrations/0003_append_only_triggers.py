"""The database itself refuses UPDATE, DELETE and TRUNCATE of audit rows (R14, #7).

The SQL lives in ``waymark.audit.triggers`` so that ``audit_maintenance()`` can drop
and recreate the SQLite triggers with the very statements this migration ran. A later
migration that rebuilds ``audit_auditevent`` on SQLite (Django copies the table) loses
the triggers and must install them again; ``test_triggers_are_installed`` says so.
"""

from typing import Any

from django.db import migrations

from waymark.audit import triggers


def install(apps: Any, schema_editor: Any) -> None:
    triggers.install(schema_editor.connection)


def drop(apps: Any, schema_editor: Any) -> None:
    triggers.drop(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_rename_table"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={"base_manager_name": "objects", "ordering": ["-occurred_at", "-id"]},
        ),
        migrations.RunPython(install, drop),
    ]
