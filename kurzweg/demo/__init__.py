"""The demo agency: a fictional county's migration agency with its staff, rooms and desks, legal
bases, and a few thousand synthetic newcomers with the spelling variants real offices produce.

Everything is drawn from one seeded random generator: the same seed gives the same agency
(dates are relative to `today`). The audit log stays empty: bulk-loaded demo data is not a
change made by a member of staff, and an audit entry claiming so would be false.
"""

from __future__ import annotations

import datetime
import random
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from kurzweg.cases import models as cases
from kurzweg.core.models import Agency, AuditEntry, Membership, Office, User
from kurzweg.core.setup import create_agency
from kurzweg.guide.content import load_guide_content
from kurzweg.people.matching_store import detect_duplicates, rebuild_keys
from kurzweg.people.models import (
    AlternativeName,
    Consent,
    Household,
    Identifier,
    Nationality,
    Person,
    SectionEntry,
    SpokenLanguage,
)
from kurzweg.servicepoint.models import Appointment, DeskSession, Service, ServicePoint, Visit
from kurzweg.servicepoint.setup import create_service_point, create_standard_services

from . import details, places
from .cultures import cultures
from .files import create_files
from .histories import create_case_demo
from .organisation import create_house, create_legal_bases
from .persons import PersonFactory
from .servicepoint import create_service_point_demo
from .staff import DEMO_PASSWORD, SIGN_INS, UsernameTaken, create_staff, sign_in_rows
from .timestamps import set_timestamps

__all__ = ["DEMO_PASSWORD", "DEMO_SLUG", "SIGN_INS", "DemoError", "delete_demo", "load_demo", "write_sign_ins"]

DEMO_SLUG = "demo"
BATCH = 500
AGENCY_OPENED = datetime.date(2018, 4, 1)


class DemoError(Exception):
    pass


class Writer(Protocol):
    """Where progress goes: a text stream or a management command's stdout."""

    def write(self, text: str, /) -> Any: ...


def load_demo(
    persons: int = 3000,
    seed: int = 42,
    stdout: Writer | None = None,
    *,
    reset: bool = False,
    today: datetime.date | None = None,
) -> Agency:
    """Create the demo agency, or return it unchanged if it exists (unless `reset`). Refuses unless
    settings.DEMO_MODE: the demo sign-ins have a published password."""
    if not settings.DEMO_MODE:
        raise DemoError(
            "The demo agency can only be loaded in demo mode (KURZWEG_ENV=demo): its sign-ins have a "
            "published password."
        )
    with transaction.atomic():
        existing = Agency.objects.filter(slug=DEMO_SLUG).first()
        if existing and not reset:
            if stdout:
                stdout.write(f"The demo agency exists already ({existing.name}); nothing changed.\n")
                write_sign_ins(existing, stdout)
            return existing
        if existing:
            delete_demo(existing)
        agency = _load(persons, seed, today or timezone.localdate(), stdout)
        rebuild_keys(agency.pk)  # the bulk load writes no match keys; without them search finds nobody
        detect_duplicates(agency.pk)  # what the nightly task would find, so the review queue is not empty
    if stdout:
        write_sign_ins(agency, stdout)
    return agency


