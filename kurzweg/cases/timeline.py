"""The timeline of a person's file: one list across offices of what the user may see.

Each kind of entry comes from a *source* (SOURCES): given the person and the offices whose
sections the user may read, it selects rows and builds entries in a fixed number of queries (never
one per entry). Offices the user may not read are not queried at all, so an entry one may not see
is not even hinted at (no count, no filter option, no gap). An office read through a referral shows
only the parts the referral passes (notes, cases, documents, residence; never tasks, visits or
appointments). Decisions are the documents of the kind "decision (Bescheid)": a kind of entry of
their own, so that they can be found among many documents.

Apps that cases may not import (the service point: visits and appointments) add their sources
with `register_source` from their AppConfig.ready (docs/architecture.md).

The timeline is shown a page at a time (PAGE_SIZE entries, newest first), in two steps: one query
reads when, id and office of the newest rows of every source (as many as the page needs), then
each kind on the page builds its entries in one query. So a file with thousands of entries costs
no more queries, and little more time, than one with fifty. Showing a page is a read of every
section it shows entries from: one audit entry per such office, in the same transaction.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.db.models import F, Q, QuerySet, Value
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from kurzweg.core import audit
from kurzweg.core.models import Office, User
from kurzweg.people.access import SectionAccess
from kurzweg.people.models import Person, SectionEntry

from . import access as policy
from .models import Case, CaseEvent, Document, PlanStep, Referral, ResidenceStatus, Task

M = TypeVar("M", bound=models.Model)


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
    limit: int | None = None  # the most rows a source needs to read (newest first) for the page
    readable: frozenset[int] = frozenset()  # every office the user may read, the office filter aside

    def covering(self, part: str) -> list[int]:
        """The offices whose `part` may be shown (a referral passes only some parts)."""
        return [pk for pk, a in self.offices.items() if policy.covers(a, part)]

    def newest(self, rows: QuerySet, at: str) -> QuerySet:
        """The rows newest first by the field `at` (then by id, so that pages never overlap),
        at most as many as the page needs."""
        rows = rows.order_by(f"-{at}", "-pk")
        return rows if self.limit is None else rows[: self.limit]


@dataclass(frozen=True)
class Source:
    """A kind of entries, read in two steps so that only the entries a page shows are built.
    `keys` selects the rows the user may see, annotated with `t` (when) and `o` (the office
    whose entry the row is): the first step reads them for all sources at once, as one query
    (UNION ALL, newest first, as many as the page needs). `entries` builds the entries of the
    rows the page shows, by id, in one query."""

    keys: Callable[[Readable], QuerySet | list[QuerySet]]  # several: parts with rows of their own
    entries: Callable[[Readable, list[int]], dict[int, Entry]]


def keyed(rows: Callable[[Readable], QuerySet], at: str, office: str = "office_id") -> Callable[[Readable], QuerySet]:
    """The `keys` of a source whose rows the function `rows` selects."""

    def keys(r: Readable) -> QuerySet:
        return rows(r).annotate(t=F(at), o=F(office))

    return keys


def _d(date: datetime.date) -> str:
    return formats.date_format(date, "SHORT_DATE_FORMAT")


def rows(model: type[M], pks: list[int]) -> QuerySet[M]:
    """The rows the first step chose (by the access policy, in the same transaction): by id, in
    no particular order (the page has its order already)."""
    return model._default_manager.filter(pk__in=pks).order_by()


# Cases ------------------------------------------------------------------------------------------


def _case_rows(r: Readable) -> QuerySet[Case]:
    return Case.objects.filter(
        Q(person=r.person, office_id__in=r.covering("cases"))
        | Q(household_id=r.person.household_id, household__isnull=False, office_id__in=r.household_offices)
    )


def _case_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    entries = {}
    for case in rows(Case, pks).select_related("office", "owner"):
        detail = _("%(status)s · owner: %(owner)s · %(area)s") % {
            "status": case.get_status_display(),
            "owner": case.owner or "—",
            "area": case.get_legal_area_display(),
        }
        if case.household_id:
            detail += " · " + _("for the whole household")
        entries[case.pk] = Entry(
            case.opened_at,
            "case",
            case.office,
            _("Case %(number)s opened: %(title)s") % {"number": case.number, "title": case.title},
            detail,
            reverse("cases:case", args=[case.pk]),
            case.status,
        )
    return entries


def _event_rows(r: Readable) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(
        Q(case__person=r.person, case__office_id__in=r.covering("cases"))
        | Q(
            case__household_id=r.person.household_id,
            case__household__isnull=False,
            case__office_id__in=r.household_offices,
        )
    ).exclude(kind=CaseEvent.Kind.OPENED)  # the case's own entry says that


def _event_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    return {
        e.pk: Entry(
            e.at,
            "case_history",
            e.case.office,
            f"{e.case.number}: {e.get_kind_display()}",
            event_detail(e),
            reverse("cases:case", args=[e.case_id]),
        )
        for e in rows(CaseEvent, pks).select_related("case__office", "actor", "owner")
    }


def event_detail(event: CaseEvent) -> str:
    if event.kind == CaseEvent.Kind.OWNER:
        return _("new owner: %(owner)s") % {"owner": event.owner or "—"}
    if event.kind == CaseEvent.Kind.CLOSED:
        return _("reason: %(reason)s") % {"reason": event.get_close_reason_display()}
    return f"{event.get_from_status_display()} → {event.get_to_status_display()} · {event.actor}"


# Residence status --------------------------------------------------------------------------------


def _residence_rows(r: Readable) -> QuerySet[ResidenceStatus]:
    offices = [pk for pk, a in r.offices.items() if a.section_office.kind == "abh" and policy.covers(a, "residence")]
    return ResidenceStatus.objects.filter(person=r.person, office_id__in=offices[:1])


def _residence_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    entries = {}
    for s in rows(ResidenceStatus, pks).select_related("office"):
        validity = _("valid %(start)s – %(end)s") % {
            "start": _d(s.valid_from) if s.valid_from else "…",
            "end": _d(s.valid_until) if s.valid_until else "…",
        }
        entries[s.pk] = Entry(
            s.recorded_at,
            "residence",
            s.office,
            _("Residence status recorded: %(status)s") % {"status": s.description},
            validity,
            reverse("cases:residence", args=[r.person.pk]),
        )
    return entries


# Tasks -------------------------------------------------------------------------------------------


def _task_rows(r: Readable) -> QuerySet[Task]:
    return Task.objects.filter(person=r.person, office_id__in=r.covering("tasks"))


def _task_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    return {
        t.pk: Entry(
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
        for t in rows(Task, pks).select_related("office", "assignee")
    }


# Referrals ---------------------------------------------------------------------------------------


def _referral_rows(r: Readable) -> QuerySet[Referral]:
    """A referral belongs to both offices: shown to whoever may read either side's section
    (through the own office, a legal basis or a consent — never through a referral, which passes
    only its parts), as the entry of the side they read."""
    readable = r.covering("referrals")
    return Referral.objects.filter(person=r.person).filter(
        Q(from_office_id__in=readable) | Q(to_office_id__in=readable)
    )


def _referral_keys(r: Readable) -> QuerySet[Referral]:
    side = models.Case(
        models.When(from_office_id__in=r.covering("referrals"), then=F("from_office_id")), default=F("to_office_id")
    )
    return _referral_rows(r).annotate(t=F("created_at"), o=side)


def _referral_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    readable = set(r.covering("referrals"))
    entries = {}
    for ref in rows(Referral, pks).select_related("from_office", "to_office"):
        detail = _("%(status)s · data passed: %(parts)s") % {
            "status": ref.get_status_display(),
            "parts": ", ".join(ref.part_labels()) or _("none"),
        }
        entries[ref.pk] = Entry(
            ref.created_at,
            "referral",
            ref.from_office if ref.from_office_id in readable else ref.to_office,
            _("Referral from %(from)s to %(to)s") % {"from": ref.from_office.name, "to": ref.to_office.name},
            detail,
            reverse("cases:referral", args=[ref.pk]) if _opens_referral(r, ref) else "",
            ref.status,
        )
    return entries


def _opens_referral(r: Readable, ref: Referral) -> bool:
    """The referral's page opens for the staff of its two offices (see access.read_referral)."""
    return any(
        a.basis_kind == "own_office" and a.section_office.pk in (ref.from_office_id, ref.to_office_id)
        for a in r.offices.values()
    )


