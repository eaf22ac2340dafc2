"""What-if simulation: a day of arrivals replayed through the live queue code.

`kurzweg simulate-day` reads a day's arrivals and desks from CSV files (formats below), sets up
a simulated house in a database of its own and replays the day on a simulated clock through
`queue.py` — `issue_ticket`, `open_desk`, `call_next`, `visitor_arrived`, `finish`,
`close_desk`, `close_day` — so that the figures describe the routing the house really runs.
This module reads and checks the files (`read_day`), replays (`replay`) and measures (`Result`);
it runs on whatever database is configured, so the command gives it a temporary one.

ARRIVALS.csv, one visit a row:
    visit_id      any text, unique
    arrival       HH:MM:SS or HH:MM, when the ticket is issued
    concerns      service codes separated by ";", in the order the visitor named them
    durations     actual service minutes per concern (at the desk, without the way there),
                  ";"-separated, in the same order
    appointment   HH:MM or empty: the first concern is booked for this time
    language      optional: a newcomer language code (de when empty)

DESKS.csv, one desk a row:
    desk_id       any text, unique (shown as the desk's name)
    services      service codes the desk serves, ";"-separated, all of one office
    open, close   HH:MM; a desk serving someone at closing time finishes first

Service codes are those of the standard catalogue (`setup.STANDARD_SERVICES`, with its
"comes before" rules), plus those of an optional SERVICES.csv with the columns
code, office (an office code of the standard offices) and expected_minutes; a row for a
standard code changes its office or expected minutes.

Events: a visitor gets their ticket at their arrival time (the waiting-time estimate shown then
is kept); a free desk calls the visitor the routing chooses; the visitor needs `WAY` to walk to
the desk, then is served for the row's minutes; the desk finishes and calls the next. Desks are
signed in and out at their hours. At the end of the day (the last desk's closing time, or
later when a desk finished later) the day is closed, and visits still open are counted as
unfinished: every visit is either finished or unfinished.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import itertools
import math
import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from kurzweg.core.models import Agency, Desk, Membership, Office, Role, Room, User
from kurzweg.core.setup import STANDARD_OFFICES, create_agency
from kurzweg.languages import CHOICES as LANGUAGE_CHOICES

from . import clock, queue, routing
from .models import Appointment, Concern, DeskSession, Service, Visit
from .setup import STANDARD_SERVICES, create_service_point, create_standard_services

ARRIVAL_COLUMNS = ["visit_id", "arrival", "concerns", "durations", "appointment"]
OPTIONAL_ARRIVAL_COLUMNS = ["language"]
DESK_COLUMNS = ["desk_id", "services", "open", "close"]
SERVICE_COLUMNS = ["code", "office", "expected_minutes"]
SEPARATOR = ";"
# From the call until the visitor is at the desk.
WAY = routing.WAY_TIME
# The simulated day: a Tuesday; only the times of day matter.
DAY = dt.date(2026, 3, 10)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
LANGUAGES = {code for code, _name in LANGUAGE_CHOICES}


class InputError(ValueError):
    """A bad input file; the message names the file, line and column."""


# --- Reading the files --------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    office: str
    expected_minutes: int


@dataclass(frozen=True)
class ArrivalRow:
    line: int
    visit_id: str
    arrival: dt.time
    concerns: tuple[str, ...]
    durations: tuple[float, ...]
    appointment: dt.time | None
    language: str


@dataclass(frozen=True)
class DeskRow:
    line: int
    desk_id: str
    office: str
    services: tuple[str, ...]
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class Day:
    services: dict[str, ServiceSpec]
    arrivals: list[ArrivalRow]
    desks: list[DeskRow]


def parse_time(text: str, *, seconds: bool = True) -> dt.time:
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time of the form {'HH:MM:SS' if seconds else 'HH:MM'}")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[3] is not None and not seconds:
        raise ValueError(f"{text!r} is not a time of the form HH:MM")
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return dt.time(hour, minute, second)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(SEPARATOR) if part.strip())


def _rows(path: Path, required: Sequence[str], optional: Sequence[str] = ()) -> Iterable[tuple[int, dict[str, str]]]:
    name = path.name
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(f"{name} line 1: missing column(s) {', '.join(missing)} (expected {','.join(required)})")
        unknown = [c for c in header if c not in required and c not in optional]
        if unknown:
            raise InputError(f"{name} line 1: unknown column(s) {', '.join(unknown)}")
        reader.fieldnames = header
        try:
            for row in reader:
                values = {k: (v or "").strip() for k, v in row.items() if k is not None}
                if None in row:
                    raise InputError(f"{name} line {reader.line_num}: more values than columns")
                if not any(values.values()):
                    continue
                yield reader.line_num, values
        except (csv.Error, UnicodeDecodeError) as error:
            raise InputError(f"{name} line {reader.line_num}: {error}") from None


def read_services(path: Path | None) -> dict[str, ServiceSpec]:
    """The standard catalogue, changed and extended by SERVICES.csv."""
    services = {t.code: ServiceSpec(t.code, t.office, t.minutes) for t in STANDARD_SERVICES}
    if path is None:
        return services
    offices = {code for code, *_rest in STANDARD_OFFICES}
    for line, row in _rows(path, SERVICE_COLUMNS):
        where = f"{path.name} line {line}"
        code = row["code"]
        if not re.fullmatch(r"[-a-z0-9_]{1,30}", code):
            raise InputError(f"{where}, column code: {code!r} is not a code (letters a-z, digits, -, _)")
        if row["office"] not in offices:
            raise InputError(f"{where}, column office: unknown office {row['office']!r}")
        try:
            minutes = int(row["expected_minutes"])
            if not 1 <= minutes <= 600:
                raise ValueError
        except ValueError:
            raise InputError(
                f"{where}, column expected_minutes: {row['expected_minutes']!r} is not a whole number of minutes"
            ) from None
        services[code] = ServiceSpec(code, row["office"], minutes)
    return services


def read_desks(path: Path, services: dict[str, ServiceSpec]) -> list[DeskRow]:
    desks: list[DeskRow] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, DESK_COLUMNS):
        where = f"{path.name} line {line}"
        desk_id = row["desk_id"]
        if not desk_id:
            raise InputError(f"{where}, column desk_id: empty")
        if len(desk_id) > 50:
            raise InputError(f"{where}, column desk_id: longer than 50 characters")
        if desk_id in seen:
            raise InputError(f"{where}, column desk_id: {desk_id!r} already on line {seen[desk_id]}")
        seen[desk_id] = line
        codes = _codes(row["services"])
        if not codes:
            raise InputError(f"{where}, column services: no service code")
        for code in codes:
            if code not in services:
                raise InputError(f"{where}, column services: unknown service code {code!r}")
        offices = sorted({services[c].office for c in codes})
        if len(offices) > 1:
            raise InputError(f"{where}, column services: services of several offices ({', '.join(offices)})")
        times = {}
        for column in ("open", "close"):
            try:
                times[column] = parse_time(row[column], seconds=False)
            except ValueError as error:
                raise InputError(f"{where}, column {column}: {error}") from None
        if times["close"] <= times["open"]:
            raise InputError(f"{where}, column close: {row['close']} is not after {row['open']}")
        desks.append(DeskRow(line, desk_id, offices[0], codes, times["open"], times["close"]))
    if not desks:
        raise InputError(f"{path.name}: no desks")
    return desks


def read_arrivals(path: Path, services: dict[str, ServiceSpec]) -> list[ArrivalRow]:
    arrivals: list[ArrivalRow] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, ARRIVAL_COLUMNS, OPTIONAL_ARRIVAL_COLUMNS):
        where = f"{path.name} line {line}"
        visit_id = row["visit_id"]
        if not visit_id:
            raise InputError(f"{where}, column visit_id: empty")
        if visit_id in seen:
            raise InputError(f"{where}, column visit_id: {visit_id!r} already on line {seen[visit_id]}")
        seen[visit_id] = line
        try:
            arrival = parse_time(row["arrival"])
        except ValueError as error:
            raise InputError(f"{where}, column arrival: {error}") from None
        concerns = _codes(row["concerns"])
        if not concerns:
            raise InputError(f"{where}, column concerns: no service code")
        for code in concerns:
            if code not in services:
                raise InputError(f"{where}, column concerns: unknown service code {code!r}")
        parts = _codes(row["durations"])
        if len(parts) != len(concerns):
            raise InputError(f"{where}, column durations: {len(parts)} duration(s) for {len(concerns)} concern(s)")
        durations = []
        for part in parts:
            try:
                minutes = float(part)
                if not (math.isfinite(minutes) and 0 < minutes <= 600):
                    raise ValueError
            except ValueError:
                raise InputError(f"{where}, column durations: {part!r} is not a number of minutes") from None
            durations.append(minutes)
        appointment = None
        if row["appointment"]:
            try:
                appointment = parse_time(row["appointment"], seconds=False)
            except ValueError as error:
                raise InputError(f"{where}, column appointment: {error}") from None
        language = row.get("language") or "de"
        if language not in LANGUAGES:
            raise InputError(f"{where}, column language: unknown language {language!r}")
        arrivals.append(ArrivalRow(line, visit_id, arrival, concerns, tuple(durations), appointment, language))
    if not arrivals:
        raise InputError(f"{path.name}: no arrivals")
    return arrivals


def read_day(arrivals: Path, desks: Path, services: Path | None = None) -> Day:
    catalogue = read_services(services)
    return Day(catalogue, read_arrivals(arrivals, catalogue), read_desks(desks, catalogue))


# --- Replaying ----------------------------------------------------------------------------


@dataclass
class Result:
    policy: str
    visits: int
    finished: int
    unfinished: int
    concerns: int
    wait_mean: float
    wait_p90: float
    time_in_house_mean: float
    estimates: int
    estimate_mae: float | None
    estimate_bias: float | None
    utilisation_mean: float
    utilisation_offices: dict[str, float]
    utilisation_desks: dict[str, float]
    runtime_seconds: float = 0.0
    waits_by_concerns: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "visits": self.visits,
            "finished": self.finished,
            "unfinished": self.unfinished,
            "concerns": self.concerns,
            "wait_minutes": {"mean": self.wait_mean, "p90": self.wait_p90, "by_concerns": self.waits_by_concerns},
            "time_in_house_minutes": {"mean": self.time_in_house_mean},
            "estimates": {
                "visits": self.estimates,
                "mae_minutes": self.estimate_mae,
                "bias_minutes": self.estimate_bias,
            },
            "utilisation": {
                "mean": self.utilisation_mean,
                "offices": self.utilisation_offices,
                "desks": self.utilisation_desks,
            },
            "runtime_seconds": self.runtime_seconds,
        }

    def as_text(self) -> str:
        mae = "no estimates" if self.estimate_mae is None else f"{self.estimate_mae:.1f} min"
        lines = [
            f"policy {self.policy}: {self.visits} visits, {self.concerns} concerns; {self.finished} finished, "
            f"{self.unfinished} still open at closing",
            f"wait (minutes): mean {self.wait_mean:.1f}, p90 {self.wait_p90:.1f}"
            + "".join(f"; {k} concern(s) {v:.1f}" for k, v in self.waits_by_concerns.items()),
            f"time in the house (minutes): mean {self.time_in_house_mean:.1f}",
            f"waiting-time estimate at ticket issue: mean absolute error {mae} ({self.estimates} visits"
            + (f", mean error {self.estimate_bias:+.1f} min)" if self.estimate_bias is not None else ")"),
            f"desk utilisation: mean {self.utilisation_mean:.0%}; "
            + ", ".join(f"{office} {value:.0%}" for office, value in self.utilisation_offices.items()),
            f"runtime {self.runtime_seconds:.1f} s",
        ]
        return "\n".join(lines)


def at(time_of_day: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(DAY, time_of_day))


def minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Replay:
    """One day through the queue code. Events at the same time run in the order: desks open,
    visitors arrive at desks, desks finish, tickets are issued, desks close."""

    OPEN, ARRIVED, FINISH, TICKET, WAKE, CLOSE = range(6)

    def __init__(self, day: Day, policy: routing.Policy) -> None:
        self.day = day
        self.policy = policy
        self.now = at(dt.time(0, 0))
        self.events: list[tuple[dt.datetime, int, int, Any]] = []
        self.sequence = itertools.count()
        # desk id → open session; the desk's current concern, and when it became free.
        self.sessions: dict[int, DeskSession] = {}
        self.serving: dict[int, int] = {}
        self.idle_since: dict[int, dt.datetime] = {}
        self.closing: set[int] = set()
        self.duration: dict[int, float] = {}  # concern id → actual minutes
        self.desk_services: dict[int, frozenset[int]] = {}

    def schedule(self, when: dt.datetime, kind: int, payload: Any) -> None:
        heapq.heappush(self.events, (when, kind, next(self.sequence), payload))

    @transaction.atomic
    def set_up(self) -> None:
        slug = f"simulation-{Agency.objects.count() + 1}"
        self.agency = create_agency(slug, "Simulation")
        offices = {o.code: o for o in Office.objects.filter(agency=self.agency)}
        caseworker = Role.objects.get(agency=self.agency, code="caseworker")
        rooms: dict[str, Room] = {}
        self.desks: dict[int, tuple[Desk, User, DeskRow]] = {}
        for index, row in enumerate(self.day.desks, start=1):
            office = offices[row.office]
            if row.office not in rooms:
                rooms[row.office] = Room.objects.create(agency=self.agency, office=office, floor=0, number=row.office)
            desk = Desk.objects.create(agency=self.agency, room=rooms[row.office], office=office, name=row.desk_id)
            user = User.objects.create_user(username=f"{slug}-desk-{index}", agency=self.agency)
            Membership.objects.create(user=user, office=office, role=caseworker)
            self.desks[desk.pk] = (desk, user, row)
        self.reception = User.objects.create_user(username=f"{slug}-reception", agency=self.agency)
        Membership.objects.create(
            user=self.reception, office=offices["empfang"], role=Role.objects.get(agency=self.agency, code="reception")
        )
        create_standard_services(self.agency)
        services = {s.code: s for s in Service.objects.filter(agency=self.agency)}
        for spec in self.day.services.values():
            found = services.get(spec.code)
            if found is None:
                services[spec.code] = Service.objects.create(
                    agency=self.agency,
                    office=offices[spec.office],
                    code=spec.code,
                    name=spec.code,
                    expected_minutes=spec.expected_minutes,
                )
            elif (found.office.code, found.expected_minutes) != (spec.office, spec.expected_minutes):
                found.office, found.expected_minutes = offices[spec.office], spec.expected_minutes
                found.save(update_fields=["office", "expected_minutes"])
        self.services = services
        for desk, _user, row in self.desks.values():
            desk.services.set([services[c] for c in row.services])
            self.desk_services[desk.pk] = frozenset(services[c].pk for c in row.services)
        self.precedence = queue.precedence_for(self.agency.pk)
        self.service_point = create_service_point(self.agency, "Simulation")
        self.service_point.routing = self.policy
        self.service_point.save(update_fields=["routing"])
        for desk, _user, row in self.desks.values():
            self.schedule(at(row.opens), self.OPEN, desk.pk)
            self.schedule(at(row.closes), self.CLOSE, desk.pk)
        # Appointments are booked before the day starts and checked in on arrival.
        self.appointments: dict[str, Appointment] = {}
        for arrival in self.day.arrivals:
            self.schedule(at(arrival.arrival), self.TICKET, arrival)
            if arrival.appointment is not None:
                starts = at(arrival.appointment)
                booked = services[arrival.concerns[0]]
                self.appointments[arrival.visit_id] = Appointment.objects.create(
                    agency=self.agency,
                    service_point=self.service_point,
                    service=booked,
                    starts_at=starts,
                    minutes=booked.expected_minutes,
                    name=arrival.visit_id,
                    language=arrival.language,
                )
                for wake in (starts - routing.EARLY_CALL, starts):
                    if wake > at(arrival.arrival):
                        self.schedule(wake, self.WAKE, None)

    def run(self) -> Result:
        started = time.perf_counter()
        self.set_up()
        clock.set_clock(lambda: self.now)
        try:
            last = self.now
            while self.events:
                when, kind, _sequence, payload = heapq.heappop(self.events)
                self.now = last = when
                self.handle(kind, payload)
                if not self.events or self.events[0][0] > when:
                    self.dispatch()
            day_end = max([at(row.closes) for row in self.day.desks] + [last])
            self.now = day_end
            queue.close_day(self.reception, self.service_point)
        finally:
            clock.set_clock(None)
        result = self.measure()
        result.runtime_seconds = round(time.perf_counter() - started, 2)
        return result

    def handle(self, kind: int, payload: Any) -> None:
        if kind == self.OPEN:
            desk, user, _row = self.desks[payload]
            self.sessions[desk.pk] = queue.open_desk(user, desk)
            self.idle_since[desk.pk] = self.now
        elif kind == self.CLOSE:
            if payload in self.serving:
                self.closing.add(payload)  # finishes the visitor first
            elif payload in self.sessions:
                self.close(payload)
        elif kind == self.TICKET:
            self.issue(payload)
        elif kind == self.ARRIVED:
            queue.visitor_arrived(self.sessions[payload])
            concern_id = self.serving[payload]
            self.schedule(self.now + dt.timedelta(minutes=self.duration[concern_id]), self.FINISH, payload)
        elif kind == self.FINISH:
            queue.finish(self.sessions[payload])
            del self.serving[payload]
            if payload in self.closing:
                self.close(payload)
            else:
                self.idle_since[payload] = self.now

    def close(self, desk_id: int) -> None:
        queue.close_desk(self.sessions.pop(desk_id))
        self.idle_since.pop(desk_id, None)
        self.closing.discard(desk_id)

    def issue(self, row: ArrivalRow) -> None:
        services = [self.services[code] for code in row.concerns]
        appointments = []
        if row.appointment is not None:
            appointments.append(self.appointments[row.visit_id])
            services = services[1:]
        visit = queue.issue_ticket(
            self.service_point,
            services,
            actor=self.reception,
            first_name=row.visit_id[:100],
            language=row.language,
            source=Visit.Source.APPOINTMENT if appointments else Visit.Source.RECEPTION,
            appointments=appointments,
        )
        # issue_ticket numbers the concerns in the order given (the appointment first).
        concern_ids = Concern.objects.filter(visit=visit).order_by("position").values_list("id", flat=True)
        self.duration.update(zip(concern_ids, row.durations, strict=True))

    def dispatch(self) -> None:
        """Free desks call, the one free longest first. The routing is asked beforehand
        whether a desk has anyone at all, so that idle desks do not call in vain at every
        event; the call itself is `queue.call_next`, which asks the routing again."""
        if not self.idle_since:
            return
        visits = self.waiting_visits()
        for desk_id in sorted(self.idle_since, key=lambda d: (self.idle_since[d], d)):
            view = routing.DeskView(desk_id, self.desk_services[desk_id], self.now)
            if not routing.candidates(view, visits, self.precedence, self.policy, self.now):
                continue
            concern = queue.call_next(self.sessions[desk_id])
            if concern is None:
                continue
            del self.idle_since[desk_id]
            self.serving[desk_id] = concern.pk
            visits = [v for v in visits if v.id != concern.visit_id]  # at a desk now
            self.schedule(self.now + WAY, self.ARRIVED, desk_id)

    def waiting_visits(self) -> list[routing.QueuedVisit]:
        """Visitors in the waiting area with what they wait for: one query, enough to tell
        whether a desk has anyone (the live state with its expected minutes costs more)."""
        rows = Concern.objects.filter(
            visit__service_point=self.service_point,
            visit__status=Visit.Status.WAITING,
            visit__current_desk__isnull=True,
            status=Concern.Status.WAITING,
        ).values_list(
            "visit_id", "visit__priority_at", "id", "service_id", "position", "queued_at", "appointment__starts_at"
        )
        visits: dict[int, routing.QueuedVisit] = {}
        for visit_id, priority_at, concern_id, service_id, position, queued_at, appointment_at in rows:
            visit = visits.setdefault(visit_id, routing.QueuedVisit(visit_id, priority_at, []))
            visit.waiting.append(routing.QueuedConcern(concern_id, service_id, position, queued_at, appointment_at))
        return list(visits.values())

    def measure(self) -> Result:
        visits = list(Visit.objects.filter(service_point=self.service_point))
        concerns = list(Concern.objects.filter(visit__service_point=self.service_point).select_related("service"))
        sessions = list(DeskSession.objects.filter(desk__agency=self.agency))
        served: dict[int, float] = {}
        busy: dict[int, float] = {}
        counts: dict[int, int] = {}
        for c in concerns:
            counts[c.visit_id] = counts.get(c.visit_id, 0) + 1
            if c.status == Concern.Status.DONE and c.called_at and c.finished_at and c.desk_id is not None:
                served[c.visit_id] = served.get(c.visit_id, 0) + minutes(c.finished_at - (c.arrived_at or c.called_at))
                busy[c.desk_id] = busy.get(c.desk_id, 0) + minutes(c.finished_at - c.called_at)
        waits, in_house, errors = [], [], []
        by_count: dict[int, list[float]] = {}
        for v in visits:
            assert v.finished_at is not None, "every visit ends with the day"
            stay = minutes(v.finished_at - v.issued_at)
            wait = stay - served.get(v.pk, 0)
            waits.append(wait)
            in_house.append(stay)
            by_count.setdefault(counts.get(v.pk, 0), []).append(wait)
            if v.estimated_wait_minutes is not None and v.first_called_at is not None:
                errors.append(v.estimated_wait_minutes - minutes(v.first_called_at - v.issued_at))
        open_time: dict[int, float] = {}
        for s in sessions:
            if s.ended_at is not None:
                open_time[s.desk_id] = open_time.get(s.desk_id, 0) + minutes(s.ended_at - s.started_at)
        names = {desk.pk: (desk.name, row.office) for desk, _user, row in self.desks.values()}
        per_desk = {names[d][0]: busy.get(d, 0) / t for d, t in open_time.items() if t > 0}
        office_busy: dict[str, list[float]] = {}
        for d, t in open_time.items():
            pair = office_busy.setdefault(names[d][1], [0.0, 0.0])
            pair[0] += busy.get(d, 0)
            pair[1] += t
        finished = sum(1 for v in visits if v.status == Visit.Status.DONE)
        return Result(
            policy=self.policy,
            visits=len(visits),
            finished=finished,
            unfinished=len(visits) - finished,
            concerns=len(concerns),
            wait_mean=round(statistics.fmean(waits), 2) if waits else 0.0,
            wait_p90=round(percentile(waits, 0.9), 2),
            time_in_house_mean=round(statistics.fmean(in_house), 2) if in_house else 0.0,
            estimates=len(errors),
            estimate_mae=round(statistics.fmean(abs(e) for e in errors), 2) if errors else None,
            estimate_bias=round(statistics.fmean(errors), 2) if errors else None,
            utilisation_mean=round(statistics.fmean(per_desk.values()), 3) if per_desk else 0.0,
            utilisation_offices={o: round(b / t, 3) for o, (b, t) in sorted(office_busy.items()) if t > 0},
            utilisation_desks={d: round(u, 3) for d, u in per_desk.items()},
            waits_by_concerns={str(k): round(statistics.fmean(v), 2) for k, v in sorted(by_count.items())},
        )


def replay(day: Day, policy: routing.Policy) -> Result:
    """Replays the day on the configured database (give it a temporary one)."""
    if policy not in routing.POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    return Replay(day, policy).run()
