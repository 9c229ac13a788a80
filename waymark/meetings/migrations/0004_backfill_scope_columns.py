"""Copy each meeting's provider and council from its young person (#6).

One UPDATE per table, reading the young person through the row's own foreign key.
Reversing leaves the columns as they are (the previous migration drops them).
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery

# model name -> (model the lookup starts from, this row's column pointing at it, path to the young person)
SOURCES = {
    "Meeting": ("agreements.IndividualAgreement", "agreement_id", "young_person"),
}


def backfill(apps, schema_editor):
    for model_name, (source, column, path) in SOURCES.items():
        model = apps.get_model("meetings", model_name)
        rows = apps.get_model(*source.split(".")).objects.filter(pk=OuterRef(column))
        prefix = f"{path}__" if path else ""
        model.objects.update(
            provider_id=Subquery(rows.values(f"{prefix}provider_id")[:1]),
            council_id=Subquery(rows.values(f"{prefix}council_id")[:1]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_scope_columns"),
        ("young_people", "0002_version"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
