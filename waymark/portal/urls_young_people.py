"""The young person's pages: the whole-record page lives here, the record's own edit page in
``young_people``; both keep the ``young_people`` URL names."""

from django.urls import path

from waymark.young_people import views as record_views

from . import views

app_name = "young_people"
urlpatterns = [
    path("<uuid:public_id>/", views.young_person_page, name="detail"),
    path("<uuid:public_id>/edit/", record_views.edit, name="edit"),
]
