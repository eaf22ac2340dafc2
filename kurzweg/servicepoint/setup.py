"""A starting catalogue of services for a migration agency, and setting up a service point.
Agencies edit the catalogue afterwards in the administration."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from kurzweg.core.models import Agency, Desk, Office, Room

from .catalogue_names import NAMES
from .models import Service, ServiceName, ServicePoint

P = Service.Pictogram


@dataclass(frozen=True)
class ServiceTemplate:
    office: str
    code: str
    name: str  # German
    name_en: str
    minutes: int
    walk_in: bool
    by_appointment: bool
    pictogram: str


# fmt: off
STANDARD_SERVICES = [
    ServiceTemplate("abh", "abh-aufenthalt", "Aufenthaltserlaubnis beantragen oder verlängern", "Apply for or extend a residence permit", 25, True, True, P.RESIDENCE),
    ServiceTemplate("abh", "abh-fiktion", "Fiktionsbescheinigung", "Interim certificate (Fiktionsbescheinigung)", 10, True, False, P.RESIDENCE),
    ServiceTemplate("abh", "abh-ausweis", "Pass, Passersatz, Reiseausweis", "Passport, travel document", 15, True, True, P.PASSPORT),
    ServiceTemplate("abh", "abh-eat", "Elektronischen Aufenthaltstitel abholen", "Collect your electronic residence permit", 5, True, False, P.PASSPORT),
    ServiceTemplate("asylblg", "asylblg-antrag", "Leistungen nach dem AsylbLG beantragen", "Apply for asylum seekers' benefits", 20, True, False, P.MONEY),
    ServiceTemplate("asylblg", "asylblg-auszahlung", "Auszahlung und Bescheide", "Payments and notices", 8, True, False, P.MONEY),
    ServiceTemplate("unterkunft", "unterkunft-wohnen", "Unterkunft, Umzug, Wohnungsfragen", "Accommodation, moving, housing", 15, True, False, P.HOUSE),
    ServiceTemplate("integration", "integration-beratung", "Integrationsberatung", "Integration counselling", 30, True, True, P.COUNSEL),
    ServiceTemplate("jobcenter", "jobcenter-antrag", "Bürgergeld beantragen", "Apply for citizen's benefit (Bürgergeld)", 25, True, True, P.MONEY),
    ServiceTemplate("jobcenter", "jobcenter-unterlagen", "Unterlagen abgeben", "Hand in documents", 5, True, False, P.PASSPORT),
    ServiceTemplate("jobcenter", "jobcenter-vermittlung", "Arbeitsvermittlung", "Job placement", 30, False, True, P.WORK),
    ServiceTemplate("afa", "afa-arbeitslos", "Arbeitslos melden", "Register as unemployed", 20, True, True, P.WORK),
    ServiceTemplate("afa", "afa-berufsberatung", "Berufsberatung", "Career guidance", 30, False, True, P.WORK),
    ServiceTemplate("wirtschaft", "wirtschaft-gewerbe", "Gewerbe und Selbstständigkeit", "Starting a business", 25, False, True, P.WORK),
    ServiceTemplate("jugendamt", "jugendamt-beratung", "Beratung für Familien und Kinder", "Counselling for families and children", 30, True, True, P.CHILD),
    ServiceTemplate("vhs", "vhs-kurs", "Integrationskurs und Sprachkurs", "Integration and language course", 15, True, False, P.LANGUAGE),
    ServiceTemplate("vhs", "vhs-einstufung", "Einstufungstest", "Placement test", 45, False, True, P.LANGUAGE),
    ServiceTemplate("bildung", "bildung-schule", "Schule und Kita", "School and childcare", 20, True, False, P.SCHOOL),
    ServiceTemplate("bildung", "bildung-anerkennung", "Anerkennung von Abschlüssen", "Recognition of qualifications", 30, True, True, P.SCHOOL),
    ServiceTemplate("sport", "sport-verein", "Sportverein finden", "Find a sports club", 10, True, False, P.SPORT),
    ServiceTemplate("ehrenamt", "ehrenamt-hilfe", "Begleitung, Dolmetschen, Patenschaft", "Mentoring, interpreting, accompaniment", 15, True, False, P.HELP),
]
# fmt: on

# "The residence permit matter before the Jobcenter": the Jobcenter needs the permit (or the
# interim certificate) to decide, so a visitor with both concerns goes to the ABH first.
STANDARD_PRECEDENCE = [
    ("abh-aufenthalt", "jobcenter-antrag"),
    ("abh-fiktion", "jobcenter-antrag"),
    ("abh-aufenthalt", "afa-arbeitslos"),
    ("asylblg-antrag", "asylblg-auszahlung"),
]


@transaction.atomic
def create_standard_services(agency: Agency) -> list[Service]:
    """Adds the standard catalogue, each service served by every desk of its office, with its
    names in the newcomer languages."""
    offices = {o.code: o for o in Office.objects.filter(agency=agency)}
    desks: dict[int, list[Desk]] = {}
    for desk in Desk.objects.filter(agency=agency):
        desks.setdefault(desk.office_id, []).append(desk)
    services = []
    for position, t in enumerate(STANDARD_SERVICES):
        office = offices.get(t.office)
        if office is None:
            continue
        service = Service.objects.create(
            agency=agency,
            office=office,
            code=t.code,
            name=t.name,
            expected_minutes=t.minutes,
            walk_in=t.walk_in,
            by_appointment=t.by_appointment,
            pictogram=t.pictogram,
            position=position,
        )
        names = {"en": t.name_en, **NAMES.get(t.code, {})}
        ServiceName.objects.bulk_create(
            ServiceName(service=service, language=lang, name=n) for lang, n in names.items()
        )
        service.desks.set(desks.get(office.pk, []))
        services.append(service)
    by_code = {s.code: s for s in services}
    for before, after in STANDARD_PRECEDENCE:
        if before in by_code and after in by_code:
            by_code[before].comes_before.add(by_code[after])
    return services


@transaction.atomic
def create_service_point(agency: Agency, name: str, ticket_prefix: str = "A") -> ServicePoint:
    """A service point with every room of the agency (one house, one waiting area)."""
    service_point = ServicePoint.objects.create(agency=agency, name=name, ticket_prefix=ticket_prefix)
    service_point.rooms.set(Room.objects.filter(agency=agency))
    return service_point
