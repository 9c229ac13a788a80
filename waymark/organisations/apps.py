from typing import Any

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "waymark.organisations"
    label = "organisations"

    def ready(self) -> None:
        # Imported here: access imports models, which must wait for the app registry.
        from waymark.audit.services import register_organisation_lookup

        from .access import actor_for

        def organisation_of(user: Any) -> Any:
            actor = actor_for(user)
            return actor.organisation if actor is not None else None

        register_organisation_lookup(organisation_of)
