from django.apps import AppConfig


class YoungPeopleConfig(AppConfig):
    name = "waymark.young_people"
    label = "young_people"