# Documents and decisions -------------------------------------------------------------------------


def _document_rows(r: Readable) -> QuerySet[Document]:
    return Document.objects.filter(person=r.person, office_id__in=r.covering("documents")).exclude(
        kind=Document.Kind.DECISION
    )


def _decision_rows(r: Readable) -> QuerySet[Document]:
    """Decisions (Bescheide) an office issued or received, as uploaded documents of that kind."""
    return Document.objects.filter(person=r.person, office_id__in=r.covering("documents"), kind=Document.Kind.DECISION)


def _document_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    """Documents and decisions alike (the first step told them apart)."""
    entries = {}
    for d in rows(Document, pks).select_related("office"):
        decision = d.kind == Document.Kind.DECISION
        detail = str(d.get_kind_display())
        if d.valid_until:
            detail += " · " + _("valid until %(date)s") % {"date": _d(d.valid_until)}
        title = _("Decision: %(title)s") if decision else _("Document: %(title)s")
        entries[d.pk] = Entry(
            d.uploaded_at,
            "decision" if decision else "document",
            d.office,
            title % {"title": d.display_title},
            detail,
            reverse("cases:document_download", args=[d.pk]),
        )
    return entries


# Notes -------------------------------------------------------------------------------------------


def _note_rows(r: Readable) -> QuerySet[SectionEntry]:
    """The entries (notes) in the offices' sections. Special categories only where the access
    covers them; a referral passes notes without them (its access never does)."""
    offices = r.covering("entries")
    with_special = [pk for pk in offices if r.offices[pk].special_categories]
    return SectionEntry.objects.filter(person=r.person).filter(
        Q(office_id__in=with_special) | Q(office_id__in=offices, special_category="")
    )


