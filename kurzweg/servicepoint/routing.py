"""Who is called next, and when each waiting visitor will probably be called.

Pure Python, no Django: the live queue (`queue.py`) and the what-if simulation
(`simulate.py`, `kurzweg simulate-day`) both load their state into these structures and ask
the same two functions, so the simulation measures the code the house really runs.

Policies
- ``routed`` (Kurzweg): a visitor with several concerns waits in the queues of all of them at
  once, and the desk that is free first calls them; once called anywhere, they keep their
  place (the time their ticket was issued) for the remaining concerns, so a hand-over or a
  second concern does not send them to the back. Concerns an office wants done first
  (`Service.comes_before`) are respected. A desk prefers the visitor who needs the desks least
  for the rest of their visit: each expected minute still to be served counts as
  `SHORT_JOB_BIAS` minutes of arriving later. Whoever only hands in a document is out in
  minutes instead of waiting behind three long consultations, which lowers the mean wait a
  lot. A visitor with long concerns can be passed only by visitors with shorter ones who
  came at most `SHORT_JOB_BIAS` times the difference in remaining minutes later — and never
  once the waiting time their ticket showed has passed by `PROMISE_SLACK`: then they go
  before everyone not yet due. The estimate on the ticket is a promise the house keeps, which
  bounds how long anyone waits beyond what they were told and makes the estimates better.
- ``fixed-order`` (the old world): concerns in the order reception typed them; each office's
  queue first come, first served, joined afresh for every concern.

Appointment holders are called at their time: a concern with an appointment that is due goes
before walk-ins.

Forecasts (`forecast`) play the queues forward with the expected minutes and the same choice
as the desks (`_sort_key`, kept ranked by `_Ranking` instead of sorted afresh at every
simulated call, so that a full house costs milliseconds). Because the routed policy lets a
later visitor with a short concern go first, the forecast also lets the visitors of the last
`ARRIVAL_WINDOW` come once more in every following window for `ARRIVAL_HORIZON` (with the
concerns they had on arrival, as far as still known), so that an estimate for a long concern
allows for the short ones that will still come. A new ticket shows the forecast, long ones
shortened (`shown_minutes`), and the house keeps what it shows (`PROMISE_SLACK`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Policy = Literal["routed", "fixed-order"]
POLICIES: tuple[Policy, ...] = ("routed", "fixed-order")

# How many minutes of waiting one expected minute less at the desks (for the rest of the
# visit) is worth when a desk chooses between visitors (routed only). 0 = strictly in turn.
# Tuned on the sample day of bench/servicepoint (README there).
SHORT_JOB_BIAS = 14.0
# An appointment holder who arrives early may be called this much before their time when a
# desk has nobody else; from their time on they go first.
EARLY_CALL = dt.timedelta(minutes=15)
# A visitor whose first call is this much later than the waiting time their ticket showed
# goes before everyone not yet due (routed): the estimate is a promise the house keeps.
PROMISE_SLACK = dt.timedelta(minutes=3)
# A new ticket shows a forecast beyond this many minutes shortened: only this share of the
# minutes beyond (see `shown_minutes`). Tuned with the others on the sample day.
LONG_WAIT_MINUTES = 30.0
LONG_WAIT_SHARE = 0.5
# Walking from the waiting area to the desk (the simulation's way time).
WAY_TIME = dt.timedelta(minutes=1)
# Expected minutes of a service nobody has told us about.
DEFAULT_MINUTES = 15.0
# Forecasts assume that the visitors of the last ARRIVAL_WINDOW keep coming at that rate
# (see `forecast`); 0 turns this off.
ARRIVAL_WINDOW = dt.timedelta(minutes=10)
# ... but only for this long. With the bias, someone with an hour of concerns can be passed by
# short visits that come many hours later; a forecast that let the last ten minutes' rush go on
# until then would tell them far too long a wait (a rush ends), or reach them not at all.
# None: until nobody in the house can be passed any more.
ARRIVAL_HORIZON: dt.timedelta | None = dt.timedelta(hours=4)


@dataclass
class QueuedConcern:
    id: int
    service_id: int
    position: int
    queued_at: dt.datetime
    appointment_at: dt.datetime | None = None

    def copy(self, *, id: int | None = None, queued_at: dt.datetime | None = None) -> QueuedConcern:
        # dataclasses.replace costs several times more, and forecasts copy thousands.
        return QueuedConcern(
            self.id if id is None else id,
            self.service_id,
            self.position,
            self.queued_at if queued_at is None else queued_at,
            self.appointment_at,
        )


@dataclass
class QueuedVisit:
    id: int
    priority_at: dt.datetime
    # Open concerns that still wait to be called, in no particular order.
    waiting: list[QueuedConcern]
    # Services of concerns that are called or being served right now (they still block
    # concerns that must come after them).
    in_progress_services: frozenset[int] = frozenset()
    # At a desk (or stepped out): not callable by another desk until this time (forecast) or
    # at all (live: `busy_until` = None means "busy, end unknown").
    busy: bool = False
    busy_until: dt.datetime | None = None
    # When the visitor was told (on their ticket) they would be called, plus PROMISE_SLACK;
    # None once they have been called.
    promised_at: dt.datetime | None = None


@dataclass
class DeskView:
    id: int
    service_ids: frozenset[int]
    # When the desk can call next: now when free, else the expected end of its current visit.
    free_at: dt.datetime


@dataclass(frozen=True)
class Choice:
    visit_id: int
    concern_id: int


@dataclass
class Forecast:
    """Expected call time of every waiting concern that some desk will reach."""

    concern_calls: dict[int, dt.datetime] = field(default_factory=dict)

    def next_call(self, visit: QueuedVisit) -> dt.datetime | None:
        times = [self.concern_calls[c.id] for c in visit.waiting if c.id in self.concern_calls]
        return min(times) if times else None


def callable_concerns(
    visit: QueuedVisit, precedence: frozenset[tuple[int, int]], policy: Policy
) -> list[QueuedConcern]:
    """The visit's concerns a desk may call now, if the visitor is free."""
    if not visit.waiting:
        return []
    if policy == "fixed-order":
        if visit.in_progress_services:
            return []
        return [min(visit.waiting, key=lambda c: (c.position, c.id))]
    open_services = {c.service_id for c in visit.waiting} | visit.in_progress_services
    return [
        c
        for c in visit.waiting
        if not any((before, c.service_id) in precedence for before in open_services if before != c.service_id)
    ]


