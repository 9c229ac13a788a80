from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("agreements/<uuid:public_id>/contacts/new/", views.contact_new, name="new"),
]