def _note_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    entries = {}
    for note in rows(SectionEntry, pks).select_related("office"):
        detail = note.text
        if note.special_category:
            category = _("special category: %(category)s") % {"category": note.get_special_category_display()}
            detail = f"{category} · {detail}" if detail else category
        # The section page opens by the person file's policy; notes passed by a referral are
        # read on the referral's page instead.
        by_referral = r.offices[note.office_id].basis_kind == policy.REFERRAL
        entries[note.pk] = Entry(
            note.created_at,
            "note",
            note.office,
            note.title,
            detail,
            "" if by_referral else reverse("people:section", args=[r.person.pk, note.office.code]),
        )
    return entries


def _plan_step_rows(r: Readable) -> QuerySet[PlanStep]:
    """The steps of the person's integration plan, for those who may read the section of the
    office keeping it (cases/plans.py; a referral never passes a plan). Entries of that office:
    the steps are part of its section, whichever office is responsible for them. Two steps like
    the other kinds: a page without plan steps costs no query for them."""
    return PlanStep.objects.filter(plan__person=r.person, plan__office_id__in=r.covering("plan"))


def _plan_step_entries(r: Readable, pks: list[int]) -> dict[int, Entry]:
    return {
        s.pk: Entry(
            s.created_at,
            "plan_step",
            s.plan.office,
            _("Plan step: %(title)s") % {"title": s.title},
            _("goal: %(goal)s · %(who)s · %(date)s · %(status)s")
            % {
                "goal": s.goal.title,
                "who": " · ".join(x for x in (s.office.name if s.office else "", s.partner) if x),
                "date": _d(s.due_date),
                "status": s.get_status_display(),
            },
            reverse("cases:plan", args=[r.person.pk]),
            s.status,
            s.is_overdue(r.today),
        )
        for s in rows(PlanStep, pks).select_related("plan__office", "goal", "office")
    }


# The kinds of entries, in the order the filter offers them, and the source of each.
KINDS: list[tuple[str, StrOrPromise]] = [
    ("case", gettext_lazy("Cases")),
    ("case_history", gettext_lazy("Case history")),
    ("decision", gettext_lazy("Decisions")),
    ("residence", gettext_lazy("Residence status")),
    ("task", gettext_lazy("Tasks")),
    ("referral", gettext_lazy("Referrals")),
    ("document", gettext_lazy("Documents")),
    ("note", gettext_lazy("Notes")),
    ("plan_step", gettext_lazy("Integration plan")),
]
# A source is a Source (two steps: for kinds a file may hold many of) or a function that returns
# the entries at once (at most Readable.limit of them: for kinds a file holds few of).
SimpleSource = Callable[[Readable], list[Entry]]
SOURCES: dict[str, Source | SimpleSource] = {
    "case": Source(keyed(_case_rows, "opened_at"), _case_entries),
    "case_history": Source(keyed(_event_rows, "at", "case__office_id"), _event_entries),
    "decision": Source(keyed(_decision_rows, "uploaded_at"), _document_entries),
    "residence": Source(keyed(_residence_rows, "recorded_at"), _residence_entries),
    "task": Source(keyed(_task_rows, "created_at"), _task_entries),
    "referral": Source(_referral_keys, _referral_entries),
    "document": Source(keyed(_document_rows, "uploaded_at"), _document_entries),
    "note": Source(keyed(_note_rows, "created_at"), _note_entries),
    "plan_step": Source(keyed(_plan_step_rows, "created_at", "plan__office_id"), _plan_step_entries),
}


