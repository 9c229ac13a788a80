"""Give the adopted meetings table its own app's name; rows and indexes are kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0001_initial"),
        ("contacts", "0004_meeting_moves_to_meetings"),
    ]

    operations = [
        migrations.AlterModelTable(name="meeting", table=None),
        migrations.RenameIndex(
            model_name="meeting",
            new_name="meetings_me_agreeme_1231e1_idx",
            old_name="contacts_me_agreeme_231f63_idx",
        ),
    ]
