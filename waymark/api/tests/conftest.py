"""Fixtures for the API tests: clients that authenticate with a real API token, and
records to act on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from waymark.agreements.enums import OrderFormStatus
from waymark.agreements.models import IndividualAgreement, OrderForm
from waymark.api.models import ApiToken
from waymark.api.services import api_token_create
from waymark.organisations.models import User
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory
from waymark.testing.personas import World


@pytest.fixture
def api_for(db: None) -> Callable[[User], APIClient]:
    """A function giving an APIClient that sends a fresh API token of ``user``.

    The token is marked as just used, so a request does not also write ``last_used_at``
    (keeps query counts steady).
    """

    def make(user: User) -> APIClient:
        token, raw = api_token_create(user=user, name="test")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make


@pytest.fixture
def received_order_form(world: World) -> OrderForm:
    """An Order Form of council X to provider A, waiting for the provider's decision."""
    return OrderFormFactory(  # type: ignore[no-any-return]
        framework=world.framework_xa, status=OrderFormStatus.RECEIVED, submitted_by=world.vs_x
    )


@pytest.fixture
def unassigned_agreement(world: World) -> IndividualAgreement:
    """An active agreement of council X with provider A that has no mentor yet."""
    return IndividualAgreementFactory(  # type: ignore[no-any-return]
        order_form=OrderFormFactory(
            framework=world.framework_xa, status=OrderFormStatus.ACCEPTED, submitted_by=world.vs_x
        )
    )
