"""Today's waiting time per service at the service point, for the public service pages. Worked
out from the live queue's forecast for every service at once, and shared by all server
processes (`CACHES["shared"]`): a forecast of a full house takes a few hundred milliseconds,
and the guide's pages are many and read often. One process refreshes the figures every 30 s
while the others go on showing the previous ones, which are never older than a minute."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.core.cache import caches

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


FRESH_SECONDS = 30  # then one process works them out again ...
MAX_AGE_SECONDS = 60  # ... and older figures are never shown
REFRESH_CLAIM_SECONDS = 15  # a refresh that did not finish by then may be taken over
_lock = threading.Lock()


def waits_at(service_point_id: int) -> dict[int, Wait]:
    """Waiting time per service id (services nobody waits for are missing: no queue)."""
    if not clock.is_real():  # a simulated day: work it out for its own time
        return _waits_at(service_point_id)
    cache = caches["shared"]
    key = f"guide:waits:{service_point_id}"
    kept = cache.get(key)
    if kept is not None:
        worked_out_at, found = kept
        if time.time() - worked_out_at < FRESH_SECONDS:
            return found  # type: ignore[no-any-return]
        # Due for a refresh: the one request that claims it works the figures out, every other
        # request (in any process) meanwhile shows the previous ones.
        if not cache.add(f"{key}:refresh", 1, REFRESH_CLAIM_SECONDS):
            return found  # type: ignore[no-any-return]
        return _refresh(key, service_point_id)
    with _lock:  # none at all (or over a minute old): one thread per process works them out
        kept = cache.get(key)
        if kept is not None:
            return kept[1]  # type: ignore[no-any-return]
        return _refresh(key, service_point_id)


def _refresh(key: str, service_point_id: int) -> dict[int, Wait]:
    cache = caches["shared"]
    found = _waits_at(service_point_id)
    cache.set(key, (time.time(), found), MAX_AGE_SECONDS)
    cache.delete(f"{key}:refresh")
    return found


def _waits_at(service_point_id: int) -> dict[int, Wait]:
    service_point = ServicePoint.objects.filter(pk=service_point_id).first()
    return _waits(service_point, clock.now()) if service_point else {}  # removed meanwhile: no queue


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
