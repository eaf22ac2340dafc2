"""Staff pages of the integration plan: the plan of a person (drawing it up, goals, steps, their
status and history) and its printout for the person in their language. Each view checks access
in its first lines through kurzweg.cases.plans; none filters personal data by hand."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.core.models import Office, Room
from kurzweg.languages import BY_CODE, NEWCOMER_LANGUAGES, newcomer_language
from kurzweg.people import access as people_access
from kurzweg.people.printout import printout_language

from . import plans
from .models import Plan, PlanGoal, PlanStep
from .plan_forms import GoalForm, PlanForm, StepForm, StepStatusForm


def _plan_of(request: StaffRequest, person_id: str) -> Plan:
    person = people_access.get_person(request.user, person_id)
    plan = plans.get_plan(request.user, person)
    if plan is None:
        raise Http404
    return plan


@dataclass
class StepRow:
    """A step as the plan page shows it to the user."""

    step: PlanStep
    may_change: bool
    status_form: StepStatusForm | None
    waits_for: PlanStep | None
    overdue: bool


def _row(access: plans.PlanAccess, step: PlanStep, today: datetime.date) -> StepRow:
    may_change = access.may_change(step)
    form = StepStatusForm(step=step, auto_id=f"step{step.pk}_%s") if may_change and step.next_statuses() else None
    return StepRow(step, may_change, form, plans.waiting_for(step), step.is_overdue(today))


def _require_keeping(request: StaffRequest, plan: Plan) -> None:
    """Goals and steps are drawn up by the office keeping the plan (refusals logged)."""
    access = plans.require_whole(request.user, plan)
    if not access.keeps:
        people_access.log_refusal(request.user, plan.person, plan.office, "write_section")
        raise PermissionDenied


@staff_required
def plan(request: StaffRequest, person_id: str) -> HttpResponse:
    """The person's plan; without one, the form to draw it up (for staff who may)."""
    person = people_access.get_person(request.user, person_id)
    existing = plans.get_plan(request.user, person)
    offices = plans.may_draw_up(request.user)
    if existing is None:
        if request.method == "POST" and not offices:
            raise PermissionDenied
        form = PlanForm(request.POST or None, offices=offices) if offices else None
        if request.method == "POST" and form is not None and form.is_valid():
            try:
                plans.create_plan(request.user, person, form.cleaned_data["office"])
            except plans.PlanRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The integration plan has been drawn up. Add its goals now."))
                return redirect("cases:plan", person.pk)
        return render(request, "cases/plan_new.html", {"person": person, "form": form})
    if request.method == "POST":
        # Drawn up meanwhile (a second click, a colleague): show the plan that exists.
        return redirect("cases:plan", person.pk)
    view = plans.read_plan(request.user, existing)
    today = timezone.localdate()
    rows = {step.pk: _row(view.access, step, today) for step in view.steps}
    return render(
        request,
        "cases/plan.html",
        {
            "person": person,
            "view": view,
            "goals": [(g, [rows[s.pk] for s in g.steps]) for g in view.goals],
            "keeps": view.access.keeps,
        },
    )


@staff_required
def goal_new(request: StaffRequest, person_id: str) -> HttpResponse:
    plan = _plan_of(request, person_id)
    _require_keeping(request, plan)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plans.add_goal(request.user, plan, **form.cleaned_data)
        messages.success(request, _("The goal has been added."))
        return redirect("cases:plan", plan.person_id)
    return render(request, "cases/plan_goal_form.html", {"plan": plan, "person": plan.person, "form": form})


@staff_required
def goal(request: StaffRequest, goal_id: int) -> HttpResponse:
    goal = plans.get_goal(request.user, goal_id)
    plan = goal.plan
    _require_keeping(request, plan)
    form = GoalForm(request.POST or None, initial={"title": goal.title, "target_date": goal.target_date})
    if request.method == "POST" and form.is_valid():
        plans.change_goal(request.user, goal, **form.cleaned_data)
        messages.success(request, _("The goal has been saved."))
        return redirect("cases:plan", plan.person_id)
    return render(
        request, "cases/plan_goal_form.html", {"plan": plan, "person": plan.person, "form": form, "goal": goal}
    )


