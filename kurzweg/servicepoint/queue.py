"""Changes at the service point: issuing tickets, calling, serving, handing over, closing the
day. Each is one transaction. Routing decisions come from `routing.py`; this module loads the
live state for it and makes the decision stick with compare-and-swap updates, so that two desks
never get the same visitor and a double-click never skips one.

Every function takes the time from `clock.now()` so that `simulate-day` can replay a day
through exactly this code."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Desk, Office, User
from kurzweg.people.models import Person

from . import clock, routing
from .models import (
    Appointment,
    Call,
    Concern,
    DeskSession,
    Service,
    ServicePoint,
    TicketCounter,
    Visit,
)


class QueueError(Exception):
    """A queue action that cannot be done in the current state; the message is for the user
    (translated), except the kiosk's codes `unknown_code` and `not_today`."""


# --- Reading the live state -------------------------------------------------------------


@dataclass
class LiveState:
    visits: list[routing.QueuedVisit]
    precedence: frozenset[tuple[int, int]]
    expected_minutes: dict[int, float]


def precedence_for(agency_id: int) -> frozenset[tuple[int, int]]:
    """Which service comes before which (Service.comes_before); kept a minute per process."""
    key = f"servicepoint:precedence:{agency_id}"
    if clock.is_real() and (found := cache.get(key)) is not None:
        return found  # type: ignore[no-any-return]
    through = Service.comes_before.through
    pairs = frozenset(
        through.objects.filter(from_service__agency_id=agency_id).values_list("from_service_id", "to_service_id")
    )
    if clock.is_real():
        cache.set(key, pairs, EXPECTED_MINUTES_SECONDS)
    return pairs


EXPECTED_MINUTES_SECONDS = 60


def expected_minutes(service_point: ServicePoint) -> dict[int, float]:
    """Expected minutes per service: the mean of the last 30 concerns served today and on
    earlier days (from call to done), so that forecasts follow how long things really take;
    the catalogue's figure until there are five. Kept a minute per server process (on the real
    clock only: a simulated day must see its own past)."""
    key = f"servicepoint:expected:{service_point.pk}"
    if clock.is_real() and (found := cache.get(key)) is not None:
        return found  # type: ignore[no-any-return]
    minutes: dict[int, float] = {}
    configured = dict(Service.objects.filter(agency_id=service_point.agency_id).values_list("id", "expected_minutes"))
    recent: dict[int, list[float]] = {}
    rows = (
        Concern.objects.filter(visit__service_point=service_point, status=Concern.Status.DONE, called_at__isnull=False)
        .order_by("-finished_at")
        .values_list("service_id", "called_at", "finished_at")[:2000]
    )
    for service_id, called_at, finished_at in rows:
        durations = recent.setdefault(service_id, [])
        if finished_at is not None and called_at is not None and len(durations) < 30:
            durations.append((finished_at - called_at).total_seconds() / 60)
    for service_id, default in configured.items():
        seen = recent.get(service_id, [])
        minutes[service_id] = sum(seen) / len(seen) if len(seen) >= 5 else float(default)
    if clock.is_real():
        cache.set(key, minutes, EXPECTED_MINUTES_SECONDS)
    return minutes


def live_state(
    service_point: ServicePoint, *, now: dt.datetime | None = None, for_services: frozenset[int] | None = None
) -> LiveState:
    """The waiting and called visits with their open concerns, as the routing sees them, read
    as plain values. With `for_services` (a desk's), only the waiting visitors with a concern
    the desk serves: all that desk can call, in one query (desks ask on every call)."""
    if for_services is not None:
        return _desk_live_state(service_point, for_services)
    active = (Visit.Status.WAITING, Visit.Status.AT_DESK)
    visit_rows = Visit.objects.filter(service_point=service_point, status__in=active).values_list(
        "id", "priority_at", "current_desk_id", "issued_at", "estimated_wait_minutes", "first_called_at"
    )
    visits: dict[int, tuple[dt.datetime, int | None, dt.datetime | None]] = {
        visit_id: (priority_at, desk_id, _promise(issued_at, estimate, first_called_at))
        for visit_id, priority_at, desk_id, issued_at, estimate, first_called_at in visit_rows
    }
    concerns = Concern.objects.filter(
        visit__service_point=service_point, visit__status__in=active, status__in=Concern.OPEN
    ).values_list("id", "visit_id", "service_id", "position", "queued_at", "status", "appointment__starts_at")
    return _state(service_point, visits, concerns)


