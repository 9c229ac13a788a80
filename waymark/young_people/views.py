from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from waymark.core.forms import add_service_errors
from waymark.organisations.http import AuthenticatedHttpRequest

from .forms import YoungPersonEditForm
from .selectors import young_person_get_for_user
from .services import young_person_update

NON_FIELD = "__all__"


@login_required
def edit(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    young_person = young_person_get_for_user(user=request.user, public_id=public_id, write=True)
    form = YoungPersonEditForm(request.POST or None, instance=young_person)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            young_person_update(
                actor=request.user,
                young_person=young_person,
                data=data,
                expected_version=data.pop("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"version": NON_FIELD})
            if "version" in getattr(exc, "error_dict", {}):
                # Saving again, knowingly, replaces the newer record.
                current = young_person_get_for_user(user=request.user, public_id=public_id, write=True)
                data_again = request.POST.copy()
                data_again["version"] = str(current.version)
                form.data = data_again
        else:
            messages.success(request, "Record updated.")
            return redirect("young_people:detail", public_id=young_person.public_id)
    # A ModelForm changes its instance while validating: show the saved name in the heading.
    young_person.refresh_from_db()
    back_url = reverse("young_people:detail", args=[young_person.public_id])
    return render(request, "young_people/edit.html", {"form": form, "young_person": young_person, "back_url": back_url})
