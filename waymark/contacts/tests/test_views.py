"""Logging a contact through the page: one screen, safe to resubmit, clear errors."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from waymark.contacts.models import Contact


def _post(world, **overrides):
    when = timezone.localtime() - timedelta(minutes=5)
    data = {
        "occurred_date": when.date().isoformat(),
        "occurred_time": when.strftime("%H:%M"),
        "mode": "phone",
        "outcome": "made",
        "summary": "Talked about school.",
        "submission_token": "0b5a2a53-52f8-4b57-a0a4-6ef7f0c5e0a1",
    }
    data.update(overrides)
    return data


def test_contact_logged_and_first_contact_recorded(world, client_for):
    data = _post(world)

    response = client_for(world.mentor_a).post(reverse("contacts:new", args=[world.agreement_a.public_id]), data)

    world.agreement_a.refresh_from_db()
    assert response.status_code == 302
    assert Contact.objects.filter(agreement=world.agreement_a).count() == 1
    assert world.agreement_a.first_contact_on.isoformat() == data["occurred_date"]


def test_resubmitted_contact_form_creates_one_contact(world, client_for):
    client = client_for(world.mentor_a)
    url = reverse("contacts:new", args=[world.agreement_a.public_id])

    first = client.post(url, _post(world))
    second = client.post(url, _post(world))

    assert first.status_code == 302
    assert second.status_code == 302
    assert Contact.objects.filter(agreement=world.agreement_a).count() == 1


def test_future_contact_refused_with_input_kept(world, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client_for(world.mentor_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]),
        _post(world, occurred_date=tomorrow.isoformat(), summary="Kept <b>text</b>"),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "The contact cannot be in the future." in content
    assert "Kept &lt;b&gt;text&lt;/b&gt;" in content
    assert Contact.objects.count() == 0


def test_too_long_contact_refused(world, client_for):
    response = client_for(world.mentor_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]), _post(world, duration_minutes="1200")
    )

    assert response.status_code == 200
    assert "no more than 12 hours" in response.content.decode()
    assert Contact.objects.count() == 0


def test_restricted_young_person_form_offers_only_remote_modes(world, client_for):
    world.yp_a.face_to_face_restricted = True
    world.yp_a.restriction_details = "Court order"
    world.yp_a.save()

    client = client_for(world.mentor_a)
    url = reverse("contacts:new", args=[world.agreement_a.public_id])
    page = client.get(url)
    refused = client.post(url, _post(world, mode="face_to_face"))

    assert 'value="face_to_face"' not in page.content.decode()
    assert refused.status_code == 200
    assert Contact.objects.count() == 0


def test_restricted_young_person_form_refuses_other_mode(world, client_for):
    world.yp_a.face_to_face_restricted = True
    world.yp_a.restriction_details = "Court order"
    world.yp_a.save()
    client = client_for(world.mentor_a)
    url = reverse("contacts:new", args=[world.agreement_a.public_id])

    page = client.get(url)
    refused = client.post(url, _post(world, mode="other"))

    assert 'value="other"' not in page.content.decode()
    assert refused.status_code == 200
    assert refused.context["form"].errors["mode"] == [
        "Select a valid choice. other is not one of the available choices."
    ]
    assert Contact.objects.count() == 0


def test_contact_on_ended_agreement_refused(world, client_for):
    world.agreement_a.status = "ended"
    world.agreement_a.save()

    response = client_for(world.manager_a).post(
        reverse("contacts:new", args=[world.agreement_a.public_id]), _post(world)
    )

    assert response.status_code == 200
    assert "This agreement has ended" in response.content.decode()
    assert Contact.objects.count() == 0