def _step_form(request: StaffRequest, plan: Plan, *, step: PlanStep | None = None, fields=None) -> StepForm:  # type: ignore[no-untyped-def]
    offices = plans.step_offices(request.user)
    if fields is not None and "office" not in fields:
        # The responsible office changes owner and date only: owners of the step's own office.
        responsible = [step.office] if step is not None and step.office is not None else [plan.office]
        owners = plans.step_owners(responsible)
    else:
        owners = plans.step_owners(offices)
    others = [
        s for s in PlanStep.objects.filter(plan=plan).order_by("due_date", "id") if step is None or s.pk != step.pk
    ]
    initial = None
    if step is not None:
        initial = {
            "title": step.title,
            "goal": step.goal_id,
            "office": step.office_id,
            "partner": step.partner,
            "owner": str(step.owner_id or ""),
            "due_date": step.due_date,
            "depends_on": step.depends_on_id,
        }
    elif goal_id := request.GET.get("goal"):
        initial = {"goal": goal_id if goal_id.isdigit() else None}
    return StepForm(
        request.POST or None,
        initial=initial,
        goals=list(PlanGoal.objects.filter(plan=plan)),
        offices=offices,
        owners=owners,
        steps=others,
        fields=fields,
    )


@staff_required
def step_new(request: StaffRequest, person_id: str) -> HttpResponse:
    plan = _plan_of(request, person_id)
    _require_keeping(request, plan)
    if not plan.goals.exists():
        messages.error(request, _("Add a goal first: every step leads to a goal."))
        return redirect("cases:plan", plan.person_id)
    form = _step_form(request, plan)
    if request.method == "POST" and form.is_valid():
        try:
            plans.add_step(request.user, plan, **form.values())
        except plans.PlanRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The step has been added."))
            return redirect("cases:plan", plan.person_id)
    return render(request, "cases/plan_step_form.html", {"plan": plan, "person": plan.person, "form": form})


@staff_required
def step(request: StaffRequest, step_id: int) -> HttpResponse:
    """Change a step: everything for the office keeping the plan; owner and date for the
    responsible office."""
    step = plans.get_step(request.user, step_id)
    plan = step.plan
    access = plans.plan_access(request.user, plan)
    fields = plans.changeable_fields(access, step)
    if not fields:
        reason = "write_section" if access.sees(step) else "no_basis"
        people_access.log_refusal(request.user, plan.person, plan.office, reason)
        raise PermissionDenied
    form = _step_form(request, plan, step=step, fields=fields)
    if request.method == "POST" and form.is_valid():
        try:
            plans.change_step(request.user, step, **form.values())
        except plans.PlanRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The step has been saved."))
            return redirect("cases:plan", plan.person_id)
    return render(
        request, "cases/plan_step_form.html", {"plan": plan, "person": plan.person, "form": form, "step": step}
    )


@staff_required
@require_POST
def step_status(request: StaffRequest, step_id: int) -> HttpResponse:
    step = plans.get_step(request.user, step_id)
    access = plans.plan_access(request.user, step.plan)
    if not access.may_change(step):
        reason = "write_section" if access.sees(step) else "no_basis"
        people_access.log_refusal(request.user, step.plan.person, step.plan.office, reason)
        raise PermissionDenied
    form = StepStatusForm(request.POST, step=step)
    if form.is_valid():
        try:
            plans.change_step_status(request.user, step, form.cleaned_data["status"])
        except plans.PlanRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The status of the step has been changed."))
    else:
        messages.error(request, _("A step cannot go from this status to that one."))
    return redirect("cases:plan", step.plan.person_id)


def _rooms(offices: set[int]) -> dict[int, list[Room]]:
    rooms: dict[int, list[Room]] = {pk: [] for pk in offices}
    for room in Room.objects.filter(office_id__in=offices).order_by("floor", "number"):
        rooms[room.office_id].append(room)  # type: ignore[index]
    return rooms


@staff_required
def plan_print(request: StaffRequest, person_id: str) -> HttpResponse:
    """The plan for the person to take home: in their language (right to left for Arabic and
    Farsi) with German alongside for the offices, on A4. Only what the plan says about this
    person: no staff names, nobody else."""
    plan = _plan_of(request, person_id)
    plans.require_whole(request.user, plan)
    view = plans.read_plan(request.user, plan)
    person = plan.person
    language = newcomer_language(request.GET.get("lang") or printout_language(person))
    offices: dict[int, Office] = {s.office_id: s.office for s in view.steps if s.office is not None}  # type: ignore[misc]
    rooms = _rooms(set(offices))
    goals = [
        (g, [{"step": s, "rooms": rooms.get(s.office_id, []) if s.office_id else []} for s in g.steps])
        for g in view.goals
    ]
    today = timezone.localdate()
    blocks = []
    for code in dict.fromkeys([language.code, "de"]):
        with translation.override(code):
            html = render_to_string(
                "cases/plan_print_block.html", {"person": person, "plan": plan, "goals": goals, "today": today}
            )
        blocks.append({"language": code, "rtl": BY_CODE[code].rtl, "html": html})
    return render(
        request,
        "cases/plan_print.html",
        {"person": person, "plan": plan, "blocks": blocks, "language": language, "languages": NEWCOMER_LANGUAGES},
    )