def register_source(kind: str, label: StrOrPromise, source: Source | SimpleSource) -> None:
    """Add a kind of entries from an app that cases may not import; called from its
    AppConfig.ready. The source must honour the Readable it gets: only the offices in
    `covering(<its part>)`, at most `limit` rows (`Readable.newest`, `keyed`), a fixed number of
    queries. Its `keys` may depend on the person only through their id and household id (the
    first step's SQL is compiled once per shape of access and filled in with those: _shape)."""
    if kind not in SOURCES:
        KINDS.append((kind, label))
    SOURCES[kind] = source


# 50 entries are several screens; a page of 100 took twice as long to build and render (bench/timeline).
PAGE_SIZE = 50
LAST_PAGE = 1000  # a made-up ?page=10**20 must not become a LIMIT the database refuses


@dataclass
class Timeline:
    entries: list[Entry]  # the page shown, newest first
    offices: list[Office]  # the offices whose entries the user may see: the office filter
    kinds: list[tuple[str, StrOrPromise]] = field(default_factory=lambda: KINDS)
    page: int = 1
    has_older: bool = False  # another page follows


def timeline(
    user: User,
    person: Person,
    *,
    office_codes: Iterable[str] = (),
    kinds: Iterable[str] = (),
    accesses: policy.Accesses | None = None,
    today: datetime.date | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Timeline:
    """One page of the person's timeline as `user` may see it, newest first, filtered by office
    codes and kinds (empty: all). The read is audited per office the page shows entries of."""
    accesses = accesses if accesses is not None else policy.accesses_for(user, person)
    readable = {pk: a for pk, a in accesses.items() if a.granted}
    all_readable = frozenset(readable)
    offices = sorted((a.section_office for a in readable.values()), key=lambda o: o.name)
    wanted_codes = set(office_codes)
    if wanted_codes:
        readable = {pk: a for pk, a in readable.items() if a.section_office.code in wanted_codes}
    household = {pk for pk, a in readable.items() if a.basis_kind not in ("consent", policy.REFERRAL)}
    page = max(1, min(page, LAST_PAGE))
    # Each source's newest `shown + 1` rows hold every entry of pages 1..page and tell whether
    # there is another: the page's entries are the newest overall among them.
    shown = page * page_size
    r = Readable(person, readable, household, today or timezone.localdate(), limit=shown + 1, readable=all_readable)
    wanted_kinds = set(kinds) & set(SOURCES) or set(SOURCES)
    # No savepoint inside a caller's transaction (the view reads the residence in the same one).
    with transaction.atomic(savepoint=False):
        rows = _keys(r, [k for k in SOURCES if k in wanted_kinds]) if readable else []
        has_older = len(rows) > shown
        entries = _entries(r, rows[shown - page_size : shown])
        shown_offices = sorted({e.office.pk for e in entries})
        audit.record_reads(
            user,
            person_id=person.pk,
            grants=[
                (readable[pk].section_office, readable[pk].acting_office, readable[pk].audit_reason)
                for pk in shown_offices
            ],
        )
    return Timeline(entries, offices, page=page, has_older=has_older)


# (when, kind, id, office id, the entry if a simple source built it already)
Row = tuple[datetime.datetime, str, int, int, Entry | None]


def _keys(r: Readable, kinds: list[str]) -> list[Row]:
    """The newest `r.limit` rows of the sources, newest first: the two-step sources' in one
    query, ties in a fixed order (kind, then id), so that pages never overlap."""
    two_step = [kind for kind in kinds if isinstance(SOURCES[kind], Source)]
    simple: list[Row] = []
    for kind in kinds:
        source = SOURCES[kind]
        if not isinstance(source, Source):
            simple += [(e.at, kind, i, e.office.pk, e) for i, e in enumerate(source(r))]
    rows: list[Row] = []
    if two_step:
        rows = [(at, kind, pk, office, None) for at, pk, office, kind in _union_rows(r, two_step)]
    # Stable: the simple sources' rows go after the others of the same moment.
    rows += simple
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows


def _union(r: Readable, kinds: list[str]) -> QuerySet:
    """The first step as a query: the two-step sources' keys as one UNION ALL, newest first."""
    parts = []
    for kind in kinds:
        source = SOURCES[kind]
        assert isinstance(source, Source)
        keys = source.keys(r)
        for part in keys if isinstance(keys, list) else [keys]:
            kind_value = Value(kind, output_field=models.CharField())
            parts.append(part.annotate(i=F("pk"), k=kind_value).values_list("t", "i", "o", "k").order_by())
    return parts[0].union(*parts[1:], all=True).order_by("-t", "k", "-i")[: r.limit]


@dataclass(frozen=True)
class _CompiledUnion:
    """The SQL of the first step for one shape of Readable, and how to fill in its parameters:
    each is a constant, or the person's id or household id (PERSON, HOUSEHOLD)."""

    sql: str
    params: tuple[object, ...]
    converters: list[tuple[int, tuple[list[Callable], object]]]


_PERSON = object()
_HOUSEHOLD = object()
# Compiling the UNION of a dozen parts took Django ~10 ms per page, as long as the rest of the
# first step; its SQL only changes with the shape below, so it is compiled once per shape.
_COMPILED: dict[tuple, _CompiledUnion | None] = {}
_COMPILED_MAX = 512  # shapes: users' kinds of access x filters; cleared when full


def _shape(r: Readable, kinds: list[str]) -> tuple:
    """Everything the first step's SQL depends on apart from the person's and household's ids:
    the sources (a registered one may replace another), the accesses by office (their parts,
    special categories, bases), the household offices, the readable offices, the day, the
    person's agency and whether they live in a household, the limit."""
    return (
        connection.alias,
        tuple((kind, id(SOURCES[kind])) for kind in kinds),
        tuple(sorted(r.offices.items(), key=lambda item: item[0])),
        frozenset(r.household_offices),
        r.readable,
        r.today,
        r.person.agency_id,
        r.person.household_id is None,
        r.limit,
    )


def _compile(r: Readable, kinds: list[str]) -> _CompiledUnion | None:
    """Compile the union for a stand-in person with ids of its own, so that the parameters that
    are the person's ids can be told from the others. None if a source uses the person's ids in
    a way this cannot see (then the union is compiled each time)."""
    person_id, household_id = uuid.uuid4(), uuid.uuid4()
    stand_in = copy.copy(r.person)
    stand_in.pk = person_id
    stand_in.household_id = household_id if r.person.household_id is not None else None
    compiler = _union(dataclasses.replace(r, person=stand_in), kinds).query.get_compiler(connection=connection)
    sql, raw_params = compiler.as_sql()
    params: list[object] = []
    seen_person = False
    for value in raw_params:
        if _form(value, person_id):
            params.append((_PERSON, _form(value, person_id)))
            seen_person = True
        elif _form(value, household_id):
            params.append((_HOUSEHOLD, _form(value, household_id)))
        elif isinstance(value, (str, int, bool, type(None))):
            params.append(value)
        else:
            return None  # a parameter of a type whose meaning cannot be checked here
    if not seen_person:
        return None
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    return _CompiledUnion(sql, tuple(params), list(compiler.get_converters(fields).items()))


def _form(value: object, id_: uuid.UUID) -> str:
    """How a parameter holds the id, if it does: as a UUID, or as text (hex on SQLite)."""
    if value == id_:
        return "uuid"
    if value == id_.hex:
        return "hex"
    return "str" if value == str(id_) else ""


def _param(value: object, r: Readable) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] in (_PERSON, _HOUSEHOLD):
        which, form = value
        id_ = r.person.pk if which is _PERSON else r.person.household_id
        assert isinstance(id_, uuid.UUID)
        return {"uuid": id_, "hex": id_.hex, "str": str(id_)}[form]
    return value


