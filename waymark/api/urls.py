"""The REST API, version 1: one router, the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import APIRootView, DefaultRouter

from . import docs, views, views_meetings, views_outcomes, views_sessions


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
router.register("sessions", views_sessions.SessionViewSet, basename="session")
router.register("meetings", views_meetings.MeetingViewSet, basename="meeting")
router.register("outcomes", views_outcomes.OutcomeViewSet, basename="outcome")
router.register("outcome-reviews", views_outcomes.OutcomeReviewViewSet, basename="outcome-review")
router.register("indicator-readings", views_outcomes.IndicatorReadingViewSet, basename="indicator-reading")
router.register("missing-episodes", views_outcomes.MissingEpisodeViewSet, basename="missing-episode")
router.register("measures", views_outcomes.MeasureViewSet, basename="measure")
router.register("qualifications", views_outcomes.QualificationViewSet, basename="qualification")
router.register("destinations", views_outcomes.DestinationViewSet, basename="destination")

app_name = "api"
urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
