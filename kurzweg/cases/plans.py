"""Integration plans: who sees and changes which part of a plan, and the changes themselves
(plain functions, one transaction each, taking the acting staff member, audited in the same
transaction like everything in cases/services.py). The permission check comes before the
transaction, so that a refusal's log entry is not rolled back with the refused change.

The policy, built on the person file's (cases/access.py, people/access.py):

- A plan is kept by one office (`Plan.office`, the case management that draws it up) and is part
  of that office's section of the person's file — goals, steps, partners and history alike,
  whichever office a step names. Whoever may read that section (own office, legal basis,
  consent) sees the whole plan. A referral does not pass a plan (its parts are entries, cases,
  documents and residence details).
- An office named responsible for a step learns of it because the keeping office made it
  responsible: its staff (in a role that may read sections) see *their office's steps* and the
  goals those steps serve, even without a basis for the whole section — never the other
  offices' steps, the other goals, the partners or the history. Such a read is audited as a read
  of the keeping office's section with the reason "plan_step:<plan id>".
- The plan, its goals and its steps are drawn up and changed by the keeping office's staff whose
  role may write there. A step's status, date and owner are also changed by the staff of its
  responsible office whose role may write there (each office keeps its own responsibility).
  Steps of outside partners are kept by the keeping office.
- A step's owner works in the step's office (for a partner's step: in the keeping office), in a
  role that may write there.
- Every read is audited (READ_SECTION of the keeping office's section), every refusal logged,
  every change audited with the changed field names (never values) and written to the plan's
  history (PlanEvent). The printout is a read like any other, and needs the whole plan.
- Whether a person has a plan is not protected (a 403 where others get the form to draw one
  up tells it): so that nobody draws up a second one. What it says is.
- A plan holds nothing of a special category: it is shown to the offices its steps name. Health
  or asylum matters stay entries of that category in the section (people/access.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.people.access import SectionAccess, log_refusal
from kurzweg.people.models import Person

from . import access as policy
from .models import Plan, PlanEvent, PlanGoal, PlanStep

PLAN_STEP = "plan_step"  # audit reason "plan_step:<plan id>": a read of one's own office's steps
PART = "plan"  # the part of a section a plan is (never passed by a referral)


class PlanRefused(ValueError):
    """A change the plan does not allow; the message is shown to the user."""


@dataclass(frozen=True)
class PlanAccess:
    """How the user stands to a plan. `whole`: the keeping office's section is open to them.
    `step_offices`: their own offices (role may read sections) whose steps they see without it."""

    plan: Plan
    section: SectionAccess
    step_offices: frozenset[int] = frozenset()
    write_offices: frozenset[int] = frozenset()

    @property
    def whole(self) -> bool:
        return self.section.granted

    @property
    def keeps(self) -> bool:
        """May draw up goals and steps and change everything: writes in the keeping office."""
        return self.plan.office_id in self.write_offices

    def sees(self, step: PlanStep) -> bool:
        return self.whole or step.office_id in self.step_offices

    def may_change(self, step: PlanStep) -> bool:
        return self.keeps or (step.office_id is not None and step.office_id in self.write_offices and self.sees(step))

    @property
    def audit_reason(self) -> str:
        return self.section.audit_reason if self.whole else f"{PLAN_STEP}:{self.plan.pk}"


@dataclass
class GoalView:
    goal: PlanGoal
    steps: list[PlanStep]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.status == PlanStep.Status.DONE)

    @property
    def counted(self) -> int:
        """Steps that count towards the goal: cancelled ones do not."""
        return sum(1 for s in self.steps if s.status != PlanStep.Status.CANCELLED)


@dataclass
class PlanView:
    """The plan as the user may see it."""

    access: PlanAccess
    goals: list[GoalView]
    history: list[PlanEvent]

    @property
    def plan(self) -> Plan:
        return self.access.plan

    @property
    def steps(self) -> list[PlanStep]:
        return [s for g in self.goals for s in g.steps]


# Reading -----------------------------------------------------------------------------------------


def get_plan(user: User, person: Person) -> Plan | None:
    return Plan.objects.select_related("office", "person").filter(agency_id=user.agency_id, person=person).first()


def get_step(user: User, step_id: int) -> PlanStep:
    """The step, or 404 for steps of other agencies, of merged records and unknown ids alike."""
    try:
        return PlanStep.objects.select_related("plan__office", "plan__person", "goal", "office", "owner").get(
            pk=step_id, plan__agency_id=user.agency_id, plan__person__merged_into__isnull=True
        )
    except PlanStep.DoesNotExist as error:
        raise Http404 from error


def get_goal(user: User, goal_id: int) -> PlanGoal:
    try:
        return PlanGoal.objects.select_related("plan__office", "plan__person").get(
            pk=goal_id, plan__agency_id=user.agency_id, plan__person__merged_into__isnull=True
        )
    except PlanGoal.DoesNotExist as error:
        raise Http404 from error


def plan_access(user: User, plan: Plan, accesses: policy.Accesses | None = None) -> PlanAccess:
    accesses = accesses if accesses is not None else policy.accesses_for(user, plan.person)
    section = accesses.get(plan.office_id, SectionAccess(plan.office, False))
    if not policy.covers(section, PART):
        section = SectionAccess(plan.office, False)
    memberships = user.active_memberships()
    readers = frozenset(m.office_id for m in memberships if m.role.may_read_section)
    writers = frozenset(m.office_id for m in memberships if m.role.may_write_section and m.office.has_section)
    return PlanAccess(plan, section, readers, writers)


def may_draw_up(user: User) -> list[Office]:
    """Offices in which the user may draw up a plan: those they write in."""
    return policy.offices_writable(user)


def read_plan(user: User, plan: Plan, *, accesses: policy.Accesses | None = None) -> PlanView:
    """The plan as the user may see it, the read audited in the same transaction. Refused (and
    logged) when the user sees neither the plan nor a step of it."""
    access = plan_access(user, plan, accesses)
    steps_query = PlanStep.objects.filter(plan=plan).select_related("office", "owner", "depends_on")
    if not access.whole:
        steps_query = steps_query.filter(office_id__in=access.step_offices)
        if not steps_query.exists():
            log_refusal(user, plan.person, plan.office, "no_basis")
            raise PermissionDenied
    with transaction.atomic():
        steps = list(steps_query.order_by("due_date", "id"))
        audit.record(
            user,
            AuditEntry.Action.READ_SECTION,
            person_id=plan.person_id,
            section_office=plan.office,
            # Without the whole section, the office whose steps are shown is the one reading.
            acting_office=access.section.acting_office if access.whole else steps[0].office,
            reason=access.audit_reason,
            obj=plan,
        )
        goals = list(PlanGoal.objects.filter(plan=plan))
        by_goal: dict[int, list[PlanStep]] = {g.pk: [] for g in goals}
        for step in steps:
            by_goal[step.goal_id].append(step)
        views = [GoalView(g, by_goal[g.pk]) for g in goals if access.whole or by_goal[g.pk]]
        history = list(plan.events.select_related("actor", "step", "goal")[:200]) if access.whole else []
    return PlanView(access, views, history)


def require_whole(user: User, plan: Plan) -> PlanAccess:
    access = plan_access(user, plan)
    if not access.whole:
        log_refusal(user, plan.person, plan.office, "no_basis")
        raise PermissionDenied
    return access


def _require_keeping(user: User, plan: Plan) -> PlanAccess:
    access = plan_access(user, plan)
    if not access.keeps:
        log_refusal(user, plan.person, plan.office, "write_section")
        raise PermissionDenied
    return access


def _require_step_change(user: User, step: PlanStep) -> PlanAccess:
    access = plan_access(user, step.plan)
    if not access.may_change(step):
        log_refusal(user, step.plan.person, step.plan.office, "write_section")
        raise PermissionDenied
    return access


def step_owners(offices: Iterable[Office]) -> dict[Office, list[User]]:
    """Who may own a step, by office: staff whose role may write there."""
    return {office: policy.possible_owners(office) for office in offices}


def step_offices(user: User) -> list[Office]:
    """Offices a step may name: every office of the agency that keeps a section."""
    return list(Office.objects.filter(agency_id=user.agency_id, has_section=True).order_by("name"))


# Changes -----------------------------------------------------------------------------------------


def _audit(user: User, action: str, plan: Plan, access: PlanAccess, obj: object, fields: Iterable[str]) -> None:
    audit.record(
        user,
        action,
        person_id=plan.person_id,
        section_office=plan.office,
        acting_office=access.section.acting_office if access.whole else _writing_office(user, obj, plan),
        obj=obj,
        fields=list(fields),
    )


def _writing_office(user: User, obj: object, plan: Plan) -> Office | None:
    office_id = getattr(obj, "office_id", None)
    for m in user.memberships_with("may_write_section"):
        if m.office_id in (office_id, plan.office_id):
            return m.office
    return None


def _touch(plan: Plan, now: datetime.datetime) -> None:
    Plan.objects.filter(pk=plan.pk).update(changed_at=now)


def create_plan(user: User, person: Person, office: Office) -> Plan:
    """Draw up the person's plan, kept by one of the user's offices. One plan per person: a
    second is refused (the database says so too)."""
    if office.pk not in {o.pk for o in may_draw_up(user)}:
        log_refusal(user, person, office, "write_section")
        raise PermissionDenied
    with transaction.atomic():
        refused = PlanRefused(_("This person already has an integration plan."))
        if Plan.objects.filter(person=person).exists():
            raise refused
        try:
            with transaction.atomic():  # two clicks at once: the second meets the unique constraint
                plan = Plan.objects.create(agency_id=user.agency_id, person=person, office=office, created_by=user)
        except IntegrityError as error:
            raise refused from error
        PlanEvent.objects.create(plan=plan, kind=PlanEvent.Kind.CREATED, actor=user, at=plan.created_at)
        _audit(user, AuditEntry.Action.CREATE, plan, plan_access(user, plan), plan, ["office"])
        return plan


def add_goal(user: User, plan: Plan, *, title: str, target_date: datetime.date | None = None) -> PlanGoal:
    access = _require_keeping(user, plan)
    with transaction.atomic():
        goal = PlanGoal.objects.create(plan=plan, title=title, target_date=target_date)
        fields = ["title"] + (["target_date"] if target_date else [])
        PlanEvent.objects.create(plan=plan, goal=goal, kind=PlanEvent.Kind.GOAL_ADDED, actor=user, fields=fields)
        _touch(plan, goal.created_at)
        _audit(user, AuditEntry.Action.CREATE, plan, access, goal, fields)
        return goal


def change_goal(user: User, goal: PlanGoal, *, title: str, target_date: datetime.date | None) -> PlanGoal:
    access = _require_keeping(user, goal.plan)
    with transaction.atomic():
        goal = PlanGoal.objects.select_for_update().get(pk=goal.pk)
        changed = audit.changed_fields(
            {"title": goal.title, "target_date": goal.target_date}, {"title": title, "target_date": target_date}
        )
        if not changed:
            return goal
        goal.title, goal.target_date = title, target_date
        goal.save(update_fields=changed)
        PlanEvent.objects.create(
            plan=goal.plan, goal=goal, kind=PlanEvent.Kind.GOAL_CHANGED, actor=user, fields=changed
        )
        _touch(goal.plan, timezone.now())
        _audit(user, AuditEntry.Action.UPDATE, goal.plan, access, goal, changed)
        return goal


def _check_owner(owner: User | None, office: Office | None, plan: Plan) -> None:
    if owner is None:
        return
    responsible = office or plan.office
    if owner.pk not in {u.pk for u in policy.possible_owners(responsible)}:
        raise PlanRefused(_("The owner must work in the office responsible for the step."))


def _check_dependency(plan: Plan, step: PlanStep | None, depends_on: PlanStep | None) -> None:
    """A step waits only for a step of the same plan, and never (through others) for itself."""
    if depends_on is None:
        return
    if depends_on.plan_id != plan.pk:
        raise PlanRefused(_("A step can only wait for a step of the same plan."))
    seen: set[int] = set()
    current: PlanStep | None = depends_on
    while current is not None and current.pk not in seen:
        if step is not None and current.pk == step.pk:
            raise PlanRefused(_("The steps would wait for each other."))
        seen.add(current.pk)
        current = current.depends_on


def add_step(
    user: User,
    plan: Plan,
    *,
    goal: PlanGoal,
    title: str,
    due_date: datetime.date,
    office: Office | None = None,
    partner: str = "",
    owner: User | None = None,
    depends_on: PlanStep | None = None,
) -> PlanStep:
    """A step towards a goal, with the office or outside partner responsible for it."""
    access = _require_keeping(user, plan)
    with transaction.atomic():
        if goal.plan_id != plan.pk:
            raise PlanRefused(_("The goal belongs to another plan."))
        if office is None and not partner.strip():
            raise PlanRefused(_("Name the responsible office or an outside partner."))
        if office is not None and (office.agency_id != plan.agency_id or not office.has_section):
            raise PlanRefused(_("Choose an office of the house."))
        _check_owner(owner, office, plan)
        _check_dependency(plan, None, depends_on)
        step = PlanStep.objects.create(
            plan=plan,
            goal=goal,
            title=title,
            office=office,
            partner=partner.strip(),
            owner=owner,
            due_date=due_date,
            depends_on=depends_on,
            created_by=user,
        )
        fields = [
            f for f in ("title", "goal", "office", "partner", "owner", "due_date", "depends_on") if getattr(step, f)
        ] + ["status"]
        PlanEvent.objects.create(
            plan=plan, step=step, kind=PlanEvent.Kind.STEP_ADDED, actor=user, fields=fields, to_status=step.status
        )
        _touch(plan, step.created_at)
        _audit(user, AuditEntry.Action.CREATE, plan, access, step, fields)
        return step


# What the responsible office may change of a step; the keeping office changes everything.
RESPONSIBLE_FIELDS = ("owner", "due_date")
ALL_FIELDS = ("title", "goal", "office", "partner", "owner", "due_date", "depends_on")


def changeable_fields(access: PlanAccess, step: PlanStep) -> tuple[str, ...]:
    if access.keeps:
        return ALL_FIELDS
    return RESPONSIBLE_FIELDS if access.may_change(step) else ()


def change_step(user: User, step: PlanStep, **values: object) -> PlanStep:
    """Change a step's fields (those the user may change: see `changeable_fields`)."""
    access = _require_step_change(user, step)
    allowed = changeable_fields(access, step)
    if set(values) - set(allowed):
        log_refusal(user, step.plan.person, step.plan.office, "write_section")
        raise PermissionDenied
    with transaction.atomic():
        step = PlanStep.objects.select_for_update(of=("self",)).select_related("plan__office", "office").get(pk=step.pk)
        plan = step.plan
        new = {name: values.get(name, getattr(step, name)) for name in allowed}
        if "partner" in new:
            new["partner"] = str(new["partner"] or "").strip()
        office = new.get("office", step.office)
        if "office" in new or "partner" in new:
            if office is None and not new.get("partner", step.partner):
                raise PlanRefused(_("Name the responsible office or an outside partner."))
            if office is not None and (office.agency_id != plan.agency_id or not office.has_section):  # type: ignore[attr-defined]
                raise PlanRefused(_("Choose an office of the house."))
        if "goal" in new and new["goal"].plan_id != plan.pk:  # type: ignore[attr-defined]
            raise PlanRefused(_("The goal belongs to another plan."))
        _check_owner(new.get("owner", step.owner), office, plan)  # type: ignore[arg-type]
        if "depends_on" in new:
            _check_dependency(plan, step, new["depends_on"])  # type: ignore[arg-type]
        before = {name: _key(getattr(step, name)) for name in new}
        changed = audit.changed_fields(before, {name: _key(value) for name, value in new.items()})
        if not changed:
            return step
        for name in changed:
            setattr(step, name, new[name])
        step.changed_at = timezone.now()
        step.save(update_fields=[*changed, "changed_at"])
        PlanEvent.objects.create(
            plan=plan, step=step, kind=PlanEvent.Kind.STEP_CHANGED, actor=user, at=step.changed_at, fields=changed
        )
        _touch(plan, step.changed_at)
        _audit(user, AuditEntry.Action.UPDATE, plan, access, step, changed)
        return step


