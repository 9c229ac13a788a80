from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "waymark.outcomes"
    label = "outcomes"
