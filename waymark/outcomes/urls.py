from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("young-people/<uuid:public_id>/progress/", views.progress, name="progress"),
    path("outcomes/<uuid:public_id>/reviews/new/", views.review_new, name="review_new"),
    path("agreements/<uuid:public_id>/indicators/<slug:kind>/new/", views.indicator_new, name="indicator_new"),
    path("agreements/<uuid:public_id>/missing-episodes/new/", views.missing_new, name="missing_new"),
    path("missing-episodes/<uuid:public_id>/end/", views.missing_close, name="missing_close"),
    path("agreements/<uuid:public_id>/measures/<slug:kind>/new/", views.measure_new, name="measure_new"),
    path("agreements/<uuid:public_id>/qualifications/new/", views.qualification_new, name="qualification_new"),
    path("agreements/<uuid:public_id>/destinations/new/", views.destination_new, name="destination_new"),
]