def _desk_live_state(service_point: ServicePoint, services: frozenset[int]) -> LiveState:
    # Each open concern of a waiting visit that has a waiting concern of these services, with
    # its visit's columns alongside (repeated per concern: one or three rows per visit).
    desk_may_call = Concern.objects.filter(
        visit_id=OuterRef("visit_id"), status=Concern.Status.WAITING, service_id__in=services
    )
    rows = (
        Concern.objects.filter(
            visit__service_point=service_point, visit__status=Visit.Status.WAITING, status__in=Concern.OPEN
        )
        .filter(Exists(desk_may_call))
        .values_list(
            "id",
            "visit_id",
            "service_id",
            "position",
            "queued_at",
            "status",
            "appointment__starts_at",
            "visit__priority_at",
            "visit__current_desk_id",
            "visit__issued_at",
            "visit__estimated_wait_minutes",
            "visit__first_called_at",
        )
    )
    visits: dict[int, tuple[dt.datetime, int | None, dt.datetime | None]] = {}
    concerns = []
    for row in rows:
        visit_id = row[1]
        if visit_id not in visits:
            priority_at, desk_id, issued_at, estimate, first_called_at = row[7:]
            visits[visit_id] = (priority_at, desk_id, _promise(issued_at, estimate, first_called_at))
        concerns.append(row[:7])
    return _state(service_point, visits, concerns)


def _state(
    service_point: ServicePoint,
    visits: dict[int, tuple[dt.datetime, int | None, dt.datetime | None]],
    concerns: Iterable[tuple[Any, ...]],
) -> LiveState:
    waiting: dict[int, list[routing.QueuedConcern]] = {visit_id: [] for visit_id in visits}
    in_progress: dict[int, set[int]] = {visit_id: set() for visit_id in visits}
    for concern_id, visit_id, service_id, position, queued_at, status, appointment_at in concerns:
        if visit_id not in visits:  # (general view) the visit changed between its two reads
            continue
        if status == Concern.Status.WAITING:
            waiting[visit_id].append(routing.QueuedConcern(concern_id, service_id, position, queued_at, appointment_at))
        else:
            in_progress[visit_id].add(service_id)
    queued = [
        routing.QueuedVisit(
            id=visit_id,
            priority_at=priority_at,
            waiting=waiting[visit_id],
            in_progress_services=frozenset(in_progress[visit_id]),
            busy=desk_id is not None,
            promised_at=promised_at,
        )
        for visit_id, (priority_at, desk_id, promised_at) in visits.items()
    ]
    return LiveState(queued, precedence_for(service_point.agency_id), expected_minutes(service_point))


DESK_SETUP_SECONDS = 30


def desk_setup(desk: Desk) -> tuple[ServicePoint | None, frozenset[int]]:
    """The desk's service point and the active services it serves. Every call and every desk
    page (30 desks, reloaded after each action) needs them and an administrator changes them
    rarely: kept half a minute per server process (on the real clock only, like the others)."""
    key = desk_setup_key(desk.pk)
    if clock.is_real() and (found := cache.get(key)) is not None:
        return found  # type: ignore[no-any-return]
    service_point = ServicePoint.objects.filter(rooms__desks=desk).order_by("pk").first()
    services = frozenset(desk.services.filter(active=True).values_list("id", flat=True))
    if clock.is_real():
        cache.set(key, (service_point, services), DESK_SETUP_SECONDS)
    return service_point, services


def desk_setup_key(desk_id: int) -> str:
    return f"servicepoint:desk-setup:{desk_id}"


