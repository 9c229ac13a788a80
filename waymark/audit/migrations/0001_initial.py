"""The audit log moves from the privacy app to its own app, keeping its table and rows.

The table ``privacy_auditevent`` is adopted as it stands (state only); audit.0002 renames it
and privacy.0002 forgets the model.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("organisations", "0001_initial"),
        ("privacy", "0001_initial"),
        ("young_people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('occurred_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('action', models.CharField(db_index=True, max_length=64)),
                        ('subject_type', models.CharField(max_length=64)),
                        ('subject_id', models.CharField(max_length=64)),
                        ('before', models.JSONField(null=True)),
                        ('after', models.JSONField(null=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(help_text="The actor's organisation when the event happened.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                        ('young_person', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='young_people.youngperson')),
                    ],
                    options={
                        'ordering': ['-occurred_at', '-id'],
                        'db_table': 'privacy_auditevent',
                        'indexes': [models.Index(fields=['young_person', 'occurred_at'], name='privacy_aud_young_p_818a3d_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