def _load(count: int, seed: int, today: datetime.date, stdout: Writer | None) -> Agency:
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    agency = create_agency(slug=DEMO_SLUG, name=places.AGENCY_NAME, address=places.AGENCY_ADDRESS)
    try:
        staff = create_staff(agency, rng, seed)
    except UsernameTaken as error:
        raise DemoError(f"These usernames belong to another agency in this database: {error}") from error
    create_house(agency)
    create_legal_bases(agency)
    create_service_point(agency, places.SERVICE_POINT_NAME, ticket_prefix="B")
    create_standard_services(agency)
    load_guide_content(agency)
    offices = {o.code: o for o in Office.objects.filter(agency=agency)}

    factory = PersonFactory(agency, rng, cultures(seed), today)
    drafts = factory.generate(count)
    registrars = staff[("empfang", "reception")] + staff[("abh", "caseworker")]
    rows: dict[type[models.Model], list[Any]] = {
        Nationality: [],
        SpokenLanguage: [],
        Identifier: [],
        AlternativeName: [],
    }
    units: dict[object, list] = {}  # households, and single persons on their own
    for draft in drafts:
        units.setdefault(draft.person.household_id or draft.person.pk, []).append(draft)
    for members in units.values():
        details.contact(members, rng)
        native = details.native_language(members[0].nationality, rng)
        for draft in members:
            details.name_forms(draft, rng)
            details.birth_place(draft, rng)
            rows[Nationality] += details.nationalities(draft, rng)
            rows[SpokenLanguage] += details.languages(draft, native, rng)
            rows[Identifier] += details.identifiers(draft, rng, today)
            rows[AlternativeName] += details.alternative_names(draft)
            draft.person.created_by = rng.choice(registrars)
            draft.person.refresh_name_index([(g, f) for g, f, _ in draft.alternatives])

    Household.objects.bulk_create(factory.households, batch_size=BATCH)
    people = [d.person for d in drafts]
    Person.objects.bulk_create(people, batch_size=BATCH)
    for model, objects in rows.items():
        model._default_manager.bulk_create(objects, batch_size=BATCH)
    _spread_registration_dates(drafts, rng, today)
    entries, consents = create_files(drafts, staff, offices, rng, today)
    create_service_point_demo(agency, rng, today)
    stories = create_case_demo(drafts, staff, offices, today)
    if stdout:
        stdout.write(
            f"Created {agency.name}: {sum(len(v) for v in staff.values())} memberships of "
            f"{User.objects.filter(agency=agency).count()} staff, {len(people)} persons in "
            f"{len(factory.households)} households, {len(rows[AlternativeName])} other spellings, "
            f"{entries} section entries, {consents} consents.\n"
        )
        if stories:
            names = "; ".join(f"{p.given_names} {p.family_name}" for p in stories)
            stdout.write(f"Persons with a case history across offices (see their timeline): {names}.\n")
    return agency


def _spread_registration_dates(drafts: list, rng: random.Random, today: datetime.date) -> None:
    """created_at is set on insert; give each person a registration date since the agency opened."""
    rows = []
    for draft in drafts:
        person = draft.person
        born = datetime.date(person.birth_year or 1900, person.birth_month or 1, person.birth_day or 1)
        first = max(AGENCY_OPENED, born)
        day = first + datetime.timedelta(days=rng.randint(0, max(0, (today - first).days)))
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, rng.randint(0, 59))))
        rows.append((person.pk, at))
    set_timestamps(Person, ["created_at", "updated_at"], rows)


@transaction.atomic
def delete_demo(agency: Agency) -> None:
    """Delete the demo agency and everything in it."""
    # Audit entries cannot be deleted through the ORM (AuditQuerySet.delete raises PermissionError
    # by design, so that no application code can erase the trail). Deleting the demo agency is
    # the one legitimate case; it happens only in demo mode, so it uses SQL directly.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE agency_id = %s", [agency.pk])  # noqa: S608
    # Rows that protect offices, roles and staff from deletion go first, then the agency, which
    # takes offices, rooms, desks, roles, legal bases and staff with it.
    for model in (cases.Plan, cases.Document, cases.Referral, cases.Task, cases.Case, cases.ResidenceStatus):
        model.objects.filter(agency=agency).delete()  # events go with their referral or case
    Appointment.objects.filter(agency=agency).delete()
    Visit.objects.filter(agency=agency).delete()  # with their concerns and calls
    DeskSession.objects.filter(agency=agency).delete()
    ServicePoint.objects.filter(agency=agency).delete()
    Service.objects.filter(agency=agency).delete()
    Consent.objects.filter(agency=agency).delete()
    SectionEntry.objects.filter(agency=agency).delete()
    Person.objects.filter(agency=agency).delete()
    Household.objects.filter(agency=agency).delete()
    Membership.objects.filter(user__agency=agency).delete()
    agency.delete()


def write_sign_ins(agency: Agency, stdout: Writer) -> None:
    rows = [("username", "role", "office"), *sign_in_rows(agency)]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):\n")
    stdout.write("\n".join(lines) + "\n")
    others = User.objects.filter(agency=agency).exclude(username__in=[s.username for s in SIGN_INS])
    example = others.order_by("username").values_list("username", flat=True).first()
    if example:
        stdout.write(f"All other staff (e.g. {example}) have the same password.\n")