def _promise(issued_at: dt.datetime, estimate: int | None, first_called_at: dt.datetime | None) -> dt.datetime | None:
    """When the visitor should have been called at the latest, by what their ticket said."""
    if estimate is None or first_called_at is not None:
        return None
    return issued_at + dt.timedelta(minutes=estimate) + routing.PROMISE_SLACK


def open_desks(service_point: ServicePoint, state: LiveState, *, now: dt.datetime) -> list[routing.DeskView]:
    """Desks staffed right now, with when each will be free (for forecasts)."""
    sessions = (
        DeskSession.objects.filter(desk__room__service_points=service_point, ended_at__isnull=True)
        .select_related("current")
        .prefetch_related("desk__services")
    )
    views = []
    for session in sessions:
        free_at = now
        current = session.current
        if current is not None and current.status in (Concern.Status.CALLED, Concern.Status.SERVING):
            started = current.called_at or now
            expected = dt.timedelta(minutes=state.expected_minutes.get(current.service_id, 15))
            free_at = max(now + dt.timedelta(minutes=1), started + expected)
        services = frozenset(s.id for s in session.desk.services.all() if s.active)
        views.append(routing.DeskView(session.desk_id, services, free_at))
    return views


def forecast(
    service_point: ServicePoint, *, now: dt.datetime | None = None, until_called: int | None = None
) -> tuple[LiveState, routing.Forecast]:
    """When each waiting visitor will probably be called. Today's appointments not checked in
    yet are expected to come and go first at their time. With `until_called` (a visit id) the
    forecast stops once that visitor's next call is known."""
    now = now or clock.now()
    state = live_state(service_point, now=now)
    desks = open_desks(service_point, state, now=now)
    # A visitor at a desk is free again when that desk is expected to finish.
    busy_until = {}
    for session in DeskSession.objects.filter(desk__room__service_points=service_point, ended_at__isnull=True):
        if session.current_id is not None:
            busy_until[session.desk_id] = next((d.free_at for d in desks if d.id == session.desk_id), now)
    at_desk = dict(
        Visit.objects.filter(service_point=service_point, current_desk__isnull=False).values_list(
            "id", "current_desk_id"
        )
    )
    for visit in state.visits:
        if visit.busy:
            visit.busy_until = busy_until.get(at_desk.get(visit.id, -1), now + dt.timedelta(minutes=5))
    day_end = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    booked = Appointment.objects.filter(
        service_point=service_point,
        status=Appointment.Status.BOOKED,
        starts_at__gte=now - routing.EARLY_CALL,
        starts_at__lte=day_end,
    ).values_list("service_id", "starts_at")
    policy: routing.Policy = service_point.routing  # type: ignore[assignment]
    predicted = routing.forecast(
        desks,
        state.visits,
        state.precedence,
        policy,
        now,
        state.expected_minutes,
        booked=list(booked),
        until_called=until_called,
    )
    return state, predicted


FORECAST_SECONDS = 3


_forecast_lock = threading.Lock()


def cached_forecast(service_point: ServicePoint) -> tuple[LiveState, routing.Forecast]:
    """The forecast for pages that many phones poll (the live ticket): computed at most every
    few seconds per server process, by one thread at a time — the others wait for its result
    instead of computing the same. Queue changes do not clear it: whether a visitor is called
    is read from the visit itself; only position and minutes may be a few seconds old."""
    key = forecast_key(service_point.pk)
    found = cache.get(key)
    if found is None:
        with _forecast_lock:
            found = cache.get(key)
            if found is None:
                found = forecast(service_point)
                cache.set(key, found, FORECAST_SECONDS)
    return found  # type: ignore[no-any-return]


def forecast_key(service_point_id: int) -> str:
    return f"servicepoint:forecast:{service_point_id}"


def positions_key(service_point_id: int) -> str:
    # What the live tickets read from the forecast (`status.positions`).
    return f"servicepoint:positions:{service_point_id}"


# --- Tickets --------------------------------------------------------------------------------


