"""Case management's part of data protection (kurzweg/privacy/registry.py): cases and their
history, residence status, tasks, referrals and documents (with the files) in a subject access
export; their deletion with the person; how long closed cases, finished tasks, ended referrals
and expired documents are kept."""

from __future__ import annotations

import datetime
import functools

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kurzweg.privacy import registry
from kurzweg.privacy.registry import Erased, ExportFile, ExportSection, Subject, Text, model_section, stored_fields

from . import storage
from .models import (
    Case,
    CaseEvent,
    Document,
    Plan,
    PlanEvent,
    PlanGoal,
    PlanStep,
    Referral,
    ReferralEvent,
    ResidenceStatus,
    Task,
)


def _cases(subject: Subject):  # type: ignore[no-untyped-def]
    """The person's own cases and their household's (a household case concerns every member)."""
    own = Q(person_id__in=subject.person_ids)
    if subject.person.household_id:
        own |= Q(household_id=subject.person.household_id)
    return Case.objects.filter(own).select_related("office", "owner", "opened_by")


def _with_reference(section: ExportSection, rows, key: str, label: Text, ref) -> ExportSection:  # type: ignore[no-untyped-def]
    for record, row in zip(section.records, rows, strict=True):
        record[key] = ref(row)
    section.labels[key] = str(label)
    return section


def export(subject: Subject) -> list[ExportSection]:
    ids = subject.person_ids
    cases = list(_cases(subject))
    case_fields = (
        "office",
        "legal_area",
        "title",
        "status",
        "close_reason",
        "opened_at",
        "opened_by",
        "closed_at",
        "owner",
    )
    cases_section = _with_reference(
        model_section("cases", _("Cases"), cases, case_fields), cases, "number", _("case number"), lambda c: c.number
    )
    # Subqueries, not lists of ids: a long file must not hit SQLite's limit of query parameters.
    case_rows = _cases(subject).values("pk")
    events = list(CaseEvent.objects.filter(case__in=case_rows).select_related("case__office", "actor").order_by("at"))
    event_fields = ("kind", "at", "actor", "from_status", "to_status")
    events_section = _with_reference(
        model_section("case_events", _("History of the cases"), events, event_fields),
        events,
        "case",
        _("case number"),
        lambda e: e.case.number,
    )
    referrals = list(
        Referral.objects.filter(person_id__in=ids).select_related("from_office", "to_office", "created_by")
    )
    referral_rows = Referral.objects.filter(person_id__in=ids).values("pk")
    referral_events = list(
        ReferralEvent.objects.filter(referral__in=referral_rows).select_related("actor").order_by("at")
    )
    documents = list(Document.objects.filter(person_id__in=ids).select_related("office", "uploaded_by"))
    names = {d.pk: f"{n:03d}-{d.original_name or d.pk}" for n, d in enumerate(documents, 1)}
    subject.files += [ExportFile(names[d.pk], storage.path_of(d.storage_name)) for d in documents]
    document_fields = (
        "office", "kind", "title", "valid_until", "content_type", "size", "original_name", "uploaded_at",
        "uploaded_by",
    )  # fmt: skip
    documents_section = _with_reference(
        model_section("documents", _("Documents"), documents, document_fields),
        documents,
        "file",
        _("file in this export"),
        lambda d: f"dokumente/{names[d.pk]}",
    )
    residence = ResidenceStatus.objects.filter(person_id__in=ids).select_related("office", "recorded_by")
    tasks = Task.objects.filter(Q(person_id__in=ids) | Q(case__in=case_rows)).select_related("office", "assignee")
    sections = [
        cases_section,
        events_section,
        model_section(
            "residence",
            _("Residence status"),
            residence,
            ("kind", "legal_paragraph", "valid_from", "valid_until", "office", "recorded_at", "recorded_by"),
        ),
        model_section(
            "tasks",
            _("Tasks"),
            tasks,
            ("office", "kind", "title", "due_date", "status", "assignee", "created_at", "finished_at"),
        ),
        _with_reference(
            model_section(
                "referrals",
                _("Referrals between offices"),
                referrals,
                ("from_office", "to_office", "reason", "parts", "status", "override_reason", "decline_reason",
                 "created_at", "created_by"),
            ),
            referrals, "number", _("referral number"), lambda r: r.pk,
        ),
        _with_reference(
            model_section("referral_events", _("History of the referrals"), referral_events,
                          ("status", "at", "actor", "reason")),
            referral_events, "referral", _("referral number"), lambda e: e.referral_id,
        ),
        documents_section,
        *_plan_sections(ids),
    ]  # fmt: skip
    offices = {c.office_id for c in cases} | {d.office_id for d in documents} | {r.from_office_id for r in referrals}
    offices |= set(residence.values_list("office_id", flat=True))
    sections[0].office_ids = offices
    return sections


