"""Who sees which records: every persona through every selector (docs/access.md)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from waymark.agreements.enums import AssignmentEndReason
from waymark.agreements.selectors import (
    agreement_list_visible_to,
    assignment_list_visible_to,
    order_form_list_visible_to,
)
from waymark.agreements.services import assignment_substitute
from waymark.audit.models import AuditEvent
from waymark.contacts.selectors import contact_list_visible_to
from waymark.testing.factories import ContactFactory
from waymark.young_people.selectors import young_person_get_for_user, young_person_list_visible_to

# persona -> (young people, agreements, contacts, order forms, assignments), each
# named by the young person they belong to.
NONE: set[str] = set()
A = {"yp_a"}
B = {"yp_b"}
EXPECTED = {
    "mentor_a": (A, A, A, A, A),
    "mentor_a2": (NONE, NONE, NONE, NONE, NONE),
    "manager_a": (A, A, A, A, A),
    "dsl_a": (A, A, A, A, A),
    "volunteer_a": (NONE, NONE, NONE, NONE, NONE),
    "finance_a": (NONE, A, NONE, A, NONE),
    "vs_x": (A, A, NONE, A, A),
    "contract_x": (NONE, NONE, NONE, NONE, NONE),
    "vs_y": (B, B, NONE, B, B),
    "mentor_b": (B, B, B, B, B),
    "manager_b": (B, B, B, B, B),
}


@pytest.fixture
def contacts(world):
    return {
        "yp_a": ContactFactory(agreement=world.agreement_a, author=world.mentor_a),
        "yp_b": ContactFactory(agreement=world.agreement_b, author=world.mentor_b),
    }


def _names(world, young_people):
    by_pk = {world.yp_a.pk: "yp_a", world.yp_b.pk: "yp_b"}
    return {by_pk[pk] for pk in young_people}


def _visible(world, user):
    return (
        _names(world, young_person_list_visible_to(user=user).values_list("pk", flat=True)),
        _names(world, agreement_list_visible_to(user=user).values_list("young_person_id", flat=True)),
        _names(world, contact_list_visible_to(user=user).values_list("agreement__young_person_id", flat=True)),
        _names(world, order_form_list_visible_to(user=user).values_list("young_person_id", flat=True)),
        _names(world, assignment_list_visible_to(user=user).values_list("agreement__young_person_id", flat=True)),
    )


def test_expected_covers_every_persona(personas):
    assert sorted(EXPECTED) == sorted(personas)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_selectors_scope_records_to_persona(world, personas, contacts, name):
    visible = _visible(world, personas[name])

    assert visible == EXPECTED[name]


def test_selectors_show_nothing_to_a_user_without_membership(world, contacts):
    world.mentor_a.membership.delete()
    world.mentor_a.refresh_from_db()

    assert _visible(world, world.mentor_a) == (NONE, NONE, NONE, NONE, NONE)


def test_selectors_show_nothing_to_a_deactivated_membership(world, contacts):
    world.manager_a.membership.is_active = False
    world.manager_a.membership.save()

    assert _visible(world, world.manager_a) == (NONE, NONE, NONE, NONE, NONE)


def test_mentor_keeps_only_what_they_wrote_after_assignment_ends(world, contacts):
    other = ContactFactory(agreement=world.agreement_a, author=world.manager_a)
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Left the organisation.",
    )

    # The young person, agreement, Order Form and assignments are gone; their own contact stays.
    assert _visible(world, world.mentor_a) == (NONE, NONE, A, NONE, NONE)
    assert list(contact_list_visible_to(user=world.mentor_a)) == [contacts["yp_a"]]
    assert other not in contact_list_visible_to(user=world.mentor_a)


def test_substitute_mentor_sees_young_person_after_substitution(world, contacts):
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Left the organisation.",
        new_mentor=world.mentor_a2,
    )

    assert _visible(world, world.mentor_a2) == (A, A, A, A, A)


def test_young_person_open_records_a_viewed_audit_event(world):
    from waymark.young_people.selectors import young_person_open

    young_person = young_person_open(user=world.mentor_a, public_id=world.yp_a.public_id)

    events = AuditEvent.objects.filter(action="young_person.viewed")
    assert young_person == world.yp_a
    assert [(e.actor, e.organisation, e.young_person, e.subject_id) for e in events] == [
        (world.mentor_a, world.provider_a, world.yp_a, str(world.yp_a.public_id))
    ]


def test_young_person_open_hidden_record_is_404_and_not_logged(world):
    from waymark.young_people.selectors import young_person_open

    with pytest.raises(Http404):
        young_person_open(user=world.mentor_b, public_id=world.yp_a.public_id)

    assert AuditEvent.objects.filter(action="young_person.viewed").count() == 0


def test_young_person_get_for_user_write_by_dsl_is_permission_denied(world):
    with pytest.raises(PermissionDenied):
        young_person_get_for_user(user=world.dsl_a, public_id=world.yp_a.public_id, write=True)


def test_young_person_get_for_user_write_by_other_provider_is_404(world):
    with pytest.raises(Http404):
        young_person_get_for_user(user=world.mentor_b, public_id=world.yp_a.public_id, write=True)


def test_young_person_get_for_user_write_by_manager_is_allowed(world):
    young_person = young_person_get_for_user(user=world.manager_a, public_id=world.yp_a.public_id, write=True)

    assert young_person == world.yp_a


@pytest.mark.parametrize("public_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_young_person_get_for_user_unknown_id_is_404(world, public_id):
    with pytest.raises(Http404):
        young_person_get_for_user(user=world.manager_a, public_id=public_id)