def next_ticket_number(service_point: ServicePoint, day: dt.date) -> int:
    """Inside the caller's transaction: the counter row stays locked until it commits, so a
    parallel check-in waits and gets the next number; a rolled-back one gives its number back
    to the counter (nothing was printed)."""
    TicketCounter.objects.bulk_create(
        [TicketCounter(service_point=service_point, day=day, last_number=0)], ignore_conflicts=True
    )
    counter = TicketCounter.objects.select_for_update().get(service_point=service_point, day=day)
    TicketCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return counter.last_number + 1


def _audit_visit(
    actor: User | None, visit: Visit, action: str, fields: Sequence[str], office: Office | None = None
) -> None:
    # Only visits of registered persons are personal data worth a trail; an anonymous walk-in
    # is a first name at most.
    if visit.person_id is not None:
        audit.record(
            actor,
            action,
            person_id=visit.person_id,
            acting_office=office,
            obj=visit,
            fields=fields,
            agency_id=visit.agency_id,
        )


def issue_ticket(
    service_point: ServicePoint,
    services: Sequence[Service],
    *,
    actor: User | None,
    person: Person | None = None,
    first_name: str = "",
    language: str = "de",
    source: str = Visit.Source.RECEPTION,
    appointments: Sequence[Appointment] = (),
    token: str | None = None,
) -> Visit:
    """One ticket for the whole visit, with a concern per service (in the order given)."""
    if not services and not appointments:
        raise QueueError(_("A ticket needs at least one concern."))
    with transaction.atomic():
        visit = _new_visit(service_point, services, actor, person, first_name, language, source, appointments, token)
    return _with_estimate(visit)


def _with_estimate(visit: Visit) -> Visit:
    """The waiting time shown on the ticket, worked out after the ticket's transaction: while
    it holds the day's ticket counter, parallel check-ins wait, and a forecast takes a while."""
    visit.estimated_wait_minutes = estimated_wait(visit)
    Visit.objects.filter(pk=visit.pk).update(estimated_wait_minutes=visit.estimated_wait_minutes)
    return visit


def _new_visit(
    service_point: ServicePoint,
    services: Sequence[Service],
    actor: User | None,
    person: Person | None,
    first_name: str,
    language: str,
    source: str,
    appointments: Sequence[Appointment],
    token: str | None,
) -> Visit:
    now = clock.now()
    day = clock.today()
    visit = Visit.objects.create(
        agency_id=service_point.agency_id,
        service_point=service_point,
        day=day,
        number=next_ticket_number(service_point, day),
        prefix=service_point.ticket_prefix,
        person=person,
        first_name=first_name,
        language=language,
        source=source,
        priority_at=now,
        issued_at=now,
        issued_by=actor,
        **({"token": token} if token else {}),
    )
    position = 0
    for appointment in appointments:
        Concern.objects.create(
            visit=visit, service=appointment.service, position=position, queued_at=now, appointment=appointment
        )
        position += 1
        Appointment.objects.filter(pk=appointment.pk).update(status=Appointment.Status.CHECKED_IN, visit=visit)
    for service in services:
        Concern.objects.create(visit=visit, service=service, position=position, queued_at=now)
        position += 1
    _audit_visit(actor, visit, AuditEntry.Action.CREATE, ["concerns", "service_point"])
    return visit


def issue_ticket_once(service_point: ServicePoint, token: str, services: Sequence[Service], **kwargs: Any) -> Visit:
    """`issue_ticket` for a form that may arrive twice (a double tap, a resent request): the
    form's one-time token becomes the visit's token, which is unique. A second submission finds
    the visit; two at once, the second waits for the ticket counter, fails on the token, gives
    its number back (rollback) and returns the first one's visit."""
    existing = Visit.objects.filter(token=token).first()
    if existing is not None:
        return existing
    try:
        return issue_ticket(service_point, services, token=token, **kwargs)
    except IntegrityError:
        return Visit.objects.get(token=token)