def remaining_minutes(visit: QueuedVisit, expected_minutes: Mapping[int, float]) -> float:
    """Expected minutes at desks the visitor still needs (every concern not yet called)."""
    return sum(expected_minutes.get(c.service_id, DEFAULT_MINUTES) for c in visit.waiting)


def _sort_key(
    visit: QueuedVisit,
    concern: QueuedConcern,
    policy: Policy,
    now: dt.datetime,
    expected_minutes: Mapping[int, float],
) -> tuple[int, dt.datetime, int, int]:
    if concern.appointment_at is not None and concern.appointment_at <= now:
        return (0, concern.appointment_at, concern.position, concern.id)
    if concern.appointment_at is not None:
        # Early appointment holder: after everyone who came before their appointment time.
        return (2, concern.appointment_at, concern.position, concern.id)
    if policy == "fixed-order":
        return (2, concern.queued_at, concern.position, concern.id)
    if visit.promised_at is not None and visit.promised_at <= now:
        # Past the time their ticket said: called before anyone not yet due, in that order.
        return (1, visit.promised_at, concern.position, concern.id)
    return (2, turn_at(visit, expected_minutes), concern.position, concern.id)


def turn_at(visit: QueuedVisit, expected_minutes: Mapping[int, float]) -> dt.datetime:
    """Where the visitor stands among those not yet due (routed): their ticket time, moved back
    by SHORT_JOB_BIAS per expected minute still needed."""
    later = SHORT_JOB_BIAS * remaining_minutes(visit, expected_minutes)
    return visit.priority_at + dt.timedelta(minutes=later)


