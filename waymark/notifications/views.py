from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from waymark.core.lookups import get_visible_or_404
from waymark.organisations.http import AuthenticatedHttpRequest

from .selectors import notification_list_for
from .services import notification_mark_read


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(notification_list_for(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    notification = get_visible_or_404(notification_list_for(user=request.user), public_id, "notification")
    notification_mark_read(user=request.user, notification=notification)
    return redirect("notifications:list")
