"""Today's waiting time per service at the service point, for the public service pages. Reads
the cached forecast of the live queue (`queue.cached_forecast`, at most one computation every
few seconds per process), so a busy service page costs almost nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def current_wait(service: Service, service_point: ServicePoint, *, now: dt.datetime | None = None) -> Wait:
    """A newcomer arriving now queues behind everyone waiting for the service, so their wait
    is about the time until the last of those is called, plus one service time."""
    now = now or clock.now()
    state, predicted = queue.cached_forecast(service_point)
    concerns = [c for v in state.visits for c in v.waiting if c.service_id == service.pk]
    if not concerns:
        return Wait(0, 0)
    calls = [predicted.concern_calls[c.id] for c in concerns if c.id in predicted.concern_calls]
    if len(calls) < len(concerns):
        return Wait(len(concerns), None)  # no open desk reaches them: no honest estimate
    per_visitor = state.expected_minutes.get(service.pk, float(service.expected_minutes))
    last = max(calls)
    minutes = max(0.0, (last - now).total_seconds() / 60) + per_visitor
    return Wait(len(concerns), round(minutes))
