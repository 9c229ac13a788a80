from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "waymark.contacts"
    label = "contacts"
