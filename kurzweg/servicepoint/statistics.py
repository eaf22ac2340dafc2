"""The service point's figures for one day: per office and per service, how long visitors
waited, walked and were served, how many did not come, walk-ins versus appointments, and how
good the waiting-time estimates shown at ticket issue were.

Definitions (all times in minutes)
- waiting time of a concern: for the first concern a visitor is called for, from ticket issue
  to that first call; for every later concern, from the moment the visitor was free for it
  (the concern joined its queue, or the visitor's previous concern ended, whichever is later)
  to its call. So time spent at another desk is not counted as waiting.
- way time: from the call to the visitor's arrival at the desk, where the desk recorded the
  arrival before it finished.
- service time: from arrival at the desk to done (from the call when no arrival was recorded).
- no-show: a concern whose visitor was called and did not come.
- walk-in or appointment: a concern with a booked appointment counts as appointment.
- estimate error: for each visit shown an estimate at ticket issue and called since, the
  absolute difference between the estimate and the minutes the visitor actually waited until
  their first call.

No personal data: only tickets' times and services are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .models import Concern, Service, ServicePoint, Visit


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60


@dataclass
class Figures:
    """The figures of one group of concerns (a service, an office, or the whole day)."""

    label: str
    concerns: int = 0
    visits: set[int] = field(default_factory=set)
    waits: list[float] = field(default_factory=list)
    ways: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    done: int = 0
    no_shows: int = 0
    walk_ins: int = 0
    appointments: int = 0

    @property
    def visit_count(self) -> int:
        return len(self.visits)

    @property
    def mean_wait(self) -> float | None:
        return mean(self.waits)

    @property
    def p90_wait(self) -> float | None:
        return percentile(self.waits, 0.9)

    @property
    def mean_way(self) -> float | None:
        return mean(self.ways)

    @property
    def mean_service(self) -> float | None:
        return mean(self.services)

    def add(self, visit_id: int, row: ConcernTimes) -> None:
        self.concerns += 1
        self.visits.add(visit_id)
        if row.wait is not None:
            self.waits.append(row.wait)
        if row.way is not None:
            self.ways.append(row.way)
        if row.service is not None:
            self.services.append(row.service)
        self.done += row.status == Concern.Status.DONE
        self.no_shows += row.no_show
        if row.appointment:
            self.appointments += 1
        else:
            self.walk_ins += 1


@dataclass
class ConcernTimes:
    status: str
    appointment: bool
    no_show: bool
    wait: float | None
    way: float | None
    service: float | None


@dataclass
class OfficeFigures:
    figures: Figures
    services: list[Figures]


@dataclass
class DayFigures:
    service_point: ServicePoint
    day: dt.date
    total: Figures
    offices: list[OfficeFigures]
    visits: int
    visits_done: int
    visits_no_show: int
    visits_unfinished: int
    visits_by_appointment: int
    mean_time_in_house: float | None
    # The waiting-time estimates shown at ticket issue against the real wait to the first call.
    estimates_compared: int
    estimate_mae: float | None
    estimate_bias: float | None  # positive: visitors waited longer than shown

    @property
    def visits_walk_in(self) -> int:
        return self.visits - self.visits_by_appointment


def concern_times(visit: Mapping[str, Any], concerns: Sequence[Mapping[str, Any]]) -> list[ConcernTimes]:
    """The times of one visit's concerns (see the module's definitions)."""
    finished = sorted(c["finished_at"] for c in concerns if c["finished_at"] is not None)
    first_call = visit["first_called_at"]
    result = []
    for c in concerns:
        called, arrived, done = c["called_at"], c["arrived_at"], c["finished_at"]
        wait = way = service = None
        if called is not None:
            if first_call is not None and called <= first_call:
                start = visit["issued_at"]
            else:
                # Free for this concern once it was queued and the visitor's previous concern ended.
                ended_before = [f for f in finished if f <= called]
                start = max([c["queued_at"], *ended_before[-1:]])
            wait = max(0.0, minutes(called - start))
            if c["status"] == Concern.Status.DONE and done is not None:
                if arrived is not None and arrived < done:
                    way = max(0.0, minutes(arrived - called))
                    service = minutes(done - arrived)
                else:
                    service = minutes(done - called)
        result.append(
            ConcernTimes(
                status=c["status"],
                appointment=c["appointment_id"] is not None,
                no_show=c["status"] == Concern.Status.NO_SHOW and called is not None,
                wait=wait,
                way=way,
                service=service,
            )
        )
    return result


def day_figures(service_point: ServicePoint, day: dt.date) -> DayFigures:
    """All figures of one day at one service point, in four queries whatever the day's size."""
    visits: dict[int, Any] = {
        v["id"]: v
        for v in Visit.objects.filter(service_point=service_point, day=day).values(
            "id", "status", "source", "issued_at", "first_called_at", "finished_at", "estimated_wait_minutes"
        )
    }
    by_visit: dict[int, list[Any]] = {}
    for c in Concern.objects.filter(visit__service_point=service_point, visit__day=day).values(
        "id",
        "visit_id",
        "service_id",
        "status",
        "appointment_id",
        "queued_at",
        "called_at",
        "arrived_at",
        "finished_at",
    ):
        by_visit.setdefault(c["visit_id"], []).append(c)
    services = {s.pk: s for s in Service.objects.filter(agency_id=service_point.agency_id).select_related("office")}

    total = Figures(_("All offices"))
    per_service: dict[int, Figures] = {}
    for visit_id, concerns in by_visit.items():
        for c, times in zip(concerns, concern_times(visits[visit_id], concerns), strict=True):
            service = services[c["service_id"]]
            total.add(visit_id, times)
            per_service.setdefault(service.pk, Figures(service.name)).add(visit_id, times)

    offices: dict[int, OfficeFigures] = {}
    for service_id, figures in per_service.items():
        office = services[service_id].office
        entry = offices.setdefault(office.pk, OfficeFigures(Figures(office.name), []))
        entry.services.append(figures)
    for service_id in per_service:
        office_figures = offices[services[service_id].office_id].figures
        _merge(office_figures, per_service[service_id])
    ordered_offices = sorted(offices.values(), key=lambda o: o.figures.label)
    for entry in ordered_offices:
        entry.services.sort(key=lambda f: f.label)

    errors = []
    in_house = []
    for v in visits.values():
        if v["estimated_wait_minutes"] is not None and v["first_called_at"] is not None:
            errors.append(minutes(v["first_called_at"] - v["issued_at"]) - v["estimated_wait_minutes"])
        if v["status"] == Visit.Status.DONE and v["finished_at"] is not None:
            in_house.append(minutes(v["finished_at"] - v["issued_at"]))
    statuses = [v["status"] for v in visits.values()]
    return DayFigures(
        service_point=service_point,
        day=day,
        total=total,
        offices=ordered_offices,
        visits=len(visits),
        visits_done=statuses.count(Visit.Status.DONE),
        visits_no_show=statuses.count(Visit.Status.NO_SHOW),
        visits_unfinished=sum(s in Visit.ACTIVE for s in statuses),
        visits_by_appointment=sum(v["source"] == Visit.Source.APPOINTMENT for v in visits.values()),
        mean_time_in_house=mean(in_house),
        estimates_compared=len(errors),
        estimate_mae=mean([abs(e) for e in errors]),
        estimate_bias=mean(errors),
    )


