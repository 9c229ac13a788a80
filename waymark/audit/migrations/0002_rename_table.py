"""Give the adopted audit table its own app's name; rows and indexes are kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("privacy", "0002_auditevent_moves_to_audit"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditevent", table=None),
        migrations.RenameIndex(
            model_name="auditevent",
            new_name="audit_audit_young_p_0341d4_idx",
            old_name="privacy_aud_young_p_818a3d_idx",
        ),
    ]