def candidates(
    desk: DeskView,
    visits: Iterable[QueuedVisit],
    precedence: frozenset[tuple[int, int]],
    policy: Policy,
    now: dt.datetime,
    expected_minutes: Mapping[int, float] | None = None,
) -> list[Choice]:
    """Everyone this desk could call now, best first. The live queue tries them in this order
    until it wins one (another desk may have taken the first a moment earlier)."""
    expected_minutes = expected_minutes or {}
    keyed = []
    for visit in visits:
        if visit.busy and (visit.busy_until is None or visit.busy_until > now):
            continue
        for concern in callable_concerns(visit, precedence, policy):
            if concern.service_id not in desk.service_ids:
                continue
            if concern.appointment_at is not None and concern.appointment_at - EARLY_CALL > now:
                continue
            keyed.append((_sort_key(visit, concern, policy, now, expected_minutes), visit.id, concern.id))
    keyed.sort()
    seen: set[int] = set()
    result = []
    for _key, visit_id, concern_id in keyed:
        if visit_id not in seen:  # one entry per visitor: the concern this desk would serve
            seen.add(visit_id)
            result.append(Choice(visit_id, concern_id))
    return result


def choose_next(
    desk: DeskView,
    visits: Iterable[QueuedVisit],
    precedence: frozenset[tuple[int, int]],
    policy: Policy,
    now: dt.datetime,
    expected_minutes: Mapping[int, float] | None = None,
) -> Choice | None:
    found = candidates(desk, visits, precedence, policy, now, expected_minutes)
    return found[0] if found else None


def forecast(
    desks: list[DeskView],
    visits: list[QueuedVisit],
    precedence: frozenset[tuple[int, int]],
    policy: Policy,
    now: dt.datetime,
    expected_minutes: Mapping[int, float],
    horizon: dt.timedelta = dt.timedelta(hours=10),
    booked: Iterable[tuple[int, dt.datetime]] = (),
    until_called: int | None = None,
) -> Forecast:
    """Plays the queues forward with the expected service times and the same choice as the
    desks make, and returns when each waiting concern will probably be called. `booked` are
    the day's appointments not checked in yet, as (service id, start): they are expected to
    come and go first at their time. With `until_called` (a visit id) the forecast stops as
    soon as that visitor's next call is known (an estimate at ticket issue needs no more)."""
    # Work on copies: the caller's state stays as it is.
    state = [
        QueuedVisit(
            id=v.id,
            priority_at=v.priority_at,
            waiting=[c.copy() for c in v.waiting],
            in_progress_services=v.in_progress_services,
            busy=v.busy,
            # A visitor at a desk is free again when that desk is expected to finish; one who
            # stepped out (busy, no end) is left out of the forecast.
            busy_until=v.busy_until if v.busy else None,
            promised_at=v.promised_at,
        )
        for v in visits
        if not (v.busy and v.busy_until is None)
    ]
    # Nobody who comes after `last_arrival` can go before anyone in the house now.
    last_arrival = max((turn_at(v, expected_minutes) for v in state), default=now)
    real = len(state)
    future_ids = itertools.count(1)  # visitors still to come get negative ids
    for service_id, starts_at in booked:
        if starts_at >= now - EARLY_CALL:  # later than that: probably not coming any more
            arrives = max(now, starts_at)
            concern = QueuedConcern(-next(future_ids), service_id, 0, arrives, appointment_at=starts_at)
            state.append(QueuedVisit(-next(future_ids), arrives, [concern], busy=True, busy_until=arrives))
    by_id = {v.id: v for v in state}
    # How many concerns of people in the house still wait, per service: a desk none of whose
    # services is among them no longer matters for the forecast.
    real_waiting: dict[int, int] = {}
    for v in state[:real]:
        for c in v.waiting:
            real_waiting[c.service_id] = real_waiting.get(c.service_id, 0) + 1
    ranking = _Ranking(precedence, policy, expected_minutes)
    # Visitors at desks (or not here yet), by the time they are free again.
    busy = []
    for v in state:
        if v.busy and v.busy_until is not None:
            busy.append((v.busy_until, v.id))
        else:
            ranking.enter(v, now)
    heapq.heapify(busy)
    appointments = sorted(
        c.appointment_at - EARLY_CALL for v in state for c in v.waiting if c.appointment_at is not None
    )
    result = Forecast()
    end = now + horizon
    heap = [(max(d.free_at, now), i) for i, d in enumerate(desks)]
    heapq.heapify(heap)
    remaining = sum(len(v.waiting) for v in state[:real])
    # Only a routing that lets later visitors go first needs to know who will come.
    recent = []
    if policy == "routed" and SHORT_JOB_BIAS:
        recent = _recent_arrivals(visits, now, desks, expected_minutes)
    batches = itertools.count(1)
    next_batch = now if recent else end
    while heap and remaining:
        t, i = heapq.heappop(heap)
        if t > end:
            break
        while next_batch <= min(t, last_arrival):  # visitors who will come: the recent ones, once more
            shift = next(batches) * ARRIVAL_WINDOW
            if ARRIVAL_HORIZON is not None and shift > ARRIVAL_HORIZON:
                next_batch = end
                break
            for visit in recent:
                arrives = visit.priority_at + shift
                future = QueuedVisit(
                    id=-next(future_ids),
                    priority_at=arrives,
                    waiting=[c.copy(id=-next(future_ids), queued_at=arrives) for c in visit.waiting],
                    busy=True,  # not in the house yet
                    busy_until=arrives,
                )
                state.append(future)
                by_id[future.id] = future
                heapq.heappush(busy, (arrives, future.id))
            next_batch = now + (shift if ARRIVAL_WINDOW else horizon)
        while busy and busy[0][0] <= t:  # visitors whose current service has ended are free again
            until, visit_id = heapq.heappop(busy)
            v = by_id[visit_id]
            if policy == "fixed-order":  # the next concern joins its queue at the back
                for c in v.waiting:
                    c.queued_at = max(c.queued_at, until)
            v.busy, v.busy_until, v.in_progress_services = False, None, frozenset()
            ranking.enter(v, until)
        ranking.advance(t, by_id)
        desk = desks[i]
        if not any(real_waiting.get(service_id) for service_id in desk.service_ids):
            continue
        choice = ranking.best(desk)
        if choice is None:
            # Nobody for this desk now: try again when the next visitor becomes free or an
            # appointment comes within reach.
            wake = [busy[0][0]] if busy else []
            later = bisect.bisect_right(appointments, t)
            if later < len(appointments):
                wake.append(appointments[later])
            if wake:
                heapq.heappush(heap, (min(wake), i))
            continue
        visit = by_id[choice.visit_id]
        concern = next(c for c in visit.waiting if c.id == choice.concern_id)
        visit.waiting.remove(concern)
        ranking.leave(visit)
        if concern.id > 0:
            remaining -= 1
            real_waiting[concern.service_id] -= 1
            result.concern_calls[concern.id] = t
            if visit.id == until_called:
                break
        # Expected minutes are measured from the call to done (`queue.expected_minutes`), so
        # they include the way to the desk.
        duration = dt.timedelta(minutes=expected_minutes.get(concern.service_id, DEFAULT_MINUTES))
        visit.busy, visit.busy_until = True, t + duration
        visit.in_progress_services = frozenset({concern.service_id})
        heapq.heappush(busy, (visit.busy_until, visit.id))
        heapq.heappush(heap, (t + duration, i))
    return result


