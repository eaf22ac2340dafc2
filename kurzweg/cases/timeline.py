"""The timeline of a person's file: one list across offices of what the user may see.

Each kind of entry comes from a *source*: a function that gets the person and the offices whose
sections the user may read, and returns entries in a fixed number of queries (never one per
entry). Offices the user may not read are not queried at all, so an entry one may not see is
not even hinted at (no count, no filter option, no gap). An office read through a referral shows
only the parts the referral passes (cases, documents, residence; never tasks). Notes and
appointments join later as further sources in SOURCES.

Showing the timeline is a read of every section it shows entries from: one audit entry per such
office, in the same transaction as the queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.people.access import SectionAccess
from kurzweg.people.models import Person

from . import access as policy
from .models import Case, CaseEvent, Document, Referral, ResidenceStatus, Task


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    kind: str
    office: Office
    title: str
    detail: str = ""
    url: str = ""
    status: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class Readable:
    """What the sources may show: the person, and by office id the access to its section (for a
    household's cases, consents do not count)."""

    person: Person
    offices: dict[int, SectionAccess]
    household_offices: set[int]
    today: datetime.date

    def covering(self, part: str) -> list[int]:
        """The offices whose `part` may be shown (a referral passes only some parts)."""
        return [pk for pk, a in self.offices.items() if policy.covers(a, part)]


def _d(date: datetime.date) -> str:
    return formats.date_format(date, "SHORT_DATE_FORMAT")


def _cases(r: Readable) -> list[Entry]:
    cases = Case.objects.filter(
        Q(person=r.person, office_id__in=r.covering("cases"))
        | Q(household_id=r.person.household_id, household__isnull=False, office_id__in=r.household_offices)
    ).select_related("office", "owner")
    entries = []
    for case in cases:
        detail = _("%(status)s · owner: %(owner)s · %(area)s") % {
            "status": case.get_status_display(),
            "owner": case.owner or "—",
            "area": case.get_legal_area_display(),
        }
        if case.household_id:
            detail += " · " + _("for the whole household")
        entries.append(
            Entry(
                case.opened_at,
                "case",
                case.office,
                _("Case %(number)s opened: %(title)s") % {"number": case.number, "title": case.title},
                detail,
                reverse("cases:case", args=[case.pk]),
                case.status,
            )
        )
    return entries


def _case_history(r: Readable) -> list[Entry]:
    events = (
        CaseEvent.objects.filter(
            Q(case__person=r.person, case__office_id__in=r.covering("cases"))
            | Q(
                case__household_id=r.person.household_id,
                case__household__isnull=False,
                case__office_id__in=r.household_offices,
            )
        )
        .exclude(kind=CaseEvent.Kind.OPENED)  # the case's own entry says that
        .select_related("case__office", "actor", "owner")
    )
    return [
        Entry(
            e.at,
            "case_history",
            e.case.office,
            f"{e.case.number}: {e.get_kind_display()}",
            event_detail(e),
            reverse("cases:case", args=[e.case_id]),
        )
        for e in events
    ]


def event_detail(event: CaseEvent) -> str:
    if event.kind == CaseEvent.Kind.OWNER:
        return _("new owner: %(owner)s") % {"owner": event.owner or "—"}
    if event.kind == CaseEvent.Kind.CLOSED:
        return _("reason: %(reason)s") % {"reason": event.get_close_reason_display()}
    return f"{event.get_from_status_display()} → {event.get_to_status_display()} · {event.actor}"


def _residence(r: Readable) -> list[Entry]:
    office = next(
        (
            a.section_office
            for a in r.offices.values()
            if a.section_office.kind == "abh" and policy.covers(a, "residence")
        ),
        None,
    )
    if office is None:
        return []
    statuses = ResidenceStatus.objects.filter(person=r.person, office=office).select_related("office")
    entries = []
    for s in statuses:
        validity = _("valid %(start)s – %(end)s") % {
            "start": _d(s.valid_from) if s.valid_from else "…",
            "end": _d(s.valid_until) if s.valid_until else "…",
        }
        entries.append(
            Entry(
                s.recorded_at,
                "residence",
                s.office,
                _("Residence status recorded: %(status)s") % {"status": s.description},
                validity,
                reverse("cases:residence", args=[r.person.pk]),
            )
        )
    return entries


def _tasks(r: Readable) -> list[Entry]:
    tasks = Task.objects.filter(person=r.person, office_id__in=r.covering("tasks")).select_related("office", "assignee")
    return [
        Entry(
            t.created_at,
            "task",
            t.office,
            _("Task: %(title)s") % {"title": t.display_title},
            _("due %(date)s · %(status)s · %(who)s")
            % {
                "date": _d(t.due_date),
                "status": t.get_status_display(),
                "who": t.assignee or _("the office's queue"),
            },
            reverse("cases:task", args=[t.pk]),
            t.status,
            t.is_overdue(r.today),
        )
        for t in tasks
    ]


def _referrals(r: Readable) -> list[Entry]:
    """A referral belongs to both offices: shown to whoever may read either side's section
    (through the own office, a legal basis or a consent — never through a referral, which passes
    only its parts), as the entry of the side they read."""
    readable = set(r.covering("referrals"))
    referrals = (
        Referral.objects.filter(person=r.person)
        .filter(Q(from_office_id__in=readable) | Q(to_office_id__in=readable))
        .select_related("from_office", "to_office")
    )
    entries = []
    for ref in referrals:
        office = ref.from_office if ref.from_office_id in readable else ref.to_office
        detail = _("%(status)s · data passed: %(parts)s") % {
            "status": ref.get_status_display(),
            "parts": ", ".join(ref.part_labels()) or _("none"),
        }
        entries.append(
            Entry(
                ref.created_at,
                "referral",
                office,
                _("Referral from %(from)s to %(to)s") % {"from": ref.from_office.name, "to": ref.to_office.name},
                detail,
                reverse("cases:referral", args=[ref.pk]) if _opens_referral(r, ref) else "",
                ref.status,
            )
        )
    return entries


def _opens_referral(r: Readable, ref: Referral) -> bool:
    """The referral's page opens for the staff of its two offices (see access.read_referral)."""
    return any(
        a.basis_kind == "own_office" and a.section_office.pk in (ref.from_office_id, ref.to_office_id)
        for a in r.offices.values()
    )


def _documents(r: Readable) -> list[Entry]:
    documents = Document.objects.filter(person=r.person, office_id__in=r.covering("documents")).select_related("office")
    return [
        Entry(
            d.uploaded_at,
            "document",
            d.office,
            _("Document: %(title)s") % {"title": d.display_title},
            str(d.get_kind_display())
            + (" · " + _("valid until %(date)s") % {"date": _d(d.valid_until)} if d.valid_until else ""),
            reverse("cases:document_download", args=[d.pk]),
        )
        for d in documents
    ]


# The kinds of entries, in the order the filter offers them, and the source of each.
KINDS: list[tuple[str, StrOrPromise]] = [
    ("case", gettext_lazy("Cases")),
    ("case_history", gettext_lazy("Case history")),
    ("residence", gettext_lazy("Residence status")),
    ("task", gettext_lazy("Tasks")),
    ("referral", gettext_lazy("Referrals")),
    ("document", gettext_lazy("Documents")),
]
SOURCES: dict[str, Callable[[Readable], list[Entry]]] = {
    "case": _cases,
    "case_history": _case_history,
    "residence": _residence,
    "task": _tasks,
    "referral": _referrals,
    "document": _documents,
}


@dataclass
class Timeline:
    entries: list[Entry]
    offices: list[Office]  # the offices whose entries the user may see: the office filter
    kinds: list[tuple[str, StrOrPromise]] = field(default_factory=lambda: KINDS)


def timeline(
    user: User,
    person: Person,
    *,
    office_codes: Iterable[str] = (),
    kinds: Iterable[str] = (),
    accesses: policy.Accesses | None = None,
    today: datetime.date | None = None,
) -> Timeline:
    """The person's timeline as `user` may see it, newest first, filtered by office codes and
    kinds (empty: all). The read is audited per office shown."""
    accesses = accesses if accesses is not None else policy.accesses_for(user, person)
    readable = {pk: a for pk, a in accesses.items() if a.granted}
    offices = sorted((a.section_office for a in readable.values()), key=lambda o: o.name)
    wanted_codes = set(office_codes)
    if wanted_codes:
        readable = {pk: a for pk, a in readable.items() if a.section_office.code in wanted_codes}
    household = {pk for pk, a in readable.items() if a.basis_kind not in ("consent", policy.REFERRAL)}
    r = Readable(person, readable, household, today or timezone.localdate())
    wanted_kinds = set(kinds) & set(SOURCES) or set(SOURCES)
    with transaction.atomic():
        entries: list[Entry] = []
        for kind in SOURCES:
            if kind in wanted_kinds and readable:
                entries += SOURCES[kind](r)
        for office_id in sorted({e.office.pk for e in entries}):
            grant = readable[office_id]
            audit.record(
                user,
                AuditEntry.Action.READ_SECTION,
                person_id=person.pk,
                section_office=grant.section_office,
                acting_office=grant.acting_office,
                reason=grant.audit_reason,
            )
    entries.sort(key=lambda e: e.at, reverse=True)
    return Timeline(entries, offices)