def estimated_wait(visit: Visit, *, now: dt.datetime | None = None) -> int | None:
    """Minutes until the visitor's next call, as the forecast sees it now; None when no open
    desk serves any of their concerns."""
    now = now or clock.now()
    state, predicted = forecast(visit.service_point, now=now, until_called=visit.pk)
    queued = next((v for v in state.visits if v.id == visit.pk), None)
    if queued is None:
        return None
    at = predicted.next_call(queued)
    if at is None:
        return None
    policy: routing.Policy = visit.service_point.routing  # type: ignore[assignment]
    return routing.shown_minutes((at - now).total_seconds() / 60, policy)


def check_in(service_point: ServicePoint, code: str, *, language: str | None = None) -> Visit:
    """An appointment holder checks in at the kiosk with their booking code."""
    code = code.strip().upper().replace(" ", "").replace("-", "")
    with transaction.atomic():
        visit = _check_in(service_point, code, language)
    return visit if visit.estimated_wait_minutes is not None else _with_estimate(visit)


def _check_in(service_point: ServicePoint, code: str, language: str | None) -> Visit:
    appointment = (
        Appointment.objects.select_for_update()
        .filter(service_point=service_point, code=code)
        .select_related("service")
        .first()
    )
    if appointment is None or appointment.status == Appointment.Status.CANCELLED:
        raise QueueError("unknown_code")
    if appointment.status == Appointment.Status.CHECKED_IN and appointment.visit is not None:
        return appointment.visit  # checked in twice: the same ticket again
    if timezone.localdate(appointment.starts_at) != clock.today():
        raise QueueError("not_today")
    return _new_visit(
        service_point,
        [],
        None,
        appointment.person,
        appointment.name.split(" ")[0] if not appointment.person_id else "",
        language or appointment.language,
        Visit.Source.APPOINTMENT,
        [appointment],
        None,
    )


