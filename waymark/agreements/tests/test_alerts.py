from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command

from waymark.agreements.alerts import VERB, deadline_alerts_send
from waymark.agreements.enums import OrderFormStatus
from waymark.notifications.models import Notification
from waymark.testing.factories import OrderFormFactory

LONDON = ZoneInfo("Europe/London")


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


def _world_contacts_made(world):
    for agreement in (world.agreement_a, world.agreement_b):
        agreement.first_contact_on = date(2026, 9, 8)
        agreement.save()


def test_alert_counts_order_form_received_and_not_yet_accepted(world):
    """R1 runs from receipt: a form received on Monday 14 September 2026 and left
    waiting is overdue on 1 October 2026 (due Wednesday 16 September)."""
    _world_contacts_made(world)
    waiting = OrderFormFactory(framework=world.framework_xa, received_on=date(2026, 9, 14))
    OrderFormFactory(  # declined: no first contact needed
        framework=world.framework_xa, received_on=date(2026, 9, 14), status=OrderFormStatus.DECLINED
    )
    OrderFormFactory(framework=world.framework_xa, received_on=date(2026, 9, 29))  # due 1 October

    with time_machine.travel(datetime(2026, 10, 1, 7, 0, tzinfo=LONDON)):
        call_command("send_deadline_alerts")

    assert waiting.first_contact_due_on == date(2026, 9, 16)
    notes = Notification.objects.filter(verb=f"{VERB}:2026-10-01")
    assert [n.recipient.username for n in notes] == ["manager_a"]
    assert notes.get().message == (
        "Deadlines today: 1 first contact overdue on Order Forms not yet accepted; "
        "1 first contact due today on Order Forms not yet accepted."
    )


def test_alert_skips_order_forms_of_other_providers(world):
    _world_contacts_made(world)
    OrderFormFactory(framework=world.framework_yb, received_on=date(2026, 9, 14))

    result = deadline_alerts_send(today=date(2026, 10, 1))

    assert result.organisations_told == 1
    assert Notification.objects.get(verb=f"{VERB}:2026-10-01").recipient.username == "manager_b"
