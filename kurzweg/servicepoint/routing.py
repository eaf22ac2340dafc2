"""Who is called next, and when each waiting visitor will probably be called.

Pure Python, no Django: the live queue (`queue.py`) and the what-if simulation
(`simulate.py`, `kurzweg simulate-day`) both load their state into these structures and ask
the same two functions, so the simulation measures the code the house really runs.

Policies
- ``routed`` (Kurzweg): a visitor with several concerns waits in the queues of all of them at
  once, and the desk that is free first calls them; once called anywhere, they keep their
  place (the time their ticket was issued) for the remaining concerns, so a hand-over or a
  second concern does not send them to the back. Concerns an office wants done first
  (`Service.comes_before`) are respected. Among visitors who have waited about as long, a desk
  prefers the shorter concern (bounded by `SHORT_JOB_BIAS`), which lowers everyone's mean wait
  without letting anyone wait much longer than in turn.
- ``fixed-order`` (the old world): concerns in the order reception typed them; each office's
  queue first come, first served, joined afresh for every concern.

Appointment holders are called at their time: a concern with an appointment that is due goes
before walk-ins.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

Policy = Literal["routed", "fixed-order"]
POLICIES: tuple[Policy, ...] = ("routed", "fixed-order")

# How many minutes of waiting one minute less of expected service time is worth when a desk
# chooses between visitors (routed only). 0 = strictly in turn.
SHORT_JOB_BIAS = 0.0
# An appointment holder who arrives early may be called this much before their time when a
# desk has nobody else; from their time on they go first.
EARLY_CALL = dt.timedelta(minutes=15)
# Walking from the waiting area to the desk, used in forecasts.
WAY_TIME = dt.timedelta(minutes=1)


@dataclass
class QueuedConcern:
    id: int
    service_id: int
    position: int
    queued_at: dt.datetime
    appointment_at: dt.datetime | None = None


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
        return (1, concern.appointment_at, concern.position, concern.id)
    if policy == "fixed-order":
        return (1, concern.queued_at, concern.position, concern.id)
    turn = visit.priority_at
    if SHORT_JOB_BIAS:
        turn += dt.timedelta(minutes=SHORT_JOB_BIAS * expected_minutes.get(concern.service_id, 15))
    return (1, turn, concern.position, concern.id)


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
) -> Forecast:
    """Plays the queues forward with the expected service times and the same choice as the
    desks make, and returns when each waiting concern will probably be called."""
    # Work on copies: the caller's state stays as it is.
    state = [
        QueuedVisit(
            id=v.id,
            priority_at=v.priority_at,
            waiting=[replace(c) for c in v.waiting],
            in_progress_services=v.in_progress_services,
            busy=v.busy,
            # A visitor at a desk is free again when that desk is expected to finish; one who
            # stepped out (busy, no end) is left out of the forecast.
            busy_until=v.busy_until if v.busy else None,
        )
        for v in visits
        if not (v.busy and v.busy_until is None)
    ]
    by_id = {v.id: v for v in state}
    result = Forecast()
    end = now + horizon
    heap = [(max(d.free_at, now), i) for i, d in enumerate(desks)]
    heapq.heapify(heap)
    remaining = sum(len(v.waiting) for v in state)
    while heap and remaining:
        t, i = heapq.heappop(heap)
        if t > end:
            break
        desk = desks[i]
        for v in state:  # visitors whose current service has ended are free again
            if v.busy and v.busy_until is not None and v.busy_until <= t:
                if policy == "fixed-order":  # the next concern joins its queue at the back
                    for c in v.waiting:
                        c.queued_at = max(c.queued_at, v.busy_until)
                v.busy, v.busy_until, v.in_progress_services = False, None, frozenset()
        choice = choose_next(desk, state, precedence, policy, t, expected_minutes)
        if choice is None:
            # Nobody for this desk now: try again when the next visitor becomes free or an
            # appointment comes within reach.
            wake = [v.busy_until for v in state if v.busy and v.busy_until and v.busy_until > t]
            wake += [
                c.appointment_at - EARLY_CALL
                for v in state
                for c in v.waiting
                if c.appointment_at is not None and c.appointment_at - EARLY_CALL > t
            ]
            if wake:
                heapq.heappush(heap, (min(wake), i))
            continue
        visit = by_id[choice.visit_id]
        concern = next(c for c in visit.waiting if c.id == choice.concern_id)
        visit.waiting.remove(concern)
        remaining -= 1
        result.concern_calls[concern.id] = t
        duration = dt.timedelta(minutes=expected_minutes.get(concern.service_id, 15)) + WAY_TIME
        visit.busy, visit.busy_until = True, t + duration
        visit.in_progress_services = frozenset({concern.service_id})
        heapq.heappush(heap, (t + duration, i))
    return result


def precedence_pairs(pairs: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    return frozenset(pairs)
