from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("young-people/<uuid:public_id>/meetings/", views.meeting_list, name="list"),
    path("young-people/<uuid:public_id>/meetings/new/", views.meeting_new, name="new"),
    path("meetings/<uuid:public_id>/", views.meeting_detail, name="detail"),
    path("meetings/<uuid:public_id>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<uuid:public_id>/contribution.pdf", views.meeting_pdf, name="pdf"),
]