def _union_rows(r: Readable, kinds: list[str]) -> list[tuple]:
    """The rows of the first step: (when, id, office id, kind)."""
    key = _shape(r, kinds)
    if key not in _COMPILED:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[key] = _compile(r, kinds)
    compiled = _COMPILED[key]
    if compiled is None:
        return list(_union(r, kinds))
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [_param(p, r) for p in compiled.params])
        rows = cursor.fetchall()
    if not compiled.converters:
        return [tuple(row) for row in rows]
    converted = []
    for row in rows:
        values = list(row)
        for pos, (converters, expression) in compiled.converters:
            for converter in converters:
                values[pos] = converter(values[pos], expression, connection)
        converted.append(tuple(values))
    return converted


def _entries(r: Readable, rows: list[Row]) -> list[Entry]:
    """The entries of the rows a page shows, built by their sources: one query per `entries`
    function (documents and decisions share one)."""
    wanted: dict[Callable, list[int]] = {}
    for _at, kind, pk, _office, entry in rows:
        if entry is None:
            source = SOURCES[kind]
            assert isinstance(source, Source)
            wanted.setdefault(source.entries, []).append(pk)
    built: dict[Callable, dict[int, Entry]] = {build: build(r, pks) for build, pks in wanted.items()}
    # A row deleted between the two steps is left out.
    entries = []
    for _at, kind, pk, _office, entry in rows:
        if entry is None:
            source = SOURCES[kind]
            assert isinstance(source, Source)
            entry = built[source.entries].get(pk)
        if entry is not None:
            entries.append(entry)
    return entries