@transaction.atomic
def add_concern(actor: User, visit: Visit, service: Service) -> Concern:
    """Reception adds a concern to a waiting visit (no new ticket)."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if not visit.is_active:
        raise QueueError(_("This visit has ended."))
    concern = Concern.objects.create(
        visit=visit,
        service=service,
        position=visit.concerns.count(),
        queued_at=clock.now(),
    )
    _audit_visit(actor, visit, AuditEntry.Action.UPDATE, ["concerns"])
    return concern


# --- Desks ---------------------------------------------------------------------------------


@transaction.atomic
def open_desk(user: User, desk: Desk) -> DeskSession:
    """Signs the staff member in at a desk, ending their session at another desk and whoever
    was signed in at this one (the desk is physically theirs now)."""
    now = clock.now()
    for session in DeskSession.objects.select_for_update().filter(ended_at__isnull=True, user=user):
        _end_session(session, now)
    for session in DeskSession.objects.select_for_update().filter(ended_at__isnull=True, desk=desk):
        _end_session(session, now)
    _forget_forecasts(desk)
    return DeskSession.objects.create(agency_id=desk.agency_id, desk=desk, user=user, started_at=now)


def _forget_forecasts(desk: Desk) -> None:
    # Opening or closing a desk changes everyone's waiting time.
    for pk in ServicePoint.objects.filter(rooms__desks=desk).values_list("pk", flat=True):
        cache.delete_many([forecast_key(pk), positions_key(pk)])


def _end_session(session: DeskSession, now: dt.datetime) -> None:
    if session.current_id is not None:
        # A visitor still called to this desk goes back to the queue with their place.
        concern = Concern.objects.select_for_update().get(pk=session.current_id)
        if concern.status in (Concern.Status.CALLED, Concern.Status.SERVING):
            _back_to_queue(concern)
    session.ended_at = now
    session.current = None
    session.save(update_fields=["ended_at", "current"])


@transaction.atomic
def close_desk(session: DeskSession) -> None:
    session = DeskSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is None:
        _end_session(session, clock.now())
        _forget_forecasts(session.desk)


def _locked_session(session: DeskSession) -> DeskSession:
    # Only the session row is locked (`of`): the office row is shared by all its desks.
    locked = DeskSession.objects.select_for_update(of=("self",)).select_related("desk__office").get(pk=session.pk)
    if locked.ended_at is not None:
        raise QueueError(_("You are no longer signed in at this desk."))
    return locked


def _current(session: DeskSession) -> Concern:
    if session.current_id is None:
        raise QueueError(_("No visitor is called at this desk."))
    concern = Concern.objects.select_for_update().select_related("visit", "service").get(pk=session.current_id)
    if concern.status not in (Concern.Status.CALLED, Concern.Status.SERVING):
        raise QueueError(_("No visitor is called at this desk."))
    return concern


@transaction.atomic
def call_next(session: DeskSession) -> Concern | None:
    """Calls the visitor the routing chooses for this desk. Pressed twice, it returns the
    visitor already called instead of calling (and so skipping) another."""
    session = _locked_session(session)
    if session.current_id is not None:
        current = Concern.objects.filter(pk=session.current_id, status__in=Concern.OPEN).first()
        if current is not None:
            return current
    desk = session.desk
    service_point, services = desk_setup(desk)
    if service_point is None:
        raise QueueError(_("This desk belongs to no service point."))
    now = clock.now()
    state = live_state(service_point, now=now, for_services=services)
    desk_view = routing.DeskView(desk.id, services, now)
    policy: routing.Policy = service_point.routing  # type: ignore[assignment]
    ranked = routing.candidates(desk_view, state.visits, state.precedence, policy, now, state.expected_minutes)
    for choice in ranked:
        # Compare-and-swap on the visit: only one desk can move it from waiting to its desk.
        # On PostgreSQL a visit another desk is claiming right now is skipped, not waited for.
        visit = (
            Visit.objects.filter(pk=choice.visit_id, status=Visit.Status.WAITING, current_desk__isnull=True)
            .select_for_update(skip_locked=True)
            .only("id", "agency_id", "person_id")
            .first()
        )
        if visit is None:
            continue
        if not Visit.objects.filter(pk=choice.visit_id, status=Visit.Status.WAITING, current_desk__isnull=True).update(
            status=Visit.Status.AT_DESK, current_desk=desk
        ):
            continue
        # The queue was read before the claim: meanwhile another desk may have served the
        # chosen concern, or reception added one that must come first. The visit is ours (and
        # locked) now, so decide again on it as it is.
        if not _still_callable(choice, state.precedence, policy):
            Visit.objects.filter(pk=choice.visit_id).update(status=Visit.Status.WAITING, current_desk=None)
            continue
        Concern.objects.filter(pk=choice.concern_id).update(
            status=Concern.Status.CALLED, desk=desk, served_by_id=session.user_id, called_at=now, calls=F("calls") + 1
        )
        Visit.objects.filter(pk=choice.visit_id, first_called_at__isnull=True).update(first_called_at=now)
        session.current_id = choice.concern_id
        session.save(update_fields=["current"])
        if visit.person_id is not None:  # (reading session.user costs a query)
            _audit_visit(session.user, visit, AuditEntry.Action.UPDATE, ["called"], desk.office)
        called = Concern.objects.select_related("visit", "service").get(pk=choice.concern_id)
        _announce(service_point.pk, visit_id=visit.pk, desk=desk, at=now)
        return called
    return None


def _announce(service_point_id: int, **fields: Any) -> Call:
    """Writes a call for the displays; the last write before the transaction commits.

    A display asks for the calls after the last id it showed, so the ids must become visible
    in the order they are given out. Two desks' transactions could commit the other way round
    (the later id first), and a display that asked in between never showed the earlier call
    (the load benchmark saw 1 of 8,820 call-display pairs missing). So a call first locks its
    service point's row: the next desk's call waits for this transaction to commit, a
    millisecond or two. NO KEY UPDATE: new visits and calls referring to the row are not held
    up. (SQLite writes one transaction at a time anyway.)"""
    list(ServicePoint.objects.select_for_update(no_key=True).filter(pk=service_point_id).values_list("pk"))
    return Call.objects.create(service_point_id=service_point_id, **fields)


def _still_callable(choice: routing.Choice, precedence: frozenset[tuple[int, int]], policy: routing.Policy) -> bool:
    rows = Concern.objects.filter(visit_id=choice.visit_id, status__in=Concern.OPEN).values_list(
        "id", "service_id", "position", "queued_at", "status", "appointment__starts_at"
    )
    waiting, in_progress = [], set()
    for concern_id, service_id, position, queued_at, status, appointment_at in rows:
        if status == Concern.Status.WAITING:
            waiting.append(routing.QueuedConcern(concern_id, service_id, position, queued_at, appointment_at))
        else:
            in_progress.add(service_id)
    visit = routing.QueuedVisit(choice.visit_id, dt.datetime.min, waiting, frozenset(in_progress))
    return any(c.id == choice.concern_id for c in routing.callable_concerns(visit, precedence, policy))


@transaction.atomic
def call_again(session: DeskSession) -> Concern:
    session = _locked_session(session)
    concern = _current(session)
    if concern.status != Concern.Status.CALLED:
        raise QueueError(_("The visitor is already at the desk."))
    now = clock.now()
    Concern.objects.filter(pk=concern.pk).update(calls=F("calls") + 1)
    _announce(concern.visit.service_point_id, visit=concern.visit, desk=session.desk, at=now, kind=Call.Kind.RECALL)
    return concern


@transaction.atomic
def visitor_arrived(session: DeskSession) -> Concern:
    """The called visitor is at the desk: service starts (way time ends)."""
    session = _locked_session(session)
    concern = _current(session)
    if concern.status == Concern.Status.CALLED:
        concern.status = Concern.Status.SERVING
        concern.arrived_at = clock.now()
        concern.save(update_fields=["status", "arrived_at"])
    return concern


def _finish_visit_if_done(visit: Visit, now: dt.datetime) -> None:
    """The visitor is free again: back to the waiting area, or done when nothing is open."""
    still_open = visit.concerns.filter(status__in=Concern.OPEN).exists()
    if still_open:
        visit.status = Visit.Status.WAITING
        if visit.service_point.routing == ServicePoint.Routing.FIXED_ORDER:
            # The old world: the next concern joins the back of its queue.
            visit.concerns.filter(status=Concern.Status.WAITING).update(queued_at=now)
    else:
        visit.status = Visit.Status.DONE
        visit.finished_at = now
    visit.current_desk = None
    visit.save(update_fields=["status", "finished_at", "current_desk"])


@transaction.atomic
def finish(session: DeskSession) -> Concern:
    """The concern is done; the visitor goes on to their next concern or leaves."""
    session = _locked_session(session)
    concern = _current(session)
    now = clock.now()
    concern.status = Concern.Status.DONE
    concern.arrived_at = concern.arrived_at or now
    concern.finished_at = now
    concern.save(update_fields=["status", "arrived_at", "finished_at"])
    visit = Visit.objects.select_for_update().select_related("service_point").get(pk=concern.visit_id)
    _finish_visit_if_done(visit, now)
    session.current = None
    session.save(update_fields=["current"])
    _audit_visit(session.user, visit, AuditEntry.Action.UPDATE, ["done"], session.desk.office)
    return concern


@transaction.atomic
def no_show(session: DeskSession) -> Concern:
    """The called visitor did not come. They have probably left: their open concerns end too,
    so that other desks do not call them in vain. Reception can bring the visit back."""
    session = _locked_session(session)
    concern = _current(session)
    now = clock.now()
    visit = Visit.objects.select_for_update().get(pk=concern.visit_id)
    visit.concerns.filter(status__in=Concern.OPEN).update(status=Concern.Status.NO_SHOW, finished_at=now)
    visit.status = Visit.Status.NO_SHOW
    visit.current_desk = None
    visit.finished_at = now
    visit.save(update_fields=["status", "current_desk", "finished_at"])
    session.current = None
    session.save(update_fields=["current"])
    _audit_visit(session.user, visit, AuditEntry.Action.UPDATE, ["no_show"], session.desk.office)
    return concern


def _back_to_queue(concern: Concern) -> None:
    Concern.objects.filter(pk=concern.pk).update(
        status=Concern.Status.WAITING, desk=None, served_by=None, called_at=None, arrived_at=None
    )
    Visit.objects.filter(pk=concern.visit_id).update(current_desk=None, status=Visit.Status.WAITING)


@transaction.atomic
def park(session: DeskSession) -> Concern:
    """The visitor stepped out (e.g. to fetch a document): their concern goes back to the
    queue with their place kept, but nobody calls them until they are back."""
    session = _locked_session(session)
    concern = _current(session)
    _back_to_queue(concern)
    Visit.objects.filter(pk=concern.visit_id).update(status=Visit.Status.PARKED)
    session.current = None
    session.save(update_fields=["current"])
    _audit_visit(session.user, concern.visit, AuditEntry.Action.UPDATE, ["parked"], session.desk.office)
    return concern


@transaction.atomic
def resume(actor: User | None, visit: Visit) -> Visit:
    """A parked visitor is back, or reception brings back a no-show or an overnight visit.
    They keep their place (the time their ticket was issued)."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status not in (Visit.Status.PARKED, Visit.Status.NO_SHOW, Visit.Status.OVERNIGHT):
        raise QueueError(_("This visit is not parked."))
    if visit.status in (Visit.Status.NO_SHOW, Visit.Status.OVERNIGHT):
        visit.concerns.filter(status__in=(Concern.Status.NO_SHOW, Concern.Status.WAITING)).update(
            status=Concern.Status.WAITING, finished_at=None
        )
    visit.status = Visit.Status.WAITING
    visit.finished_at = None
    visit.save(update_fields=["status", "finished_at"])
    _audit_visit(actor, visit, AuditEntry.Action.UPDATE, ["resumed"])
    return visit


