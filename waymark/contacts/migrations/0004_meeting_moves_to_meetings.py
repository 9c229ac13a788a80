"""Meetings moved to their own app (meetings.0001 adopts the table): forget them here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("contacts", "0003_contact_is_evening_contact_is_late_evening_and_more"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Meeting")],
            database_operations=[],
        ),
    ]
