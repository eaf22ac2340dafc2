"""Statistics of the service point and the lead's day end. For roles with
`may_view_statistics`; figures only, no persons (tickets, times and services)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kurzweg.core.decorators import StaffRequest, staff_required

from .. import clock, queue
from ..models import Concern, ServicePoint, Visit
from ..statistics import as_csv, day_figures


class DayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))


class DayEndForm(forms.Form):
    overnight = forms.ModelMultipleChoiceField(queryset=Visit.objects.none(), required=False)
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked the list: close the day now"),
        help_text=gettext_lazy(
            "Visits ticked above are parked overnight; reception brings them back tomorrow with their "
            "concerns. Every other unfinished visit is closed, and desks still signed in are signed out."
        ),
        error_messages={"required": gettext_lazy("Tick this box to confirm that the day ends now.")},
    )

    def __init__(self, *args, visits, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["overnight"].queryset = visits  # type: ignore[attr-defined]


def _may_view(request: StaffRequest) -> None:
    if not request.user.can("may_view_statistics"):
        raise PermissionDenied


def _service_point(request: StaffRequest) -> tuple[ServicePoint, list[ServicePoint]]:
    """The service point chosen with ?point=<id>, the agency's first one otherwise."""
    points = list(ServicePoint.objects.filter(agency_id=request.user.agency_id))
    if not points:
        raise Http404
    chosen = request.GET.get("point") or request.POST.get("point")
    if chosen:
        found = [p for p in points if str(p.pk) == chosen]
        if not found:
            raise Http404
        return found[0], points
    return points[0], points


def _day(request: StaffRequest) -> tuple[dt.date, DayForm]:
    form = DayForm(request.GET if "day" in request.GET else None, initial={"day": clock.today()})
    if form.is_bound and form.is_valid():
        return form.cleaned_data["day"], form
    return clock.today(), form


@staff_required
def statistics(request: StaffRequest) -> HttpResponse:
    _may_view(request)
    service_point, points = _service_point(request)
    day, form = _day(request)
    figures = day_figures(service_point, day)
    return render(
        request,
        "servicepoint/statistics/day.html",
        {
            "figures": figures,
            "form": form,
            "service_point": service_point,
            "points": points,
            "day": day,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
            "is_today": day == clock.today(),
        },
    )


@staff_required
def statistics_csv(request: StaffRequest) -> HttpResponse:
    _may_view(request)
    service_point, _points = _service_point(request)
    day, _form = _day(request)
    response = HttpResponse(as_csv(day_figures(service_point, day)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="service-point-{service_point.pk}-{day.isoformat()}.csv"'
    return response


@staff_required
def day_end(request: StaffRequest) -> HttpResponse:
    _may_view(request)
    service_point, points = _service_point(request)
    unfinished = (
        Visit.objects.filter(service_point=service_point, status__in=Visit.ACTIVE)
        .select_related("current_desk")
        .prefetch_related(
            Prefetch(
                "concerns",
                queryset=Concern.objects.filter(status__in=Concern.OPEN).select_related("service"),
                to_attr="open_concerns",
            )
        )
        .order_by("day", "number")
    )
    form = DayEndForm(request.POST or None, visits=unfinished)
    if request.method == "POST" and form.is_valid():
        overnight = [v.pk for v in form.cleaned_data["overnight"]]
        result = queue.close_day(request.user, service_point, overnight=overnight)
        messages.success(
            request,
            _("The day is closed: %(closed)d visits closed, %(overnight)d parked overnight.") % result,
        )
        return redirect(f"{request.path}?point={service_point.pk}")
    chosen = {str(v) for v in form["overnight"].value() or []}
    overnight_from_before = Visit.objects.filter(service_point=service_point, status=Visit.Status.OVERNIGHT).count()
    return render(
        request,
        "servicepoint/statistics/day_end.html",
        {
            "form": form,
            "visits": list(unfinished),
            "chosen": chosen,
            "service_point": service_point,
            "points": points,
            "overnight_waiting": overnight_from_before,
        },
    )


urlpatterns: list[URLPattern] = [
    path("", statistics, name="statistics"),
    path("export.csv", statistics_csv, name="statistics-csv"),
    path("day-end/", day_end, name="day-end"),
]