@transaction.atomic
def hand_over(session: DeskSession, service: Service, note: str) -> Concern:
    """While serving, the caseworker adds a concern at another office and hands the visitor
    over: no new ticket, the visitor keeps their place, and the next office sees why."""
    session = _locked_session(session)
    concern = _current(session)
    if service.agency_id != session.agency_id or not service.active:
        raise QueueError(_("Unknown service."))
    now = clock.now()
    visit = Visit.objects.select_for_update().select_related("service_point").get(pk=concern.visit_id)
    new = Concern.objects.create(
        visit=visit,
        service=service,
        position=visit.concerns.count(),
        queued_at=now,
        handed_over_from=session.desk.office,
        handed_over_by=session.user,
        handover_note=note,
    )
    concern.status = Concern.Status.DONE
    concern.arrived_at = concern.arrived_at or now
    concern.finished_at = now
    concern.save(update_fields=["status", "arrived_at", "finished_at"])
    _finish_visit_if_done(visit, now)
    session.current = None
    session.save(update_fields=["current"])
    _audit_visit(session.user, visit, AuditEntry.Action.UPDATE, ["done", "handed_over"], session.desk.office)
    return new


# --- Day end --------------------------------------------------------------------------------


@transaction.atomic
def close_day(actor: User, service_point: ServicePoint, *, overnight: Sequence[int] = ()) -> dict[str, int]:
    """Ends the day on purpose: visits listed in `overnight` are parked overnight (reception
    brings them back tomorrow, with their concerns); every other unfinished visit is closed.
    Desks still signed in are signed out."""
    now = clock.now()
    closed = parked = 0
    visits = Visit.objects.select_for_update().filter(service_point=service_point, status__in=Visit.ACTIVE)
    for session in DeskSession.objects.select_for_update().filter(
        desk__room__service_points=service_point, ended_at__isnull=True
    ):
        _end_session(session, now)
    for visit in visits:
        if visit.pk in overnight:
            visit.status = Visit.Status.OVERNIGHT
            visit.current_desk = None
            parked += 1
        else:
            visit.concerns.filter(status__in=Concern.OPEN).update(status=Concern.Status.CANCELLED, finished_at=now)
            visit.status = Visit.Status.CLOSED
            visit.current_desk = None
            visit.finished_at = now
            closed += 1
        visit.save(update_fields=["status", "current_desk", "finished_at"])
        _audit_visit(actor, visit, AuditEntry.Action.UPDATE, ["day_end"])
    return {"closed": closed, "overnight": parked}
