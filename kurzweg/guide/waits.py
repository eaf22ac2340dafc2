"""Today's waiting time per service at the service point, for the public service pages. Worked
out from the live queue's forecast for every service at once and kept half a minute per server
process: a forecast of a full house takes a few hundred milliseconds, and the guide's pages are
many and read often."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.core.cache import cache

from kurzweg.servicepoint import clock, queue
from kurzweg.servicepoint.models import Service, ServicePoint


@dataclass(frozen=True)
class Wait:
    waiting: int  # visitors waiting for this service right now
    minutes: int | None  # about how long a visitor arriving now waits; None: cannot be estimated

    @property
    def no_queue(self) -> bool:
        return self.waiting == 0


def service_point_for(service: Service) -> ServicePoint | None:
    """The service point whose rooms hold the desks of the service (the agency's first one
    when no desk is assigned yet)."""
    found = ServicePoint.objects.filter(agency_id=service.agency_id, rooms__desks__services=service).first()
    return found or ServicePoint.objects.filter(agency_id=service.agency_id).first()


WAITS_SECONDS = 30
_lock = threading.Lock()


def current_wait(service: Service, service_point: ServicePoint, *, now: dt.datetime | None = None) -> Wait:
    """A newcomer arriving now queues behind everyone waiting for the service, so their wait
    is about the time until the last of those is called, plus one service time."""
    if not clock.is_real() or now is not None:  # a simulated or given time: work it out now
        return _waits(service_point, now or clock.now()).get(service.pk, Wait(0, 0))
    key = f"guide:waits:{service_point.pk}"
    found = cache.get(key)
    if found is None:
        with _lock:  # one thread computes, the others wait for its result
            found = cache.get(key)
            if found is None:
                found = _waits(service_point, clock.now())
                cache.set(key, found, WAITS_SECONDS)
    return found.get(service.pk, Wait(0, 0))  # type: ignore[no-any-return]


def _waits(service_point: ServicePoint, now: dt.datetime) -> dict[int, Wait]:
    state, predicted = queue.cached_forecast(service_point)
    by_service: dict[int, list[int]] = {}
    for visit in state.visits:
        for concern in visit.waiting:
            by_service.setdefault(concern.service_id, []).append(concern.id)
    defaults = dict(Service.objects.filter(agency_id=service_point.agency_id).values_list("id", "expected_minutes"))
    waits = {}
    for service_id, concern_ids in by_service.items():
        calls = [predicted.concern_calls[c] for c in concern_ids if c in predicted.concern_calls]
        if len(calls) < len(concern_ids):
            waits[service_id] = Wait(len(concern_ids), None)  # no open desk reaches them: no honest estimate
            continue
        per_visitor = state.expected_minutes.get(service_id, float(defaults.get(service_id, 15)))
        minutes = max(0.0, (max(calls) - now).total_seconds() / 60) + per_visitor
        waits[service_id] = Wait(len(concern_ids), round(minutes))
    return waits
