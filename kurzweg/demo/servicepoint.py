"""Demo data for the service point: the last ten working days of finished visits with
realistic times (so the statistics page has something to show), appointments booked for today,
and a few visitors waiting right now.

The past days are played by a small greedy model of the house, not by the queue code: each
visitor, in order of arrival, goes through their concerns one after the other, each at the
serving desk that is free first. It is quick (bulk inserts, no audit entries: nothing here was
done by a member of staff) and gives plausible waiting, way and service times, a few no-shows,
and waiting-time estimates that are a few minutes off, as real ones are."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from kurzweg.core.models import Agency, Membership
from kurzweg.languages import NEWCOMER_LANGUAGES
from kurzweg.people.models import Person
from kurzweg.servicepoint.models import Appointment, Concern, Service, ServicePoint, TicketCounter, Visit

PAST_DAYS = 10
VISITS_PER_DAY = (150, 200)
OPENS, CLOSES = dt.time(8, 0), dt.time(12, 30)  # open consultation hours, no appointment needed
NO_SHOW = 0.04
APPOINTMENT_SHARE = 0.12
WAITING_NOW = 6
APPOINTMENTS_TODAY = 12
# How often visitors come for each office's services (the foreigners authority and the
# Jobcenter see most newcomers).
OFFICE_WEIGHT = {"abh": 10, "jobcenter": 7, "asylblg": 5, "afa": 3, "integration": 3, "unterkunft": 2, "vhs": 3}
# One concern for two thirds of the visitors, two or three for the others.
CONCERN_COUNTS = [1] * 67 + [2] * 25 + [3] * 8
FIRST_NAMES = ["Amina", "Olena", "Mihai", "Yusuf", "Fatima", "Bogdan", "Zainab", "Andrzej", "Elif", "Dmytro"]
LANGUAGE_WEIGHTS = {"de": 3, "ar": 5, "uk": 4, "ro": 4, "bg": 2, "pl": 2, "tr": 2, "fa": 3, "ru": 2, "en": 2, "hu": 1}


@dataclass
class PlannedVisit:
    visit: Visit
    concerns: list[Concern] = field(default_factory=list)
    appointment: Appointment | None = None


def working_days_before(today: dt.date, count: int) -> list[dt.date]:
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def _at(day: dt.date, minutes_after_opening: float) -> dt.datetime:
    start = timezone.make_aware(dt.datetime.combine(day, OPENS))
    return start + dt.timedelta(minutes=minutes_after_opening)


def _language(rng: random.Random) -> str:
    codes = [lang.code for lang in NEWCOMER_LANGUAGES if lang.code in LANGUAGE_WEIGHTS]
    return rng.choices(codes, weights=[LANGUAGE_WEIGHTS[c] for c in codes])[0]


class House:
    """The agency's services and desks as the demo needs them."""

    def __init__(self, agency: Agency, service_point: ServicePoint) -> None:
        self.services = list(
            Service.objects.filter(agency=agency, active=True, desks__isnull=False)
            .distinct()
            .select_related("office")
            .prefetch_related("desks")
        )
        self.desks = {s.pk: [d.pk for d in s.desks.all()] for s in self.services}
        self.walk_in = [s for s in self.services if s.walk_in]
        self.by_appointment = [s for s in self.services if s.by_appointment]
        self.staff: dict[int, list[int]] = {}
        for office_id, user_id in (
            Membership.objects.filter(office__agency=agency)
            .exclude(role__code__in=("reception", "dpo", "admin", "steward"))
            .values_list("office_id", "user_id")
        ):
            self.staff.setdefault(office_id, []).append(user_id)
        self.receptionists = list(
            Membership.objects.filter(office__agency=agency, role__code="reception").values_list("user_id", flat=True)
        )
        self.persons = list(Person.objects.filter(agency=agency).values_list("pk", flat=True)[:2000])
        self.service_point = service_point
        self.agency = agency

    def weight(self, service: Service) -> int:
        return OFFICE_WEIGHT.get(service.office.code, 1)

    def pick_concerns(self, rng: random.Random) -> list[Service]:
        wanted = min(rng.choice(CONCERN_COUNTS), len(self.walk_in))
        chosen: list[Service] = []
        while len(chosen) < wanted:
            service = rng.choices(self.walk_in, weights=[self.weight(s) for s in self.walk_in])[0]
            if service not in chosen:
                chosen.append(service)
        return chosen

    def new_visit(self, rng: random.Random, day: dt.date, issued_at: dt.datetime, source: str) -> Visit:
        person = rng.choice(self.persons) if self.persons and rng.random() < 0.7 else None
        return Visit(
            agency=self.agency,
            service_point=self.service_point,
            day=day,
            number=0,
            prefix=self.service_point.ticket_prefix,
            person_id=person,
            first_name="" if person else rng.choice(FIRST_NAMES),
            language=_language(rng),
            source=source,
            priority_at=issued_at,
            issued_at=issued_at,
            issued_by_id=rng.choice(self.receptionists)
            if source == Visit.Source.RECEPTION and self.receptionists
            else None,
        )


