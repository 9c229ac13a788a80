from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "waymark.outcomes"
    label = "outcomes"

    def ready(self) -> None:
        # Imported here: services import models, which must wait for the app registry.
        from waymark.agreements.services import register_order_form_part

        from .services import outcome_create_for_order_form

        register_order_form_part(outcome_create_for_order_form)