def _key(value: object) -> object:
    """Compare related rows by id, so that unchanged choices are not counted as changes."""
    return getattr(value, "pk", value)


def change_step_status(user: User, step: PlanStep, to: str) -> PlanStep:
    """Move a step to its next status (planned → in progress → done; cancelled; taken up again)."""
    access = _require_step_change(user, step)
    with transaction.atomic():
        step = PlanStep.objects.select_for_update(of=("self",)).select_related("plan__office").get(pk=step.pk)
        if to not in step.next_statuses():
            raise PlanRefused(_("A step cannot go from this status to that one."))
        before = step.status
        step.status = to
        step.changed_at = timezone.now()
        step.save(update_fields=["status", "changed_at"])
        PlanEvent.objects.create(
            plan=step.plan,
            step=step,
            kind=PlanEvent.Kind.STATUS,
            actor=user,
            at=step.changed_at,
            fields=["status"],
            from_status=before,
            to_status=to,
        )
        _touch(step.plan, step.changed_at)
        _audit(user, AuditEntry.Action.UPDATE, step.plan, access, step, ["status"])
        return step


def waiting_for(step: PlanStep) -> PlanStep | None:
    """The step this one waits for, while that is not yet done (childcare before the course)."""
    before = step.depends_on
    return before if before is not None and before.status != PlanStep.Status.DONE else None