def _merge(into: Figures, other: Figures) -> None:
    into.concerns += other.concerns
    into.visits |= other.visits
    into.waits += other.waits
    into.ways += other.ways
    into.services += other.services
    into.done += other.done
    into.no_shows += other.no_shows
    into.walk_ins += other.walk_ins
    into.appointments += other.appointments


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


CSV_COLUMNS = (
    "day",
    "office",
    "service",
    "visits",
    "concerns",
    "done",
    "mean_wait_min",
    "p90_wait_min",
    "mean_way_min",
    "mean_service_min",
    "no_shows",
    "walk_in",
    "appointment",
)


def _csv_row(day: dt.date, office: str, service: str, f: Figures) -> list[object]:
    return [
        day.isoformat(),
        office,
        service,
        f.visit_count,
        f.concerns,
        f.done,
        _number(f.mean_wait),
        _number(f.p90_wait),
        _number(f.mean_way),
        _number(f.mean_service),
        f.no_shows,
        f.walk_ins,
        f.appointments,
    ]


def _cell(text: str) -> str:
    # Names typed by administrators must not become spreadsheet formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def as_csv(figures: DayFigures) -> str:
    """One row for the day (office and service empty), then per office one row (service
    empty) followed by one per service."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerow(_csv_row(figures.day, "", "", figures.total))
    for office in figures.offices:
        name = _cell(office.figures.label)
        writer.writerow(_csv_row(figures.day, name, "", office.figures))
        writer.writerows(_csv_row(figures.day, name, _cell(s.label), s) for s in office.services)
    return out.getvalue()
