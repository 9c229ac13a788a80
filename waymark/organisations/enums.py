from django.db import models


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    PROVIDER = "provider", "Provider"


class Role(models.TextChoices):
    """The roles of docs/architecture.md; each belongs to one kind of organisation."""

    MENTOR = "mentor", "Mentor"
    VOLUNTEER = "volunteer", "Volunteer"
    SERVICE_MANAGER = "service_manager", "Service manager"
    DSL = "dsl", "Designated safeguarding lead"
    FINANCE = "finance", "Finance officer"
    VS_OFFICER = "vs_officer", "Virtual School officer"
    CONTRACT_MANAGER = "contract_manager", "Contract manager"


PROVIDER_ROLES = frozenset({Role.MENTOR, Role.VOLUNTEER, Role.SERVICE_MANAGER, Role.DSL, Role.FINANCE})
COUNCIL_ROLES = frozenset({Role.VS_OFFICER, Role.CONTRACT_MANAGER})
