from datetime import date

from django.core import mail
from django.core.management import call_command

from waymark.agreements.alerts import VERB, deadline_alerts_send
from waymark.notifications.models import Notification


def test_deadline_alert_tells_managers_once_a_day(world, django_capture_on_commit_callbacks):
    today = date(2026, 9, 10)  # the world's first contacts were due on 9 September: overdue

    with django_capture_on_commit_callbacks(execute=True):
        first = deadline_alerts_send(today=today)
    with django_capture_on_commit_callbacks(execute=True):
        second = deadline_alerts_send(today=today)

    notes = Notification.objects.filter(verb=f"{VERB}:2026-09-10")
    assert first.organisations_told == 2
    assert second.organisations_told == 0
    assert sorted(n.recipient.username for n in notes) == ["manager_a", "manager_b"]
    assert notes.first().message == "Deadlines today: 1 first contact overdue."
    assert len(mail.outbox) == 2
    assert world.yp_a.legal_last_name not in mail.outbox[0].body


def test_deadline_alert_says_nothing_when_nothing_is_urgent(world):
    world.agreement_a.first_contact_on = date(2026, 9, 8)
    world.agreement_a.save()
    world.agreement_b.first_contact_on = date(2026, 9, 8)
    world.agreement_b.save()

    result = deadline_alerts_send(today=date(2026, 9, 10))

    assert result.organisations_told == 0
    assert Notification.objects.filter(verb__startswith=VERB).count() == 0


def test_send_deadline_alerts_command_runs(world, capsys):
    call_command("send_deadline_alerts")

    assert "provider(s) told" in capsys.readouterr().out
