"""Data protection pages: the overview (deletion requests, retention periods and runs), a
person's subject access export and deletion request. Each view checks the capability in its
first lines (policy.require / policy.open_person); the services audit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.people import access

from . import deletion, export, policy, retention
from .forms import DeletionRequestForm
from .models import DeletionRequest


@staff_required
def overview(request: StaffRequest) -> HttpResponse:
    requests = deletion.requests_for(request.user)  # checks the capability
    context = {
        "pending": list(requests.filter(status=DeletionRequest.Status.REQUESTED)),
        "decided": list(requests.exclude(status=DeletionRequest.Status.REQUESTED)[:20]),
        "periods": retention.periods(request.user.agency_id),
        "runs": retention.last_runs(request.user.agency_id),
    }
    return render(request, "privacy/overview.html", context)


def _person_page(request: StaffRequest, person, form) -> HttpResponse:  # type: ignore[no-untyped-def]
    return render(
        request,
        "privacy/person.html",
        {"person": person, "open_request": deletion.open_request_for(request.user, person), "form": form},
    )


@staff_required
def person(request: StaffRequest, person_id: str) -> HttpResponse:
    found = policy.open_person(request.user, person_id)
    return _person_page(request, found, DeletionRequestForm())


@staff_required
@require_POST
def export_person(request: StaffRequest, person_id: str) -> HttpResponse:
    policy.require(request.user)
    found = access.get_person(request.user, person_id)
    made = export.build(request.user, found)
    if request.POST.get("format") == "html":
        return HttpResponse(export.render_document(made))
    response = HttpResponse(export.zip_bytes(made), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename(made, "zip")}"'
    return response


@staff_required
@require_POST
def request_deletion(request: StaffRequest, person_id: str) -> HttpResponse:
    policy.require(request.user)
    found = access.get_person(request.user, person_id)
    form = DeletionRequestForm(request.POST)
    if not form.is_valid():
        return _person_page(request, found, form)
    try:
        deletion.request(request.user, found, form.cleaned_data["ground"], form.cleaned_data["note"])
    except deletion.DeletionRefused:
        messages.error(request, _("A deletion of this person has already been requested."))
    else:
        messages.success(request, _("Deletion requested. Another authorised person must approve it."))
    return redirect("privacy:person", found.pk)


@staff_required
@require_POST
def decide(request: StaffRequest, request_id: int) -> HttpResponse:
    decision = request.POST.get("decision")
    actions = {"approve": deletion.approve, "reject": deletion.reject, "cancel": deletion.cancel}
    policy.require(request.user)
    if decision not in actions:
        deletion.get_request(request.user, request_id)  # 404 before 400 for other agencies' requests
        return HttpResponse(status=400)
    try:
        actions[decision](request.user, request_id)
    except deletion.DeletionRefused:
        messages.error(request, _("This request has already been decided."))
        return redirect("privacy:overview")
    done = {
        "approve": _("The person's data have been deleted."),
        "reject": _("The deletion request has been rejected."),
        "cancel": _("The deletion request has been withdrawn."),
    }
    messages.success(request, done[decision])
    return redirect("privacy:overview")
