"""The REST API, version 1: one router, the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import APIRootView, DefaultRouter

from . import docs, views


class ApiRootView(APIRootView):
    """The list of resources, as JSON (the docs page is for people)."""

    renderer_classes = [JSONRenderer]


class Router(DefaultRouter):
    APIRootView = ApiRootView


router = Router()
router.register("young-people", views.YoungPersonViewSet, basename="young-person")
router.register("order-forms", views.OrderFormViewSet, basename="order-form")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("assignments", views.AssignmentViewSet, basename="assignment")
router.register("contacts", views.ContactViewSet, basename="contact")

app_name = "api"
urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
