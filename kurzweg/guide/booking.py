"""Online booking for services that take appointments: the free slots, booking, cancelling
and rebooking.

A slot is a start time on the 15-minute grid of the office's opening hours, as long as the
service takes (rounded up to the quarter hour), in the next 14 days and not within the next
2 hours. It is free when one of the desks serving the service has no booked appointment that
overlaps it; the booking takes that desk.

Never one slot for two people: a booking claims each of its desk's quarter hours
(`SlotClaim`, unique per desk and quarter hour) in the same transaction that creates the
appointment. Of two parallel bookings of the same desk and time, the database lets one
through; the other gets the next free desk, or `SlotTaken`."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass

from django.core import signing
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from kurzweg.core.models import Desk
from kurzweg.servicepoint import clock
from kurzweg.servicepoint.models import Appointment, Service, ServicePoint

from . import hours
from .models import SlotClaim

STEP_MINUTES = 15
DAYS_AHEAD = 14
NOT_BEFORE = dt.timedelta(hours=2)
ACTIVE_PER_CONTACT = 3  # booked future appointments per e-mail address or phone number
PER_CLIENT_PER_HOUR = 10  # bookings and rebookings per client address
TOKEN_SALT = "kurzweg.guide.booking"
HELD = (Appointment.Status.BOOKED, Appointment.Status.CHECKED_IN)


class BookingError(Exception):
    """Why a booking was refused; `reason` is one of the codes below (the view words it)."""

    SLOT_TAKEN = "slot_taken"
    TOO_MANY = "too_many"
    RATE_LIMITED = "rate_limited"
    NOT_BOOKABLE = "not_bookable"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime  # aware
    desk: Desk

    @property
    def key(self) -> str:
        """The slot's value in the form: the start time in UTC."""
        return self.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")


