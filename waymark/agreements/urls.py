from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/<uuid:public_id>/assign/", views.assign, name="assign"),
    path("agreements/<uuid:public_id>/substitute/", views.substitute, name="substitute"),
    path("agreements/<uuid:public_id>/reject-mentor/", views.reject_mentor, name="reject_mentor"),
    path("agreements/<uuid:public_id>/end/", views.end_agreement, name="end"),
]
