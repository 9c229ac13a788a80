"""Meetings move out of the contacts app into their own app, keeping their table and rows.

The table ``contacts_meeting`` is adopted as it stands (state only), and the next migration
renames it; contacts' own state forgets the model in contacts.0004.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="meetings", model="meeting").exists():
        ContentType.objects.using(db).filter(app_label="contacts", model="meeting").update(app_label="meetings")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="contacts", model="meeting").exists():
        ContentType.objects.using(db).filter(app_label="meetings", model="meeting").update(app_label="contacts")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("agreements", "0002_initial"),
        ("contacts", "0003_contact_is_evening_contact_is_late_evening_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('meeting_type', models.CharField(choices=[('pep', 'Personal Education Plan (PEP) review'), ('lac_review', 'Looked-after child (LAC) review'), ('tac', 'Team Around the Child meeting'), ('other', 'Other planning meeting')], max_length=16, verbose_name='Type of meeting')),
                        ('held_on', models.DateField(verbose_name='Date of the meeting')),
                        ('attendance', models.CharField(choices=[('attended', 'Attended'), ('written', 'Contributed in writing'), ('not_attended', 'Invited, did not attend or contribute')], max_length=16, verbose_name='Our part')),
                        ('engagement', models.TextField(blank=True, max_length=4000, verbose_name='Engagement we have seen')),
                        ('progress', models.TextField(blank=True, max_length=4000, verbose_name='Progress on outcomes')),
                        ('young_person_views', models.TextField(blank=True, max_length=4000, verbose_name="The young person's views")),
                        ('recommended_actions', models.TextField(blank=True, max_length=4000, verbose_name='Recommended actions')),
                        ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='agreements.individualagreement')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-held_on', '-created_at'],
                        'db_table': 'contacts_meeting',
                        'indexes': [models.Index(fields=['agreement', 'held_on'], name='contacts_me_agreeme_231f63_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