def _play_day(house: House, rng: random.Random, day: dt.date) -> list[PlannedVisit]:
    """One past day: arrivals with a morning rush, each concern at the serving desk free first."""
    planned: list[tuple[dt.datetime, PlannedVisit, list[Service]]] = []
    hours = (dt.datetime.combine(day, CLOSES) - dt.datetime.combine(day, OPENS)).total_seconds() / 60
    for _ in range(rng.randint(*VISITS_PER_DAY)):
        if house.by_appointment and rng.random() < APPOINTMENT_SHARE:
            service = rng.choice(house.by_appointment)
            starts = _at(day, rng.randrange(0, int(hours) - 30, 15))
            arrival = starts - dt.timedelta(minutes=rng.uniform(0, 12))
            visit = house.new_visit(rng, day, arrival, Visit.Source.APPOINTMENT)
            appointment = Appointment(
                agency=house.agency,
                service_point=house.service_point,
                service=service,
                desk_id=rng.choice(house.desks[service.pk]),
                starts_at=starts,
                minutes=service.expected_minutes,
                name=visit.first_name or "Termin",
                language=visit.language,
                person_id=visit.person_id,
                status=Appointment.Status.CHECKED_IN,
            )
            planned.append((arrival, PlannedVisit(visit, appointment=appointment), [service]))
        else:
            arrival = _at(day, rng.triangular(0, hours, 20))
            source = Visit.Source.KIOSK if rng.random() < 0.3 else Visit.Source.RECEPTION
            planned.append(
                (arrival, PlannedVisit(house.new_visit(rng, day, arrival, source)), house.pick_concerns(rng))
            )
    planned.sort(key=lambda p: p[0])

    desk_free: dict[int, dt.datetime] = {}
    result = []
    for number, (arrival, plan, services) in enumerate(planned, start=1):
        visit = plan.visit
        visit.number = number
        free_at = arrival
        no_show = rng.random() < NO_SHOW
        for position, service in enumerate(services):
            desks = house.desks[service.pk]
            if plan.appointment is not None and plan.appointment.desk_id is not None:
                desk: int = plan.appointment.desk_id
                called = max(free_at, plan.appointment.starts_at, desk_free.get(desk, arrival))
            else:
                desk = min(desks, key=lambda d: desk_free.get(d, arrival))
                called = max(free_at, desk_free.get(desk, arrival))
            concern = Concern(
                service=service,
                position=position,
                queued_at=arrival,
                desk_id=desk,
                served_by_id=rng.choice(house.staff.get(service.office_id) or [None]),
                called_at=called,
                calls=1,
            )
            plan.concerns.append(concern)
            if no_show:
                concern.status = Concern.Status.NO_SHOW
                desk_free[desk] = concern.finished_at = called + dt.timedelta(minutes=2)
                for later, other in enumerate(services[position + 1 :], start=position + 1):
                    plan.concerns.append(
                        Concern(
                            service=other,
                            position=later,
                            queued_at=arrival,
                            status=Concern.Status.NO_SHOW,
                            finished_at=concern.finished_at,
                        )
                    )
                break
            concern.arrived_at = called + dt.timedelta(minutes=rng.uniform(0.3, 2.5))
            serving = service.expected_minutes * rng.lognormvariate(0, 0.35)
            desk_free[desk] = free_at = concern.finished_at = concern.arrived_at + dt.timedelta(minutes=serving)
            concern.status = Concern.Status.DONE
        first_call = plan.concerns[0].called_at
        assert first_call is not None
        visit.first_called_at = first_call
        visit.finished_at = plan.concerns[-1].finished_at
        visit.status = Visit.Status.NO_SHOW if no_show else Visit.Status.DONE
        # The estimate shown on the ticket: the real wait, give or take a few minutes.
        actual = (first_call - arrival).total_seconds() / 60
        visit.estimated_wait_minutes = max(0, round(actual + rng.gauss(0, 4)))
        result.append(plan)
    return result