class _Ranking:
    """The order `candidates` would give, kept up to date instead of worked out afresh at every
    simulated call: the forecast of a full house makes hundreds of calls among hundreds of
    visitors. Each free visitor's callable concerns sit in a heap per service with the key
    `_sort_key` gives them; a visitor's keys change only when they are called or free again
    (`leave`, `enter`) or when a time passes that `_sort_key` compares with (their appointment
    comes within reach or is due, their promise is due): those times are events (`advance`).
    Entries of an older `enter` are recognised by the visitor's version and skipped."""

    def __init__(
        self, precedence: frozenset[tuple[int, int]], policy: Policy, expected_minutes: Mapping[int, float]
    ) -> None:
        self.precedence = precedence
        self.policy = policy
        self.expected_minutes = expected_minutes
        self.heaps: dict[int, list[tuple[tuple[int, dt.datetime, int, int], int, int, int]]] = {}
        self.version: dict[int, int] = {}
        self.events: list[tuple[dt.datetime, int, int]] = []

    def enter(self, visit: QueuedVisit, now: dt.datetime) -> None:
        """The visitor is free (again) at `now`: rank their callable concerns as of then."""
        version = self.version.get(visit.id, 0) + 1
        self.version[visit.id] = version
        changes = set()
        for concern in callable_concerns(visit, self.precedence, self.policy):
            if concern.appointment_at is not None:
                if concern.appointment_at - EARLY_CALL > now:
                    changes.add(concern.appointment_at - EARLY_CALL)
                    continue  # not callable before then
                if concern.appointment_at > now:
                    changes.add(concern.appointment_at)
            elif self.policy == "routed" and visit.promised_at is not None and visit.promised_at > now:
                changes.add(visit.promised_at)
            key = _sort_key(visit, concern, self.policy, now, self.expected_minutes)
            heapq.heappush(self.heaps.setdefault(concern.service_id, []), (key, visit.id, concern.id, version))
        for when in changes:
            heapq.heappush(self.events, (when, visit.id, version))

    def leave(self, visit: QueuedVisit) -> None:
        """The visitor is called: none of their entries counts any more."""
        self.version[visit.id] = self.version.get(visit.id, 0) + 1

    def advance(self, now: dt.datetime, by_id: Mapping[int, QueuedVisit]) -> None:
        """Ranks anew the visitors for whom a time up to `now` changes their keys."""
        while self.events and self.events[0][0] <= now:
            when, visit_id, version = heapq.heappop(self.events)
            if self.version.get(visit_id) == version:
                self.enter(by_id[visit_id], when)

    def best(self, desk: DeskView) -> Choice | None:
        """What `choose_next` would return for this desk now."""
        found = None
        for service_id in desk.service_ids:
            heap = self.heaps.get(service_id)
            while heap and self.version.get(heap[0][1]) != heap[0][3]:
                heapq.heappop(heap)
            if heap and (found is None or heap[0][:3] < found):
                found = heap[0][:3]
        return None if found is None else Choice(found[1], found[2])


