"""Reception (Eingangszone): find the person or take a walk-in's first name, record their
concerns, issue one ticket for the whole visit, print it; today's visits with the actions
reception takes on them (bring back, add a concern).

Names are searched by POST (never in the address); the visit is addressed by its number in the
database, and only within the staff member's agency (another agency's visit: 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.people.access import persons_for
from kurzweg.people.forms import SearchForm
from kurzweg.people.models import Person
from kurzweg.people.search import PersonMatch, find_persons

from .. import clock, printing, queue
from ..forms import AddConcernForm, ServicePointForm, TicketForm, by_office, walk_in_services
from ..models import Concern, ServicePoint, Visit
from .kiosk import issue_once, new_nonce

SESSION_SERVICE_POINT = "servicepoint_reception"
MATCH_LIMIT = 10
# The search fields; a form keeps them when reception searches again or an issue fails.
TICKET_FIELDS = ("person", "first_name", "language")


def _check(request: StaffRequest) -> None:
    if not request.user.can("may_issue_tickets"):
        raise PermissionDenied


def _service_points(request: StaffRequest) -> tuple[ServicePoint | None, list[ServicePoint]]:
    """Staff have no fixed service point: the one chosen in this session, else the first."""
    points = list(ServicePoint.objects.filter(agency_id=request.user.agency_id))
    chosen = request.session.get(SESSION_SERVICE_POINT)
    current = next((p for p in points if p.pk == chosen), points[0] if points else None)
    return current, points


def _visit(request: StaffRequest, pk: int) -> Visit:
    """The visit, 404 for another agency's; then the capability check (403)."""
    visit = get_object_or_404(
        Visit.objects.select_related("service_point", "person").prefetch_related(
            Prefetch("concerns", Concern.objects.select_related("service__office").prefetch_related("service__names"))
        ),
        pk=pk,
        agency_id=request.user.agency_id,
    )
    _check(request)
    return visit


def _matches(request: StaffRequest, search: SearchForm) -> list[PersonMatch]:
    if not search.is_valid():
        return []
    matches = find_persons(request.user, search.query(), limit=MATCH_LIMIT)
    persons = persons_for(request.user).filter(pk__in=[m.person.pk for m in matches]).prefetch_related("languages")
    languages = {p.pk: p.languages.all() for p in persons}
    for match in matches:
        match.spoken = languages.get(match.person.pk, [])  # type: ignore[attr-defined]
    return matches


def _chosen_person(request: StaffRequest, matches: list[PersonMatch]) -> Person | None:
    """The person ticked in an earlier search, shown again even if this search misses them."""
    person_id = request.POST.get("person")
    if not person_id or any(str(m.person.pk) == person_id for m in matches):
        return None
    try:
        return persons_for(request.user).filter(pk=person_id).first()
    except (ValueError, ValidationError):
        return None


@staff_required
def index(request: StaffRequest) -> HttpResponse:
    _check(request)
    service_point, points = _service_points(request)
    if service_point is None:
        return render(request, "servicepoint/reception/index.html", {"service_point": None})
    action = request.POST.get("action", "")
    if action == "service_point":
        chooser = ServicePointForm(request.POST, agency_id=request.user.agency_id)
        if chooser.is_valid():
            request.session[SESSION_SERVICE_POINT] = chooser.cleaned_data["service_point"].pk
        return redirect("servicepoint:reception")

    search = SearchForm(request.POST if action in ("search", "issue") else None)
    if action == "issue":
        form = TicketForm(request.POST, user=request.user, service_point=service_point)
        if form.is_valid():
            data = form.cleaned_data
            visit = issue_once(
                service_point,
                data["nonce"],
                list(data["services"]),
                actor=request.user,
                person=data["person"],
                first_name=data["first_name"],
                language=data["language"],
                source=Visit.Source.RECEPTION,
            )
            if visit is not None:
                return redirect("servicepoint:ticket", visit.pk)
            messages.error(request, _("This form was open for too long. Check the entries and issue the ticket again."))
    else:
        # Searching again keeps what was typed and ticked, without complaining about it yet.
        initial: dict[str, Any] = {f: request.POST.get(f, "") for f in TICKET_FIELDS if f in request.POST}
        initial["services"] = request.POST.getlist("services")
        form = TicketForm(initial=initial, user=request.user, service_point=service_point)
    searched = action in ("search", "issue") and any(request.POST.get(f) for f in ("name", "birth", "nationality"))
    matches = _matches(request, search) if searched else []
    return render(
        request,
        "servicepoint/reception/index.html",
        _index_context(request, service_point, points, form, search, matches, searched),
    )


