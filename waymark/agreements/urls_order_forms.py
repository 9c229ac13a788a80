from django.urls import path

from . import views

app_name = "order_forms"
urlpatterns = [
    path("", views.order_form_list, name="list"),
    path("new/", views.order_form_new, name="new"),
    path("<uuid:public_id>/", views.order_form_detail, name="detail"),
    path("<uuid:public_id>/accept/", views.order_form_accept, name="accept"),
    path("<uuid:public_id>/decline/", views.order_form_decline, name="decline"),
]
