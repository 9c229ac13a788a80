"""Changing a young person's record: validation keeps input, and a stale edit never
silently overwrites a newer one (concurrent edits)."""

from django.urls import reverse

from waymark.audit.models import AuditEvent
from waymark.testing.db import db_snapshot
from waymark.young_people.models import YoungPerson


def _post(world, version, **overrides):
    yp = world.yp_a
    data = {
        "legal_first_name": yp.legal_first_name,
        "legal_last_name": yp.legal_last_name,
        "date_of_birth": yp.date_of_birth.isoformat(),
        "school_or_setting": yp.school_or_setting,
        "version": str(version),
    }
    data.update(overrides)
    return data


def test_edit_saves_and_increases_version(world, client_for):
    url = reverse("young_people:edit", args=[world.yp_a.public_id])

    response = client_for(world.manager_a).post(url, _post(world, 1, school_or_setting="Moorside College"))

    yp = YoungPerson.objects.get(pk=world.yp_a.pk)
    assert response.status_code == 302
    assert (yp.school_or_setting, yp.version) == ("Moorside College", 2)
    event = AuditEvent.objects.filter(action="young_person.updated").get()
    assert event.after == {"school_or_setting": "Moorside College"}


def test_stale_edit_is_refused_and_keeps_both_the_record_and_the_input(world, client_for):
    client = client_for(world.manager_a)
    url = reverse("young_people:edit", args=[world.yp_a.public_id])
    client.post(url, _post(world, 1, school_or_setting="First change"))

    response = client.post(url, _post(world, 1, school_or_setting="Second, stale change"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in content
    assert 'value="Second, stale change"' in content
    assert YoungPerson.objects.get(pk=world.yp_a.pk).school_or_setting == "First change"
    # Saving again from the re-shown form is a knowing overwrite.
    assert 'name="version" value="2"' in content


def test_edit_errors_keep_input(world, client_for):
    url = reverse("young_people:edit", args=[world.yp_a.public_id])

    response = client_for(world.manager_a).post(
        url, _post(world, 1, legal_first_name="", school_or_setting="<b>Kept</b>", date_of_birth="2011-13-45")
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "&lt;b&gt;Kept&lt;/b&gt;" in content
    assert YoungPerson.objects.get(pk=world.yp_a.pk).version == 1


def test_api_patch_with_stale_version_is_refused(world, client_for):
    client = client_for(world.manager_a)
    url = f"/api/v1/young-people/{world.yp_a.public_id}/"
    first = client.patch(url, {"school_or_setting": "First", "version": 1}, content_type="application/json")

    stale = client.patch(url, {"school_or_setting": "Stale", "version": 1}, content_type="application/json")

    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "Someone else changed this record since you read it: read it again, and send your change "
        "with its current version."
    }
    assert YoungPerson.objects.get(pk=world.yp_a.pk).school_or_setting == "First"


def test_api_patch_without_a_version_answers_428_with_nothing_changed(world, client_for):
    client = client_for(world.manager_a)
    url = f"/api/v1/young-people/{world.yp_a.public_id}/"
    before = db_snapshot(allow_audit=("young_person.viewed",))

    response = client.patch(url, {"school_or_setting": "Unversioned"}, content_type="application/json")

    assert response.status_code == 428
    assert response.json() == {
        "detail": "Send the version of the record you read, so no one's change is overwritten without notice."
    }
    assert db_snapshot(allow_audit=("young_person.viewed",)) == before


def test_api_two_patches_from_the_same_read_keep_the_first(world, client_for):
    client = client_for(world.manager_a)
    url = f"/api/v1/young-people/{world.yp_a.public_id}/"
    read = client.get(url).json()["version"]

    first = client.patch(url, {"school_or_setting": "First", "version": read}, content_type="application/json")
    second = client.patch(url, {"carer_name": "Second", "version": read}, content_type="application/json")

    assert (first.status_code, second.status_code) == (200, 409)
    world.yp_a.refresh_from_db()
    assert (world.yp_a.school_or_setting, world.yp_a.version) == ("First", 2)
    assert world.yp_a.carer_name != "Second"
