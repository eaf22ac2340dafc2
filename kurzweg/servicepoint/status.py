"""What the public pages show: the live ticket on a visitor's phone and the call displays in
the waiting area. Both are polled by many devices at once, so they read the forecast through
`queue.cached_forecast` (computed at most every few seconds) and the calls through one indexed
query. Neither returns anything about the person: ticket numbers, rooms and desks only."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from . import clock, queue, routing
from .models import Call, Concern, ServicePoint, Visit


class State:
    WAITING = "waiting"
    CALLED = "called"  # go to the desk now
    SERVING = "serving"  # at the desk
    PARKED = "parked"  # stepped out
    DONE = "done"
    NO_SHOW = "no_show"
    EXPIRED = "expired"  # the day is over

    FINAL = (DONE, NO_SHOW, EXPIRED)


@dataclass(frozen=True)
class TicketStatus:
    ticket: str
    state: str
    # Waiting: how many visitors will probably be called before this one, and in about how
    # many minutes (None: no open desk serves any of the visitor's concerns right now).
    position: int | None = None
    minutes: int | None = None
    # Called or at a desk: where to go.
    room: str = ""
    floor: int | None = None
    desk: str = ""
    updated_at: dt.datetime | None = None

    @property
    def is_final(self) -> bool:
        return self.state in State.FINAL


def rounded_minutes(minutes: float) -> int:
    """A waiting time as people say it: 0 (any moment now), then steps of 5 minutes up to an
    hour and of 15 minutes beyond. Finer figures would promise a precision the forecast has not."""
    if minutes < 2.5:
        return 0
    if minutes <= 60:
        return max(5, 5 * round(minutes / 5))
    return 15 * round(minutes / 15)


def ticket_status(visit: Visit, *, now: dt.datetime | None = None) -> TicketStatus:
    now = now or clock.now()
    base: dict[str, Any] = {"ticket": visit.ticket, "updated_at": now}
    if visit.status == Visit.Status.AT_DESK and visit.current_desk is not None:
        desk = visit.current_desk
        serving = Concern.objects.filter(visit=visit, desk=desk, status=Concern.Status.SERVING).exists()
        return TicketStatus(
            state=State.SERVING if serving else State.CALLED,
            room=desk.room.number,
            floor=desk.room.floor,
            desk=desk.name,
            **base,
        )
    if visit.status in (Visit.Status.WAITING, Visit.Status.AT_DESK):
        position, minutes = _forecast_for(visit, now)
        return TicketStatus(state=State.WAITING, position=position, minutes=minutes, **base)
    if visit.day < clock.today() or visit.status in (Visit.Status.CLOSED, Visit.Status.OVERNIGHT):
        return TicketStatus(state=State.EXPIRED, **base)
    ended: dict[str, str] = {
        Visit.Status.PARKED: State.PARKED,
        Visit.Status.DONE: State.DONE,
        Visit.Status.NO_SHOW: State.NO_SHOW,
    }
    state = ended.get(visit.status, State.EXPIRED)
    return TicketStatus(state=state, **base)


def _forecast_for(visit: Visit, now: dt.datetime) -> tuple[int | None, int | None]:
    """Position = visitors whose next predicted call is earlier than this visitor's; minutes =
    until this visitor's next predicted call. Without a prediction (no open desk serves their
    concerns), the position counts who waits longer for one of the same services."""
    found = positions(visit.service_point).get(visit.pk)
    if found is None:
        return None, None
    ahead, at = found
    if at is None:
        return ahead, None
    return ahead, rounded_minutes(at - now.timestamp() / 60)


def positions(service_point: ServicePoint) -> dict[int, tuple[int, float | None]]:
    """Every waiting visitor's position and predicted next call (minutes since the epoch),
    worked out once from the cached forecast and kept as long: hundreds of phones poll, and
    each would otherwise read the whole forecast from the cache and compare itself with
    everyone. May be up to twice FORECAST_SECONDS old."""
    key = queue.positions_key(service_point.pk)
    found = cache.get(key)
    if found is None:
        state, predicted = queue.cached_forecast(service_point)
        found = _positions(state.visits, predicted)
        cache.set(key, found, queue.FORECAST_SECONDS)
    return found  # type: ignore[no-any-return]


def _positions(visits: list[routing.QueuedVisit], predicted: routing.Forecast) -> dict[int, tuple[int, float | None]]:
    calls = {v.id: predicted.next_call(v) for v in visits}
    times = sorted(at for at in calls.values() if at is not None)
    result: dict[int, tuple[int, float | None]] = {}
    for v in visits:
        at = calls[v.id]
        if at is not None:
            result[v.id] = (bisect.bisect_left(times, at), at.timestamp() / 60)
            continue
        services = {c.service_id for c in v.waiting}
        ahead = sum(
            1
            for other in visits
            if other.id != v.id
            and other.priority_at < v.priority_at
            and any(c.service_id in services for c in other.waiting)
        )
        result[v.id] = (ahead, None)
    return result


def recent_calls(service_point: ServicePoint, after_id: int | None = None, *, limit: int = 8) -> list[dict[str, Any]]:
    """Today's calls at this service point, newest first; with `after_id`, every newer one (up
    to 50: in a busy second more than a screenful of calls may come, and a display must not
    miss one). What a call display shows and announces: ticket, room, floor, desk — no
    personal data."""
    midnight = timezone.make_aware(dt.datetime.combine(clock.today(), dt.time.min))
    calls = Call.objects.filter(service_point=service_point, at__gte=midnight)
    if after_id is not None:
        calls = calls.filter(id__gt=after_id)
        limit = max(limit, 50)
    rows = calls.order_by("-id").values_list(
        "id", "visit__prefix", "visit__number", "desk__room__number", "desk__room__floor", "desk__name", "kind", "at"
    )[:limit]
    return [
        {
            "id": call_id,
            "ticket": f"{prefix}-{number:03d}",
            "room": room,
            "floor": floor,
            "desk": desk,
            "kind": kind,
            "at": timezone.localtime(at).isoformat(timespec="seconds"),
        }
        for call_id, prefix, number, room, floor, desk, kind, at in rows
    ]