def _plan_sections(ids) -> list[ExportSection]:  # type: ignore[no-untyped-def]
    """The integration plan with its goals, steps and history, every stored field (the plan's
    models are young and still grow)."""
    plans = Plan.objects.filter(person_id__in=ids)
    parts = (
        ("plan", _("Integration plan"), Plan, plans),
        ("plan_goals", _("Goals of the integration plan"), PlanGoal, PlanGoal.objects.filter(plan__in=plans)),
        ("plan_steps", _("Steps of the integration plan"), PlanStep, PlanStep.objects.filter(plan__in=plans)),
        ("plan_events", _("History of the integration plan"), PlanEvent, PlanEvent.objects.filter(plan__in=plans)),
    )
    return [
        model_section(key, title, rows.order_by("pk"), stored_fields(model, ("id", "agency", "person")))
        for key, title, model, rows in parts
    ]


def _delete_documents(documents) -> int:  # type: ignore[no-untyped-def]
    names = list(documents.values_list("storage_name", flat=True))
    documents.delete()
    for name in names:
        registry.remove_file_after_commit(functools.partial(storage.remove, name))
    return len(names)


def erase(subject: Subject) -> list[Erased]:
    """The person's own cases, tasks, referrals, documents (with the files) and residence data.
    Household cases stay while other members live in the household (they concern them too);
    they go with the household when its last member is deleted."""
    ids = subject.person_ids
    own_cases = Case.objects.filter(person_id__in=ids)
    tasks = Task.objects.filter(Q(person_id__in=ids) | Q(case__in=own_cases))
    counted = [
        (Document, _delete_documents(Document.objects.filter(person_id__in=ids))),
        (Task, tasks.count()),
        (Referral, Referral.objects.filter(person_id__in=ids).count()),
        (ResidenceStatus, ResidenceStatus.objects.filter(person_id__in=ids).count()),
        (Case, own_cases.count()),
        (Plan, Plan.objects.filter(person_id__in=ids).count()),
    ]
    Plan.objects.filter(person_id__in=ids).delete()  # with its goals, steps and history
    tasks.delete()
    Referral.objects.filter(person_id__in=ids).delete()
    ResidenceStatus.objects.filter(person_id__in=ids).delete()
    own_cases.delete()
    return [Erased(m._meta.label_lower, registry.DELETED, n) for m, n in counted if n]


# Retention --------------------------------------------------------------------------------------


def _apply_closed_cases(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    closed = Case.objects.filter(agency_id=agency_id, status=Case.Status.CLOSED, closed_at__lt=cutoff)
    if not dry_run:
        # Their tasks would otherwise stay behind without a case (Task.case is SET_NULL).
        Task.objects.filter(case__in=closed).delete()
    return registry.delete_rows(closed, dry_run)


def _apply_finished_tasks(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    finished = Task.objects.filter(agency_id=agency_id, finished_at__lt=cutoff).exclude(status=Task.Status.OPEN)
    return registry.delete_rows(finished, dry_run)


def _apply_ended_referrals(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    ended = Referral.objects.filter(agency_id=agency_id, changed_at__lt=cutoff).exclude(status__in=Referral.ACTIVE)
    return registry.delete_rows(ended, dry_run)


def _apply_expired_documents(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    expired = Document.objects.filter(agency_id=agency_id, valid_until__lt=cutoff.date())
    count = expired.count()
    if not dry_run and count:
        _delete_documents(expired)
    return count


registry.register(
    registry.Contribution(
        key="cases",
        order=50,
        models=(Case, ResidenceStatus, Task, Referral, Document, Plan),
        export=export,
        erase=erase,
    )
)
for rule in (
    registry.RetentionRule(
        kind="cases.closed_case",
        label=_("closed cases, with their history and tasks"),
        action=registry.DELETED,
        default_days=10 * 365,
        basis=_(
            "The offices' filing rules keep closed files for five to ten years (e.g. SGB II and SGB III "
            "files ten years); ten years by default — shorten it where the office's rules allow."
        ),
        apply=_apply_closed_cases,
    ),
    registry.RetentionRule(
        kind="cases.finished_task",
        label=_("finished or cancelled tasks"),
        action=registry.DELETED,
        default_days=2 * 365,
        basis=_("A task is a working note; what was decided is in the case. Two years by default."),
        apply=_apply_finished_tasks,
    ),
    registry.RetentionRule(
        kind="cases.ended_referral",
        label=_("ended referrals (declined, done or revoked), with their history"),
        action=registry.DELETED,
        default_days=3 * 365,
        basis=_(
            "Kept as proof of what was passed to which office and on which basis, for the regular "
            "limitation period of three years (§ 195 BGB)."
        ),
        apply=_apply_ended_referrals,
    ),
    registry.RetentionRule(
        kind="cases.expired_document",
        label=_("documents whose validity ended (copies of passports and permits)"),
        action=registry.DELETED,
        default_days=365,
        basis=_(
            "A copy of an expired identity document is no longer needed once the new one is on file "
            "(Art. 5(1)(e) GDPR); one year after its end by default."
        ),
        apply=_apply_expired_documents,
    ),
):
    registry.register_rule(rule)
