"""The REST API, version 1: one router over every app's viewsets (each app's ``api.py``),
the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import APIRootView, DefaultRouter

from waymark.agreements import api as agreements
from waymark.contacts import api as contacts
from waymark.meetings import api as meetings
from waymark.outcomes import api as outcomes
from waymark.young_people import api as young_people

from . import docs


class ApiRootView(APIRootView):
    """The list of resources, as JSON (the docs page is for people)."""

    renderer_classes = [JSONRenderer]


class Router(DefaultRouter):
    APIRootView = ApiRootView


router = Router()
router.register("young-people", young_people.YoungPersonViewSet, basename="young-person")
router.register("order-forms", agreements.OrderFormViewSet, basename="order-form")
router.register("agreements", agreements.AgreementViewSet, basename="agreement")
router.register("assignments", agreements.AssignmentViewSet, basename="assignment")
router.register("contacts", contacts.ContactViewSet, basename="contact")
router.register("sessions", contacts.SessionViewSet, basename="session")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("outcomes", outcomes.OutcomeViewSet, basename="outcome")
router.register("outcome-reviews", outcomes.OutcomeReviewViewSet, basename="outcome-review")
router.register("indicator-readings", outcomes.IndicatorReadingViewSet, basename="indicator-reading")
router.register("missing-episodes", outcomes.MissingEpisodeViewSet, basename="missing-episode")
router.register("measures", outcomes.MeasureViewSet, basename="measure")
router.register("qualifications", outcomes.QualificationViewSet, basename="qualification")
router.register("destinations", outcomes.DestinationViewSet, basename="destination")

app_name = "api"
urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
