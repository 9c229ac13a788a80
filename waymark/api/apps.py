from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "waymark.api"
    label = "api"