def _save(house: House, plans: list[PlannedVisit]) -> None:
    Visit.objects.bulk_create([p.visit for p in plans], batch_size=500)
    appointments = []
    for plan in plans:
        if plan.appointment is not None:
            plan.appointment.visit = plan.visit
            appointments.append(plan.appointment)
    Appointment.objects.bulk_create(appointments, batch_size=500)
    concerns = []
    for plan in plans:
        for concern in plan.concerns:
            concern.visit = plan.visit
            concern.appointment = plan.appointment
            concerns.append(concern)
    Concern.objects.bulk_create(concerns, batch_size=1000)


def _today(house: House, rng: random.Random, today: dt.date) -> None:
    """Appointments booked for today, and a few visitors waiting right now."""
    appointments = []
    for i in range(APPOINTMENTS_TODAY if house.by_appointment else 0):
        service = rng.choice(house.by_appointment)
        person = rng.choice(house.persons) if house.persons and rng.random() < 0.6 else None
        appointments.append(
            Appointment(
                agency=house.agency,
                service_point=house.service_point,
                service=service,
                desk_id=rng.choice(house.desks[service.pk]),
                starts_at=_at(today, 60 + 30 * i),
                minutes=service.expected_minutes,
                name=rng.choice(FIRST_NAMES),
                language=_language(rng),
                person_id=person,
            )
        )
    Appointment.objects.bulk_create(appointments)

    now = timezone.now()
    plans = []
    for number in range(1, WAITING_NOW + 1):
        issued = now - dt.timedelta(minutes=5 * (WAITING_NOW - number) + rng.uniform(0, 4))
        visit = house.new_visit(rng, today, issued, Visit.Source.RECEPTION)
        visit.number = number
        visit.estimated_wait_minutes = rng.randint(5, 35)
        concerns = [Concern(service=s, position=p, queued_at=issued) for p, s in enumerate(house.pick_concerns(rng))]
        plans.append(PlannedVisit(visit, concerns))
    _save(house, plans)
    TicketCounter.objects.update_or_create(
        service_point=house.service_point, day=today, defaults={"last_number": WAITING_NOW}
    )


def create_service_point_demo(agency: Agency, rng: random.Random, today: dt.date) -> None:
    service_point = ServicePoint.objects.filter(agency=agency).first()
    if service_point is None:
        return
    house = House(agency, service_point)
    if not house.walk_in:
        return
    for day in working_days_before(today, PAST_DAYS):
        plans = _play_day(house, rng, day)
        _save(house, plans)
        TicketCounter.objects.create(service_point=service_point, day=day, last_number=len(plans))
    _today(house, rng, today)