def _index_context(request, service_point, points, form, search, matches, searched):  # type: ignore[no-untyped-def]
    selected = [str(v) for v in (form["services"].value() or [])]
    return {
        "service_point": service_point,
        "chooser": ServicePointForm(agency_id=request.user.agency_id, initial={"service_point": service_point.pk})
        if len(points) > 1
        else None,
        "form": form,
        "search": search,
        "matches": matches,
        "searched": searched,
        "chosen_person": _chosen_person(request, matches) if request.method == "POST" else None,
        "person_value": str(form["person"].value() or ""),
        "groups": by_office(walk_in_services(service_point)),
        "selected": selected,
        "nonce": new_nonce(),
    }


@staff_required
@require_POST
def search(request: StaffRequest) -> HttpResponse:
    """While typing (htmx): the persons the search finds, to tick one for the ticket."""
    _check(request)
    form = SearchForm(request.POST)
    matches = _matches(request, form)
    context = {
        "search": form,
        "matches": matches,
        "searched": form.is_valid(),
        "chosen_person": _chosen_person(request, matches),
        "person_value": request.POST.get("person", ""),
    }
    return render(request, "servicepoint/reception/index.html#results", context)


@staff_required
def ticket(request: StaffRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    return render(
        request,
        "servicepoint/reception/ticket.html",
        {
            "visit": visit,
            "concerns": visit.concerns.all(),
            "qr": printing.qr_svg(_live_url(request, visit), _("QR code: link to the live ticket page")),
        },
    )


def _live_url(request: StaffRequest, visit: Visit) -> str:
    return request.build_absolute_uri(f"/t/{visit.token}/")


@staff_required
def print_ticket(request: StaffRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    return printing.render_receipt(request, visit, back_url=reverse("servicepoint:ticket", args=[visit.pk]))


@staff_required
def escpos(request: StaffRequest, pk: int) -> HttpResponse:
    """POST: send the receipt to the service point's network printer. GET ?download=1: the
    bytes themselves (to test a printer by hand: `nc printer 9100 < ticket.bin`)."""
    visit = _visit(request, pk)
    data = printing.escpos_ticket(printing.receipt_for(visit, _live_url(request, visit)))
    if request.method == "GET" and request.GET.get("download") == "1":
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="ticket-{visit.ticket}.bin"'
        return response
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    service_point = visit.service_point
    if not service_point.printer_host:
        messages.error(request, _("No receipt printer is set up for this service point."))
    else:
        try:
            printing.send(service_point.printer_host, service_point.printer_port, data)
        except printing.PrinterError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The ticket has been sent to the receipt printer."))
    return redirect("servicepoint:ticket", visit.pk)


@staff_required
def visits(request: StaffRequest) -> HttpResponse:
    _check(request)
    service_point, _points = _service_points(request)
    if service_point is None:
        return render(request, "servicepoint/reception/visits.html", {"service_point": None})
    rows = (
        Visit.objects.filter(service_point=service_point)
        .filter(Q(day=clock.today()) | Q(status=Visit.Status.OVERNIGHT))
        .select_related("person")
        .prefetch_related(Prefetch("concerns", Concern.objects.select_related("service")))
        .order_by("day", "number")  # parked overnight (earlier days) first
    )
    return render(
        request,
        "servicepoint/reception/visits.html",
        {
            "service_point": service_point,
            "visits": rows,
            "addable": list(AddConcernForm(service_point=service_point).fields["service"].queryset),  # type: ignore[attr-defined]
            "today": clock.today(),
            "resumable": (Visit.Status.PARKED, Visit.Status.NO_SHOW, Visit.Status.OVERNIGHT),
        },
    )


@staff_required
@require_POST
def resume(request: StaffRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    try:
        queue.resume(request.user, visit)
    except queue.QueueError as error:
        messages.error(request, _(str(error)))
    else:
        messages.success(request, _("Ticket %(ticket)s is waiting again, in its old place.") % {"ticket": visit.ticket})
    return redirect("servicepoint:visits")


@staff_required
@require_POST
def add_concern(request: StaffRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    form = AddConcernForm(request.POST, service_point=visit.service_point)
    if not form.is_valid():
        messages.error(request, _("Choose the concern to add."))
        return redirect("servicepoint:visits")
    try:
        queue.add_concern(request.user, visit, form.cleaned_data["service"])
    except queue.QueueError as error:
        messages.error(request, _(str(error)))
    else:
        messages.success(
            request,
            _("%(service)s has been added to ticket %(ticket)s.")
            % {"service": form.cleaned_data["service"].name, "ticket": visit.ticket},
        )
    return redirect("servicepoint:visits")


urlpatterns: list[URLPattern] = [
    path("", index, name="reception"),
    path("search/", search, name="reception-search"),
    path("visits/", visits, name="visits"),
    path("visits/<int:pk>/", ticket, name="ticket"),
    path("visits/<int:pk>/print/", print_ticket, name="print"),
    path("visits/<int:pk>/escpos/", escpos, name="escpos"),
    path("visits/<int:pk>/resume/", resume, name="visit-resume"),
    path("visits/<int:pk>/add-concern/", add_concern, name="visit-add-concern"),
]
