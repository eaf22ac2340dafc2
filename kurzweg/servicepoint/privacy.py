"""The service point's part of data protection (kurzweg/privacy/registry.py): a person's visits
with their concerns, and their appointments (booked at a desk or online in the guide), in a
subject access export; what happens to them when the person is deleted; how long names and the
link to a person stay on visits and appointments.

Visits and appointments are anonymised rather than deleted: without a name they are the
figures the waiting-time statistics and forecasts are made from."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kurzweg.privacy import registry
from kurzweg.privacy.registry import Erased, ExportSection, Subject, model_section

from .models import Appointment, Concern, Visit


def _appointments(ids):  # type: ignore[no-untyped-def]
    return Appointment.objects.filter(Q(person_id__in=ids) | Q(visit__person_id__in=ids)).select_related("service")


def export(subject: Subject) -> list[ExportSection]:
    ids = subject.person_ids
    visits = list(Visit.objects.filter(person_id__in=ids).order_by("issued_at"))
    visits_section = model_section(
        "visits",
        _("Visits to the house"),
        visits,
        ("day", "language", "source", "status", "issued_at", "first_called_at", "finished_at"),
    )
    for record, visit in zip(visits_section.records, visits, strict=True):
        record["ticket"] = visit.ticket
    visits_section.labels["ticket"] = str(_("ticket"))
    concerns = list(
        Concern.objects.filter(visit__person_id__in=ids)
        .select_related("visit", "service", "desk", "served_by", "handed_over_from")
        .order_by("visit__issued_at", "position")
    )
    concerns_section = model_section(
        "concerns",
        _("Concerns of the visits"),
        concerns,
        ("service", "status", "queued_at", "called_at", "finished_at", "desk", "served_by", "handed_over_from",
         "handover_note"),
    )  # fmt: skip
    for record, concern in zip(concerns_section.records, concerns, strict=True):
        record["ticket"] = concern.visit.ticket
    concerns_section.labels["ticket"] = str(_("ticket"))
    appointments = model_section(
        "appointments",
        _("Appointments"),
        _appointments(ids),
        ("service", "starts_at", "minutes", "code", "name", "email", "phone", "language", "status", "created_at"),
    )
    return [visits_section, concerns_section, appointments]


def erase(subject: Subject) -> list[Erased]:
    ids = subject.person_ids
    appointments = _appointments(ids)
    n_appointments = appointments.count()
    appointments.delete()  # with their claimed slots
    visits = Visit.objects.filter(person_id__in=ids)
    Concern.objects.filter(visit__in=visits).update(handover_note="")
    n_visits = visits.update(person=None, first_name="")
    result = []
    if n_visits:
        result.append(Erased(Visit._meta.label_lower, registry.ANONYMISED, n_visits))
    if n_appointments:
        result.append(Erased(Appointment._meta.label_lower, registry.DELETED, n_appointments))
    return result


def _anonymise_visits(visits, dry_run: bool) -> int:  # type: ignore[no-untyped-def]
    count = visits.count()
    if count and not dry_run:
        Concern.objects.filter(visit__in=visits).exclude(handover_note="").update(handover_note="")
        visits.update(person=None, first_name="")
    return count


def _apply_walk_ins(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    walk_ins = Visit.objects.filter(agency_id=agency_id, person__isnull=True, day__lt=cutoff.date()).exclude(
        first_name=""
    )
    return _anonymise_visits(walk_ins, dry_run)


def _apply_registered_visits(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    visits = Visit.objects.filter(agency_id=agency_id, person__isnull=False, day__lt=cutoff.date())
    return _anonymise_visits(visits, dry_run)


def _apply_appointments(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    past = Appointment.objects.filter(agency_id=agency_id, starts_at__lt=cutoff).filter(
        ~Q(name="") | ~Q(email="") | ~Q(phone="") | Q(person__isnull=False)
    )
    count = past.count()
    if count and not dry_run:
        past.update(name="", email="", phone="", person=None)
    return count


registry.register(
    registry.Contribution(key="servicepoint", order=30, models=(Visit, Appointment), export=export, erase=erase)
)
for rule in (
    registry.RetentionRule(
        kind="servicepoint.walk_in",
        label=_("first names of anonymous walk-ins and hand-over notes on their visits"),
        action=registry.ANONYMISED,
        default_days=30,
        basis=_(
            "Needed on the day of the visit only; kept a month for questions about a visit. The visit "
            "stays without a name for the statistics."
        ),
        apply=_apply_walk_ins,
    ),
    registry.RetentionRule(
        kind="servicepoint.registered_visit",
        label=_("link between a visit and the person's file, and hand-over notes"),
        action=registry.ANONYMISED,
        default_days=3 * 365,
        basis=_(
            "Shows the person's visits in their file; what was decided is in the cases. Three years by "
            "default, then the visit stays without a person for the statistics."
        ),
        apply=_apply_registered_visits,
    ),
    registry.RetentionRule(
        kind="servicepoint.appointment",
        label=_("name, e-mail and phone of appointments, including online bookings"),
        action=registry.ANONYMISED,
        default_days=30,
        basis=_(
            "Needed to run the appointment and to answer questions about it; a month after the appointment by default."
        ),
        apply=_apply_appointments,
    ),
):
    registry.register_rule(rule)
