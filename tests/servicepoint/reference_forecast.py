"""The forecast as it was before `routing._Ranking`: at every simulated call it asks
`routing.choose_next` about every visitor waiting for the desk's services. Slow, but plainly
the same rule as the desks; the tests check that the fast forecast predicts exactly the same."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import replace

from kurzweg.servicepoint import routing
from kurzweg.servicepoint.routing import (
    DEFAULT_MINUTES,
    EARLY_CALL,
    DeskView,
    Forecast,
    Policy,
    QueuedConcern,
    QueuedVisit,
    choose_next,
)


def naive_forecast(
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
            waiting=[replace(c) for c in v.waiting],
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
    last_arrival = max((routing.turn_at(v, expected_minutes) for v in state), default=now)
    real = len(state)
    future_ids = itertools.count(1)  # visitors still to come get negative ids
    for service_id, starts_at in booked:
        if starts_at >= now - EARLY_CALL:  # later than that: probably not coming any more
            arrives = max(now, starts_at)
            concern = QueuedConcern(-next(future_ids), service_id, 0, arrives, appointment_at=starts_at)
            state.append(QueuedVisit(-next(future_ids), arrives, [concern], busy=True, busy_until=arrives))
    by_id = {v.id: v for v in state}
    # Who waits for what, so that a desk looks only at visitors it could serve.
    waiting_for: dict[int, set[int]] = {}
    # How many concerns of people in the house still wait, per service: a desk none of whose
    # services is among them no longer matters for the forecast.
    real_waiting: dict[int, int] = {}
    for index, v in enumerate(state):
        for c in v.waiting:
            waiting_for.setdefault(c.service_id, set()).add(v.id)
            if index < real:
                real_waiting[c.service_id] = real_waiting.get(c.service_id, 0) + 1
    # Visitors at desks, by the time they are free again.
    busy = [(v.busy_until, v.id) for v in state if v.busy and v.busy_until is not None]
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
    if policy == "routed" and routing.SHORT_JOB_BIAS:
        recent = routing._recent_arrivals(visits, now, desks, expected_minutes)
    batches = itertools.count(1)
    next_batch = now if recent else end
    while heap and remaining:
        t, i = heapq.heappop(heap)
        if t > end:
            break
        while next_batch <= min(t, last_arrival):  # visitors who will come: the recent ones, once more
            shift = next(batches) * routing.ARRIVAL_WINDOW
            if routing.ARRIVAL_HORIZON is not None and shift > routing.ARRIVAL_HORIZON:
                next_batch = end
                break
            for visit in recent:
                arrives = visit.priority_at + shift
                future = QueuedVisit(
                    id=-next(future_ids),
                    priority_at=arrives,
                    waiting=[replace(c, id=-next(future_ids), queued_at=arrives) for c in visit.waiting],
                    busy=True,  # not in the house yet
                    busy_until=arrives,
                )
                state.append(future)
                by_id[future.id] = future
                for c in future.waiting:
                    waiting_for.setdefault(c.service_id, set()).add(future.id)
                heapq.heappush(busy, (arrives, future.id))
            next_batch = now + (shift if routing.ARRIVAL_WINDOW else horizon)
        while busy and busy[0][0] <= t:  # visitors whose current service has ended are free again
            until, visit_id = heapq.heappop(busy)
            v = by_id[visit_id]
            if policy == "fixed-order":  # the next concern joins its queue at the back
                for c in v.waiting:
                    c.queued_at = max(c.queued_at, until)
            v.busy, v.busy_until, v.in_progress_services = False, None, frozenset()
        desk = desks[i]
        if not any(real_waiting.get(service_id) for service_id in desk.service_ids):
            continue
        ids: set[int] = set()
        for service_id in desk.service_ids:
            ids |= waiting_for.get(service_id, set())
        choice = choose_next(desk, [by_id[x] for x in ids], precedence, policy, t, expected_minutes)
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
        if not any(c.service_id == concern.service_id for c in visit.waiting):
            waiting_for[concern.service_id].discard(visit.id)
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
