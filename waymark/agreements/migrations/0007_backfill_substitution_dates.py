"""Copy each agreement's last substitution onto the substitute's assignment (R3, #7).

Before this, only the agreement kept a substitution's dates, and a later substitution
overwrote an earlier one's. What survives is the latest: its due date goes to the latest
substitute assignment of the agreement, and the day the clock opened is the previous
mentor's last day (or, if that assignment is missing, 7 days before the due date).
Reversing leaves the columns as they are (the previous migration drops them).
"""

from datetime import timedelta

from django.db import migrations

SUBSTITUTION_DAYS = 7


def backfill(apps, schema_editor):
    agreement_model = apps.get_model("agreements", "IndividualAgreement")
    assignment_model = apps.get_model("agreements", "Assignment")
    agreements = agreement_model.objects.filter(substitution_due_on__isnull=False, substituted_on__isnull=False)
    for agreement in agreements.iterator():
        substitute = (
            assignment_model.objects.filter(agreement_id=agreement.pk, is_substitute=True)
            .order_by("-started_on", "-created_at")
            .first()
        )
        if substitute is None:
            continue
        previous_end = (
            assignment_model.objects.filter(agreement_id=agreement.pk, ended_on__isnull=False)
            .exclude(pk=substitute.pk)
            .filter(created_at__lt=substitute.created_at)
            .order_by("-ended_on", "-created_at")
            .values_list("ended_on", flat=True)
            .first()
        )
        substitute.substitution_due_on = agreement.substitution_due_on
        substitute.substitution_opened_on = previous_end or agreement.substitution_due_on - timedelta(
            days=SUBSTITUTION_DAYS
        )
        substitute.save(update_fields=["substitution_due_on", "substitution_opened_on"])


class Migration(migrations.Migration):
    dependencies = [("agreements", "0006_assignment_substitution_dates")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