def parse_key(key: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(key, "%Y%m%dT%H%MZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def slot_minutes(service: Service) -> int:
    return max(1, math.ceil(service.expected_minutes / STEP_MINUTES)) * STEP_MINUTES


def bookable(service: Service) -> bool:
    return service.active and service.by_appointment


def _busy(desks: list[Desk], start: dt.datetime, end: dt.datetime) -> dict[int, list[tuple[dt.datetime, dt.datetime]]]:
    """The times each desk is taken by a held appointment, between start and end."""
    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {desk.pk: [] for desk in desks}
    held = Appointment.objects.filter(
        desk__in=desks, status__in=HELD, starts_at__lt=end, starts_at__gte=start - dt.timedelta(days=1)
    ).values_list("desk_id", "starts_at", "minutes")
    for desk_id, starts_at, minutes in held:
        busy[desk_id].append((starts_at, starts_at + dt.timedelta(minutes=minutes)))
    return busy


def free_slots(service: Service, *, now: dt.datetime | None = None, days: int = DAYS_AHEAD) -> list[Slot]:
    """The free slots of the service in time order, each with the desk it would take."""
    if not bookable(service):
        return []
    now = now or clock.now()
    desks = list(service.desks.order_by("pk"))
    if not desks:
        return []
    tz = timezone.get_current_timezone()
    first_day = timezone.localdate(now)
    week = hours.week(service.agency, service.office)
    closures = hours.closures(service.agency, service.office, first_day, days=days)
    length = dt.timedelta(minutes=slot_minutes(service))
    earliest = now + NOT_BEFORE
    busy = _busy(desks, now, now + dt.timedelta(days=days + 1))
    slots = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        if any(closure.covers(day) for closure in closures):
            continue
        for opens, closes in week[day.weekday()].spans:
            start = dt.datetime.combine(day, opens, tzinfo=tz)
            end = dt.datetime.combine(day, closes, tzinfo=tz)
            while start + length <= end:
                if start >= earliest:
                    desk = next(
                        (d for d in desks if all(b_end <= start or b_start >= start + length
                                                 for b_start, b_end in busy[d.pk])),
                        None,
                    )  # fmt: skip
                    if desk is not None:
                        slots.append(Slot(start, desk))
                start += dt.timedelta(minutes=STEP_MINUTES)
    return slots


def normalized_phone(phone: str) -> str:
    """Digits (and a leading +) only, so that "0151 234" and "0151-234" count as one number."""
    phone = phone.strip()
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def active_bookings(agency_id: int, email: str, phone: str, *, now: dt.datetime) -> int:
    """Booked future appointments with this e-mail address or this phone number."""
    same = Q(pk__in=[])
    if email:
        same |= Q(email__iexact=email)
    if phone:
        same |= Q(phone=phone)
    return Appointment.objects.filter(
        same, agency_id=agency_id, status=Appointment.Status.BOOKED, starts_at__gte=now
    ).count()


def client_allowed(client_address: str) -> bool:
    """Counts one booking attempt of the client; False once the hourly limit is reached. The
    cache key is a hash of the address; the address itself is neither stored nor logged. The
    count lives in the cache all server processes share, or each process would allow the limit."""
    cache = caches["shared"]
    key = "guide:booking:client:" + hashlib.sha256(client_address.encode()).hexdigest()[:24]
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        count = 1
    return count <= PER_CLIENT_PER_HOUR


def _claim(appointment: Appointment) -> None:
    assert appointment.desk is not None
    SlotClaim.objects.bulk_create(
        SlotClaim(
            desk=appointment.desk,
            starts_at=appointment.starts_at + dt.timedelta(minutes=STEP_MINUTES * step),
            appointment=appointment,
        )
        for step in range(appointment.minutes // STEP_MINUTES)
    )


def book(
    service: Service,
    service_point: ServicePoint,
    starts_at: dt.datetime,
    *,
    name: str,
    email: str,
    phone: str,
    language: str,
    now: dt.datetime | None = None,
) -> Appointment:
    """Books the slot at `starts_at` on a free desk serving the service."""
    now = now or clock.now()
    phone = normalized_phone(phone) if phone else ""
    if not bookable(service):
        raise BookingError(BookingError.NOT_BOOKABLE)
    if active_bookings(service.agency_id, email, phone, now=now) >= ACTIVE_PER_CONTACT:
        raise BookingError(BookingError.TOO_MANY)
    candidates = [slot.desk for slot in free_slots(service, now=now) if slot.starts_at == starts_at]
    # The desks still free a moment ago; a parallel booking may take one, then the next is tried.
    for desk in candidates:
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    agency_id=service.agency_id,
                    service_point=service_point,
                    service=service,
                    desk=desk,
                    starts_at=starts_at,
                    minutes=slot_minutes(service),
                    name=name.strip(),
                    email=email.strip(),
                    phone=phone,
                    language=language,
                )
                _claim(appointment)
                return appointment
        except IntegrityError:
            continue
    raise BookingError(BookingError.SLOT_TAKEN)


def cancel(appointment: Appointment) -> bool:
    """Cancels a booked appointment and frees its slot. False if it was no longer booked."""
    with transaction.atomic():
        changed = Appointment.objects.filter(pk=appointment.pk, status=Appointment.Status.BOOKED).update(
            status=Appointment.Status.CANCELLED
        )
        SlotClaim.objects.filter(appointment_id=appointment.pk).delete()
    appointment.refresh_from_db()
    return bool(changed)


def rebook(appointment: Appointment, starts_at: dt.datetime, *, now: dt.datetime | None = None) -> Appointment:
    """Cancel and book a new slot in one step: if the new slot cannot be had, the old booking stays."""
    if appointment.status != Appointment.Status.BOOKED:
        raise BookingError(BookingError.NOT_BOOKABLE)
    try:
        with transaction.atomic():
            cancel(appointment)
            return book(
                appointment.service,
                appointment.service_point,
                starts_at,
                name=appointment.name,
                email=appointment.email,
                phone=appointment.phone,
                language=appointment.language,
                now=now,
            )
    except BookingError:
        appointment.refresh_from_db()  # rolled back: still booked
        raise


def token_for(appointment: Appointment) -> str:
    """The secret part of the booking's own address (confirmation, calendar file, cancel,
    rebook): signed with the site's secret key, so it cannot be made up from a booking code."""
    return signing.dumps(appointment.pk, salt=TOKEN_SALT, compress=False)


def from_token(token: str) -> Appointment | None:
    try:
        pk = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return Appointment.objects.select_related("service", "service__office", "desk__room").filter(pk=pk).first()
