import pytest
from django.http import Http404

from waymark.core.lookups import get_visible_or_404
from waymark.young_people.models import YoungPerson


def test_get_visible_or_404_finds_a_visible_record(world):
    qs = YoungPerson.objects.filter(provider=world.provider_a)

    assert get_visible_or_404(qs, world.yp_a.public_id, "young person") == world.yp_a


@pytest.mark.parametrize("public_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_get_visible_or_404_answers_404_for_missing_or_malformed_ids(world, public_id):
    with pytest.raises(Http404, match="No such young person."):
        get_visible_or_404(YoungPerson.objects.all(), public_id, "young person")


def test_get_visible_or_404_answers_404_outside_the_scope(world):
    qs = YoungPerson.objects.filter(provider=world.provider_b)

    with pytest.raises(Http404):
        get_visible_or_404(qs, world.yp_a.public_id, "young person")
