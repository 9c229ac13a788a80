"""The audit log moved to its own app (audit.0001 adopts the table): forget it here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