def _recent_arrivals(
    visits: Iterable[QueuedVisit], now: dt.datetime, desks: list[DeskView], expected_minutes: Mapping[int, float]
) -> list[QueuedVisit]:
    """The visits whose tickets were issued in the last ARRIVAL_WINDOW, with the concerns they
    still have (those called already included), as a pattern of who will come next. The most
    recent first, and no more than the desks can serve in such a window (each concern is put
    on the least busy desk that serves it): a rush (the doors have just opened) is not
    expected to go on for ever."""
    if not ARRIVAL_WINDOW:
        return []
    since = now - ARRIVAL_WINDOW
    window = ARRIVAL_WINDOW.total_seconds() / 60
    load = [0.0] * len(desks)
    pattern: list[QueuedVisit] = []
    for v in sorted(visits, key=lambda v: (v.priority_at, v.id), reverse=True):
        if v.priority_at <= since or v.priority_at > now:
            continue
        concerns = [c.copy() for c in v.waiting if c.appointment_at is None]
        concerns += [QueuedConcern(0, service_id, -1, v.priority_at) for service_id in v.in_progress_services]
        kept = []
        for c in concerns:
            serving = [i for i, desk in enumerate(desks) if c.service_id in desk.service_ids]
            if not serving:
                continue
            least = min(serving, key=lambda i: load[i])
            if load[least] < window:
                load[least] += expected_minutes.get(c.service_id, DEFAULT_MINUTES)
                kept.append(c)
        if kept:
            pattern.append(QueuedVisit(id=0, priority_at=v.priority_at, waiting=kept))
    return pattern


def shown_minutes(predicted: float, policy: Policy) -> int:
    """The waiting time a new ticket shows, from the forecast's minutes until the first call.
    Routed, a forecast beyond LONG_WAIT is shown as LONG_WAIT plus LONG_WAIT_SHARE of the
    rest: so far ahead it depends mostly on who still comes, and it comes out too long more
    often than too short (a rush does not last). The ticket's time is a promise the house
    keeps (PROMISE_SLACK), so a visitor told less is called by then. In the fixed order
    nothing keeps a promise, and the forecast is shown as it is."""
    if policy == "routed" and predicted > LONG_WAIT_MINUTES:
        predicted = LONG_WAIT_MINUTES + LONG_WAIT_SHARE * (predicted - LONG_WAIT_MINUTES)
    return max(0, round(predicted))


def precedence_pairs(pairs: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    return frozenset(pairs)
