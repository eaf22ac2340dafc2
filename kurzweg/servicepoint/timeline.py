"""The service point's entries on the timeline of a person's file: their visits (which office
served which concern, when, at which desk) and their appointments.

A concern or an appointment is part of the section of the office that offers the service: a
concern can reveal an asylum matter, so it is shown exactly to those who may read that office's
section (own office, legal basis, consent) and never through a referral, which passes only the
parts it names. The office a visitor was handed over from is named only if that office's
section is readable too.

cases may not import the service point (it is the other way round), so these sources are added
to cases.timeline from ServicePointConfig.ready.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kurzweg.cases.timeline import Entry, Readable, Source, keyed, register_source, rows

from .models import Appointment, Concern

# The part of a section these entries are; no referral passes it (cases.models.Referral.Part).
VISITS = "visits"


def _concern_rows(r: Readable) -> QuerySet[Concern]:
    # When the concern happened: at the desk, else called, else queued.
    return Concern.objects.filter(visit__person=r.person, service__office_id__in=r.covering(VISITS)).annotate(
        at=Coalesce("arrived_at", "called_at", "queued_at")
    )


def _visit_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    concerns = rows(Concern, pks).select_related("visit", "service__office", "desk", "served_by", "handed_over_from")
    entries = {}
    for concern in concerns:
        details = [str(concern.get_status_display())]
        if concern.desk is not None:
            details.append(concern.desk.name)
        if concern.served_by is not None:
            details.append(str(concern.served_by))
        handed_over_from = concern.handed_over_from
        if handed_over_from is not None and handed_over_from.pk in r.readable:
            details.append(_("handed over by %(office)s") % {"office": handed_over_from.name})
        entries[concern.pk] = Entry(
            concern.arrived_at or concern.called_at or concern.queued_at,  # as in _concern_rows
            "visit",
            concern.service.office,
            _("Visit with ticket %(ticket)s: %(service)s")
            % {"ticket": concern.visit.ticket, "service": concern.service},
            " · ".join(details),
            status=concern.status,
        )
    return entries


def _appointment_keys(r: Readable) -> list[QuerySet[Appointment]]:
    """Appointments made for the person, and those booked under a name only (online, in the
    guide) whose check-in became a visit of the person: two parts, each an index lookup (one
    query with OR would read every appointment of the agency)."""
    offices = r.covering(VISITS)
    booked = Appointment.objects.filter(person=r.person, service__office_id__in=offices)
    checked_in = Appointment.objects.filter(person__isnull=True, visit__person=r.person, service__office_id__in=offices)
    return [part.annotate(t=F("starts_at"), o=F("service__office_id")) for part in (booked, checked_in)]


def _appointment_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    entries = {}
    for appointment in rows(Appointment, pks).select_related("service__office", "desk"):
        details = [str(appointment.get_status_display())]
        minutes = appointment.minutes
        details.append(ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes})
        if appointment.desk is not None:
            details.append(appointment.desk.name)
        entries[appointment.pk] = Entry(
            appointment.starts_at,
            "appointment",
            appointment.service.office,
            _("Appointment: %(service)s") % {"service": appointment.service},
            " · ".join(details),
            status=appointment.status,
        )
    return entries


def register() -> None:
    register_source(
        "visit", gettext_lazy("Visits"), Source(keyed(_concern_rows, "at", "service__office_id"), _visit_entries)
    )
    register_source(
        "appointment",
        gettext_lazy("Appointments"),
        Source(_appointment_keys, _appointment_entries),
    )
