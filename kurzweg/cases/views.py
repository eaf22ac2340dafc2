"""Staff pages of case management: the timeline of a person's file, cases, residence status and
tasks. Each view checks access in its first lines through kurzweg.cases.access (which builds on
the person file's policy); none filters personal data by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.people import access as people_access

from . import access as policy
from . import services
from .forms import CaseChangeForm, CaseForm, ResidenceStatusForm, TaskAssignForm, TaskForm
from .models import Task
from .timeline import timeline as build_timeline


@staff_required
def timeline(request: StaffRequest, person_id: str) -> HttpResponse:
    person = people_access.get_person(request.user, person_id)
    accesses = policy.accesses_for(request.user, person)
    office_codes = request.GET.getlist("office")
    kinds = request.GET.getlist("type")
    page = request.GET.get("page", "")
    # One transaction for both reads and their audit entries: one COMMIT instead of two.
    with transaction.atomic():
        result = build_timeline(
            request.user,
            person,
            office_codes=office_codes,
            kinds=kinds,
            accesses=accesses,
            page=int(page) if page.isdigit() else 1,
        )
        residence = policy.residence_of(request.user, person, accesses)
    return render(
        request,
        "cases/timeline.html",
        {
            "person": person,
            "timeline": result,
            "selected_offices": set(office_codes),
            "selected_kinds": set(kinds),
            "residence": residence,
            "may_open_case": bool(policy.offices_writable(request.user)),
            "may_refer": bool(policy.referral_sender_offices(request.user)),
            "may_keep_residence": bool(policy.may_keep_residence_status(request.user)),
        },
    )


@staff_required
def case_new(request: StaffRequest, person_id: str) -> HttpResponse:
    person = people_access.get_person(request.user, person_id)
    offices = policy.offices_writable(request.user)
    if not offices:
        raise PermissionDenied
    form = CaseForm(request.POST or None, offices=offices, has_household=person.household_id is not None)
    if request.method == "POST" and form.is_valid():
        for_household = form.cleaned_data.get("for_household")
        case = services.open_case(
            request.user,
            form.cleaned_data["office"],
            title=form.cleaned_data["title"],
            person=None if for_household else person,
            household=person.household if for_household else None,
        )
        messages.success(request, _("The case has been opened."))
        return redirect("cases:case", case.pk)
    return render(request, "cases/case_form.html", {"person": person, "form": form})


@staff_required
def case(request: StaffRequest, case_id: int) -> HttpResponse:
    case = policy.get_case(request.user, case_id)
    form = None
    if request.method == "POST":
        policy.require_case_write(request.user, case)
        form = CaseChangeForm(request.POST, case=case, owners=policy.possible_owners(case.office))
        if form.is_valid():
            try:
                if form.cleaned_data["status"]:
                    services.change_case_status(
                        request.user,
                        case,
                        form.cleaned_data["status"],
                        close_reason=form.cleaned_data.get("close_reason") or "",
                    )
                services.change_case_owner(request.user, case, form.chosen_owner)
            except services.CaseChangeRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The case has been updated."))
                return redirect("cases:case", case.pk)
    grant, persons = policy.read_case(request.user, case)
    if grant.may_write and form is None:
        form = CaseChangeForm(case=case, owners=policy.possible_owners(case.office))
    return render(
        request,
        "cases/case.html",
        {
            "case": case,
            "grant": grant,
            "persons": persons,
            "history": policy.case_history(case),
            "tasks": case.tasks.select_related("assignee").order_by("status", "due_date"),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@staff_required
def residence(request: StaffRequest, person_id: str) -> HttpResponse:
    person = people_access.get_person(request.user, person_id)
    office = policy.residence_office(request.user)
    keeper = office is not None and office in policy.may_keep_residence_status(request.user)
    form = None
    if request.method == "POST":
        if not keeper:
            if office is not None:
                people_access.log_refusal(request.user, person, office, "write_section")
            raise PermissionDenied
        form = ResidenceStatusForm(request.POST)
        if form.is_valid():
            services.record_residence_status(request.user, person, **form.cleaned_data)
            messages.success(request, _("The residence status has been recorded."))
            return redirect("cases:residence", person.pk)
    view = policy.residence_of(request.user, person)
    if keeper and form is None:
        form = ResidenceStatusForm()
    return render(request, "cases/residence.html", {"person": person, "residence": view, "form": form})


@staff_required
def my_tasks(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "cases/tasks.html",
        {
            "tasks": list(policy.my_tasks(request.user)),
            "office": None,
            "offices": policy.offices_readable(request.user),
            "today": timezone.localdate(),
            "may_create": bool(policy.offices_writable(request.user)),
        },
    )


@staff_required
def office_tasks(request: StaffRequest, office_code: str) -> HttpResponse:
    office = policy.get_own_office(request.user, office_code)
    return render(
        request,
        "cases/tasks.html",
        {
            "tasks": list(policy.office_tasks(request.user, office)),
            "office": office,
            "offices": policy.offices_readable(request.user),
            "today": timezone.localdate(),
            "may_create": office in policy.offices_writable(request.user),
        },
    )


@staff_required
def task_new(request: StaffRequest) -> HttpResponse:
    person = None
    if person_id := request.GET.get("person"):
        person = people_access.get_person(request.user, person_id)
    case = None
    if case_id := request.GET.get("case"):
        if not case_id.isdigit():
            raise PermissionDenied
        case = policy.get_case(request.user, int(case_id))
        policy.require_case_write(request.user, case)
    offices = [case.office] if case is not None else policy.offices_writable(request.user)
    if not offices:
        raise PermissionDenied
    form = TaskForm(request.POST or None, offices=offices, assignees=policy.possible_assignees(offices))
    if request.method == "POST" and form.is_valid():
        try:
            task = services.create_task(
                request.user,
                form.cleaned_data["office"],
                title=form.cleaned_data["title"],
                due_date=form.cleaned_data["due_date"],
                person=person if case is None else case.person,
                assignee=form.chosen_assignee,
                case=case,
            )
        except services.CaseChangeRefused as error:
            form.add_error("assignee", str(error))
        else:
            messages.success(request, _("The task has been created."))
            return redirect("cases:task", task.pk)
    return render(request, "cases/task_form.html", {"form": form, "person": person, "case": case})


@staff_required
def task(request: StaffRequest, task_id: int) -> HttpResponse:
    task = policy.get_task(request.user, task_id)
    form = None
    if request.method == "POST":
        policy.require_task_write(request.user, task)
        form = TaskAssignForm(request.POST, task=task, assignees=policy.possible_assignees([task.office]))
        if form.is_valid():
            try:
                services.assign_task(request.user, task, form.chosen_assignee)
            except services.CaseChangeRefused as error:
                form.add_error("assignee", str(error))
            else:
                messages.success(request, _("The task has been assigned."))
                return redirect("cases:task", task.pk)
    grant = policy.read_task(request.user, task)
    may_write = grant.may_write and task.status == Task.Status.OPEN
    if may_write and form is None:
        form = TaskAssignForm(task=task, assignees=policy.possible_assignees([task.office]))
    return render(
        request,
        "cases/task.html",
        {
            "task": task,
            "grant": grant,
            "form": form if may_write else None,
            "may_write": may_write,
            "today": timezone.localdate(),
        },
    )


@staff_required
@require_POST
def task_finish(request: StaffRequest, task_id: int, outcome: str) -> HttpResponse:
    task = policy.get_task(request.user, task_id)
    policy.require_task_write(request.user, task)
    try:
        if outcome == "done":
            services.complete_task(request.user, task)
            messages.success(request, _("The task is done."))
        else:
            services.cancel_task(request.user, task)
            messages.success(request, _("The task has been cancelled."))
    except services.CaseChangeRefused as error:
        messages.error(request, str(error))
    return redirect("cases:task", task.pk)
