from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("agreements/<uuid:public_id>/contacts/new/", views.contact_new, name="new"),
    path("young-people/<uuid:public_id>/contacts/", views.history, name="history"),
    path("agreements/<uuid:public_id>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/", views.my_sessions, name="my_sessions"),
    path("sessions/joining/", views.volunteer_sessions, name="volunteer_sessions"),
    path("sessions/<uuid:public_id>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<uuid:public_id>/record/", views.session_record, name="session_record"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
