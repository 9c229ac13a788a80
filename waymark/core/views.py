from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from waymark.agreements.permissions import can_list_agreements
from waymark.organisations.access import actor_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the page their role starts from."""
    actor = actor_for(request.user)
    if can_list_agreements(actor):
        return redirect("agreements:list")
    return render(request, "core/home.html", {"actor": actor})


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for load balancers. Holds no data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
