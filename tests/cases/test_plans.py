"""The integration plan: drawing it up, goals and steps across offices and partners, status and
history, who sees and changes which part (cases/plans.py), the audit trail, the page's
permission matrix and the printout in the person's language.

The cast's plan is kept by the Ausländerbehörde (abh), so that the relations of
tests/test_permission_matrix.py apply unchanged: own = the keeping office, basis = the Jobcenter
that a legal basis lets read the abh section, other_office = the Jugendamt, which is responsible
for one step of the plan (the childcare place) and for nothing else.
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kurzweg.cases import plans, referrals
from kurzweg.cases.models import Plan, PlanEvent, PlanGoal, PlanStep
from kurzweg.cases.timeline import timeline
from kurzweg.core.models import AuditEntry, Room
from kurzweg.people import services as people_services
from kurzweg.people.models import SpokenLanguage
from tests.conftest import client_for, grant, make_staff, office
from tests.test_permission_matrix import DONE, RELATIONS, ROLES, SIGN_IN, Redirect, cell, client_of, staff_member

pytestmark = pytest.mark.django_db

COURSE = "Integrationskurs A1 bis B1"
CHILDCARE = "Kita-Platz beantragen"
RECOGNITION = "Anerkennung der Pflegeausbildung"
PARTNER = "Anerkennungsstelle Halle"
GERMAN = "Deutsch B1"
WORK = "Arbeit als Pflegefachkraft"


@pytest.fixture
def vhs_teacher(agency):  # type: ignore[no-untyped-def]
    return make_staff(agency, "vhs-plan", ("vhs", "caseworker"), first_name="Vera", last_name="Huber")


@pytest.fixture
def plan(person, abh_caseworker, vhs_teacher):  # type: ignore[no-untyped-def]
    """German B1 (childcare first, then the course at the VHS) and work as a nurse (recognition
    by an outside partner)."""
    agency = person.agency
    plan = plans.create_plan(abh_caseworker, person, office(agency, "abh"))
    german = plans.add_goal(abh_caseworker, plan, title=GERMAN, target_date=datetime.date(2099, 6, 30))
    work = plans.add_goal(abh_caseworker, plan, title=WORK)
    childcare = plans.add_step(
        abh_caseworker,
        plan,
        goal=german,
        title=CHILDCARE,
        office=office(agency, "jugendamt"),
        due_date=datetime.date(2099, 1, 15),
    )
    plans.add_step(
        abh_caseworker,
        plan,
        goal=german,
        title=COURSE,
        office=office(agency, "vhs"),
        owner=vhs_teacher,
        due_date=datetime.date(2099, 2, 1),
        depends_on=childcare,
    )
    plans.add_step(
        abh_caseworker, plan, goal=work, title=RECOGNITION, partner=PARTNER, due_date=datetime.date(2099, 5, 1)
    )
    return plan


def step(title: str) -> PlanStep:
    return PlanStep.objects.get(title=title)


# --- services ---------------------------------------------------------------------------------------


def test_a_plan_is_drawn_up_once_per_person_and_audited(person, abh_caseworker, plan):
    entry = AuditEntry.objects.get(actor=abh_caseworker, object_type="plan", action=AuditEntry.Action.CREATE)
    assert (entry.person_id, entry.section_office.code, entry.acting_office.code) == (person.pk, "abh", "abh")
    with pytest.raises(plans.PlanRefused):
        plans.create_plan(abh_caseworker, person, office(person.agency, "abh"))
    assert Plan.objects.filter(person=person).count() == 1


def test_only_an_office_one_writes_in_draws_up_a_plan(person, jobcenter_caseworker, receptionist):
    for user, code in ((jobcenter_caseworker, "abh"), (receptionist, "empfang")):
        with pytest.raises(PermissionDenied):
            plans.create_plan(user, person, office(person.agency, code))
    assert not Plan.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED, reason="write_section").count() == 2


def test_goals_and_steps_are_audited_with_field_names_and_written_to_the_history(plan, abh_caseworker):
    created = AuditEntry.objects.filter(actor=abh_caseworker, action=AuditEntry.Action.CREATE)
    course = created.get(object_type="planstep", object_id=str(step(COURSE).pk))
    assert course.fields == sorted(["title", "goal", "office", "owner", "due_date", "depends_on", "status"])
    assert COURSE not in str(course.fields) and course.section_office.code == "abh"
    kinds = list(plan.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["created", "goal_added", "goal_added", "step_added", "step_added", "step_added"]


def test_a_step_names_an_office_or_a_partner(plan, abh_caseworker):
    goal = PlanGoal.objects.get(title=WORK)
    with pytest.raises(plans.PlanRefused):
        plans.add_step(abh_caseworker, plan, goal=goal, title="Bewerbung", due_date=datetime.date(2099, 1, 1))


def test_the_owner_works_in_the_responsible_office(plan, abh_caseworker, vhs_teacher, jugendamt_caseworker):
    with pytest.raises(plans.PlanRefused):
        plans.change_step(abh_caseworker, step(CHILDCARE), owner=vhs_teacher)
    # A partner's step is owned in the office keeping the plan.
    with pytest.raises(plans.PlanRefused):
        plans.change_step(abh_caseworker, step(RECOGNITION), owner=jugendamt_caseworker)
    plans.change_step(abh_caseworker, step(RECOGNITION), owner=abh_caseworker)
    plans.change_step(abh_caseworker, step(CHILDCARE), owner=jugendamt_caseworker)
    assert step(CHILDCARE).owner == jugendamt_caseworker


def test_steps_never_wait_for_each_other(plan, abh_caseworker, other_agency, person):
    with pytest.raises(plans.PlanRefused):
        plans.change_step(abh_caseworker, step(CHILDCARE), depends_on=step(COURSE))
    with pytest.raises(plans.PlanRefused):
        plans.change_step(abh_caseworker, step(CHILDCARE), depends_on=step(CHILDCARE))
    plans.change_step(abh_caseworker, step(RECOGNITION), depends_on=step(COURSE))
    with pytest.raises(plans.PlanRefused):  # childcare ← course ← recognition ← childcare
        plans.change_step(abh_caseworker, step(CHILDCARE), depends_on=step(RECOGNITION))
    assert step(CHILDCARE).depends_on is None


def test_status_moves_along_its_transitions_and_is_kept_in_the_history(plan, abh_caseworker):
    course = step(COURSE)
    assert plans.waiting_for(course) == step(CHILDCARE)
    plans.change_step_status(abh_caseworker, step(CHILDCARE), "done")
    assert plans.waiting_for(step(COURSE)) is None
    plans.change_step_status(abh_caseworker, course, "in_progress")
    with pytest.raises(plans.PlanRefused):
        plans.change_step_status(abh_caseworker, step(COURSE), "in_progress")
    plans.change_step_status(abh_caseworker, step(COURSE), "cancelled")
    with pytest.raises(plans.PlanRefused):  # a cancelled step is planned again before it is done
        plans.change_step_status(abh_caseworker, step(COURSE), "done")
    event = plan.events.filter(step=course).first()
    assert (event.kind, event.from_status, event.to_status, event.actor) == (
        "status",
        "in_progress",
        "cancelled",
        abh_caseworker,
    )
    audited = AuditEntry.objects.filter(object_type="planstep", object_id=str(course.pk), fields=["status"])
    assert audited.count() == 2


def test_the_responsible_office_moves_its_step_and_changes_owner_and_date_only(
    plan, jugendamt_caseworker, abh_caseworker
):
    childcare = step(CHILDCARE)
    plans.change_step_status(jugendamt_caseworker, childcare, "in_progress")
    plans.change_step(jugendamt_caseworker, childcare, due_date=datetime.date(2099, 1, 31))
    entry = AuditEntry.objects.filter(actor=jugendamt_caseworker, action=AuditEntry.Action.UPDATE).first()
    assert (entry.section_office.code, entry.acting_office.code, entry.fields) == ("abh", "jugendamt", ["due_date"])
    with pytest.raises(PermissionDenied):
        plans.change_step(jugendamt_caseworker, step(CHILDCARE), title="Kita egal")
    with pytest.raises(PermissionDenied):  # another office's step
        plans.change_step_status(jugendamt_caseworker, step(COURSE), "in_progress")
    with pytest.raises(PermissionDenied):
        plans.add_goal(jugendamt_caseworker, plan, title="Führerschein")
    assert step(CHILDCARE).title == CHILDCARE and step(COURSE).status == "planned"
    denied = AuditEntry.objects.filter(actor=jugendamt_caseworker, action=AuditEntry.Action.DENIED)
    assert denied.count() == 3 and {e.reason for e in denied} == {"write_section"}


def test_an_unchanged_step_writes_nothing(plan, abh_caseworker):
    before = AuditEntry.objects.count(), PlanEvent.objects.count()
    childcare = step(CHILDCARE)
    plans.change_step(abh_caseworker, childcare, title=CHILDCARE, office=childcare.office, due_date=childcare.due_date)
    assert (AuditEntry.objects.count(), PlanEvent.objects.count()) == before


def test_the_keeping_office_and_a_legal_basis_read_the_whole_plan(plan, abh_caseworker, jobcenter_caseworker):
    for user, reason in ((abh_caseworker, "own_office"), (jobcenter_caseworker, "law:§ 87 Abs. 1 AufenthG")):
        view = plans.read_plan(user, plan)
        assert [g.goal.title for g in view.goals] == [GERMAN, WORK]
        assert {s.title for s in view.steps} == {CHILDCARE, COURSE, RECOGNITION}
        assert view.history
        entry = AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.READ_SECTION).get()
        assert (entry.section_office.code, entry.reason, entry.object_type) == ("abh", reason, "plan")
    assert plans.plan_access(abh_caseworker, plan).keeps
    assert not plans.plan_access(jobcenter_caseworker, plan).keeps


def test_a_responsible_office_sees_its_steps_and_their_goal_only(plan, jugendamt_caseworker):
    view = plans.read_plan(jugendamt_caseworker, plan)
    assert [g.goal.title for g in view.goals] == [GERMAN]
    assert [s.title for s in view.steps] == [CHILDCARE]
    assert view.history == []
    entry = AuditEntry.objects.get(actor=jugendamt_caseworker, action=AuditEntry.Action.READ_SECTION)
    assert (entry.section_office.code, entry.acting_office.code, entry.reason) == (
        "abh",
        "jugendamt",
        f"plan_step:{plan.pk}",
    )


def test_a_consent_opens_the_whole_plan(plan, person, abh_caseworker, jugendamt_caseworker):
    people_services.record_consent(
        abh_caseworker, person, section_office=office(person.agency, "abh"),
        recipient_office=office(person.agency, "jugendamt"), form="written",
    )  # fmt: skip
    assert {s.title for s in plans.read_plan(jugendamt_caseworker, plan).steps} == {CHILDCARE, COURSE, RECOGNITION}


def test_nobody_else_reads_the_plan_and_the_attempt_is_logged(plan, receptionist, dpo, vhs_teacher):
    for user in (receptionist, dpo):
        with pytest.raises(PermissionDenied):
            plans.read_plan(user, plan)
        entry = AuditEntry.objects.get(actor=user)
        assert (entry.action, entry.section_office.code, entry.reason) == ("denied", "abh", "no_basis")
    assert [s.title for s in plans.read_plan(vhs_teacher, plan).steps] == [COURSE]


def test_a_referral_does_not_pass_the_plan(plan, person, abh_caseworker, jugendamt_caseworker):
    """A referral of the abh to the Integration office passing everything it can still does not
    open the plan kept in the abh section."""
    integration = make_staff(person.agency, "integration", ("integration", "caseworker"))
    grant("may_override_consent", abh_caseworker)
    referrals.refer(
        abh_caseworker, person, from_office=office(person.agency, "abh"),
        to_office=office(person.agency, "integration"), reason="Beratung",
        parts=["entries", "cases", "documents", "residence"], override_reason="dringend",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        plans.read_plan(integration, plan)
    assert not [e for e in timeline(integration, person).entries if e.kind == "plan_step"]


def test_the_timeline_shows_the_steps_to_those_who_read_the_whole_plan(
    plan, person, abh_caseworker, jugendamt_caseworker
):
    with translation.override("en"):
        entries = [e for e in timeline(abh_caseworker, person).entries if e.kind == "plan_step"]
    assert {e.title for e in entries} == {f"Plan step: {t}" for t in (CHILDCARE, COURSE, RECOGNITION)}
    assert {e.office.code for e in entries} == {"abh"}
    assert all(e.url == reverse("cases:plan", args=[person.pk]) for e in entries)
    # The Jugendamt reads its step on the plan page; the timeline shows only whole sections.
    assert not [e for e in timeline(jugendamt_caseworker, person).entries if e.kind == "plan_step"]


# --- pages ------------------------------------------------------------------------------------------


def test_a_caseworker_draws_up_a_plan_with_a_goal_and_a_step_through_the_pages(person, abh_caseworker, vhs_teacher):
    client = client_for(abh_caseworker)
    url = reverse("cases:plan", args=[person.pk])
    assert client.get(url).context["form"] is not None, "no plan yet: the form to draw it up"
    assert client.post(url, {"office": office(person.agency, "abh").pk})["Location"] == url
    response = client.post(reverse("cases:plan_goal_new", args=[person.pk]), {"title": GERMAN})
    assert response["Location"] == url
    goal = PlanGoal.objects.get(title=GERMAN)
    new_step = reverse("cases:plan_step_new", args=[person.pk])
    data = {"title": COURSE, "goal": goal.pk, "office": office(person.agency, "vhs").pk, "owner": vhs_teacher.pk}
    response = client.post(new_step, data)  # no date: the form comes back with what was typed
    assert response.status_code == 200 and list(response.context["form"].errors) == ["due_date"]
    body = response.content.decode()
    assert f'value="{COURSE}"' in body and f'<option value="{vhs_teacher.pk}" selected>' in body
    response = client.post(new_step, data | {"due_date": "2099-02-01"})
    assert response["Location"] == url
    body = client.get(url).content.decode()
    assert COURSE in body and GERMAN in body and "Vera Huber" in body


def test_an_owner_of_another_office_is_refused_on_the_form(person, plan, abh_caseworker, vhs_teacher):
    response = client_for(abh_caseworker).post(
        reverse("cases:plan_step", args=[step(CHILDCARE).pk]),
        {
            "title": CHILDCARE,
            "goal": step(CHILDCARE).goal_id,
            "office": step(CHILDCARE).office_id,
            "owner": vhs_teacher.pk,
            "due_date": "2099-01-15",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()  # staff pages speak German by default
    assert errors == ["Die zuständige Person muss in der Stelle arbeiten, die für den Schritt zuständig ist."]
    assert step(CHILDCARE).owner is None


def test_the_responsible_office_gets_a_form_with_owner_and_date_only(plan, jugendamt_caseworker):
    response = client_for(jugendamt_caseworker).get(reverse("cases:plan_step", args=[step(CHILDCARE).pk]))
    assert list(response.context["form"].fields) == ["owner", "due_date"]


def test_the_plan_page_does_not_grow_in_queries_with_the_steps(plan, abh_caseworker, person):
    client = client_for(abh_caseworker)
    url = reverse("cases:plan", args=[person.pk])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    goal = PlanGoal.objects.get(title=WORK)
    for i in range(12):
        plans.add_step(
            abh_caseworker,
            plan,
            goal=goal,
            title=f"Bewerbung {i}",
            office=office(person.agency, "jobcenter"),
            due_date=datetime.date(2099, 3, 1 + i),
            depends_on=step(RECOGNITION),
        )
    assert queries() == few


# --- the printout -----------------------------------------------------------------------------------


def _print(client: Client, person, lang: str = ""):  # type: ignore[no-untyped-def]
    url = reverse("cases:plan_print", args=[person.pk]) + (f"?lang={lang}" if lang else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_printout_in_arabic_is_right_to_left_with_german_alongside(plan, person, abh_caseworker):
    Room.objects.create(agency=person.agency, office=office(person.agency, "vhs"), floor=1, number="1.12")
    body = _print(client_for(abh_caseworker), person, "ar")
    assert '<section class="plan__block" lang="ar" dir="rtl">' in body
    assert '<section class="plan__block" lang="de" dir="ltr">' in body
    assert body.index('class="plan__block" lang="ar"') < body.index('class="plan__block" lang="de"')
    assert "خطة الاندماج" in body  # "your integration plan"
    assert "فبراير" in body  # 1 February 2099, the month in Arabic
    assert "1. Februar 2099" in body  # and in German
    assert "1.12" in body and PARTNER in body and COURSE in body
    assert "Vera Huber" not in body, "no staff names: the person gets offices and rooms"
    entry = AuditEntry.objects.filter(actor=abh_caseworker, action=AuditEntry.Action.READ_SECTION).last()
    assert (entry.section_office.code, entry.object_type) == ("abh", "plan")


def test_the_printout_in_ukrainian_is_left_to_right(plan, person, abh_caseworker):
    body = _print(client_for(abh_caseworker), person, "uk")
    assert '<section class="plan__block" lang="uk" dir="ltr">' in body
    assert 'dir="rtl">' not in body
    assert "лютого 2099" in body  # 1 February, the month in Ukrainian


def test_the_printout_is_in_the_persons_language_unless_another_is_chosen(plan, person, abh_caseworker):
    SpokenLanguage.objects.create(person=person, code="prs", level="native")
    body = _print(client_for(abh_caseworker), person)
    assert 'lang="fa" dir="rtl"' in body
    assert '<option value="fa" lang="fa" selected>' in body


def test_only_who_reads_the_whole_plan_prints_it(plan, person, jugendamt_caseworker):
    response = client_for(jugendamt_caseworker).get(reverse("cases:plan_print", args=[person.pk]))
    assert response.status_code == 403
    assert CHILDCARE not in response.content.decode()


# --- the permission matrix ------------------------------------------------------------------------

READ_ROLES = {"caseworker", "specialist", "lead"}  # may read and write sections

# Columns (all on the conftest `person`, of the first agency, whose plan the abh keeps):
#   plan    GET  /persons/<id>/plan/
#   goal+   POST /persons/<id>/plan/goals/new/
#   step+   POST /persons/<id>/plan/steps/new/           (a step of the Jobcenter)
#   goal    GET  /plan-goals/<German B1>/
#   jstep   GET  /plan-steps/<the Jugendamt's step>/     (the form to change it)
#   jstat   POST /plan-steps/<the Jugendamt's step>/status/  (→ in progress)
#   vstat   POST /plan-steps/<the VHS's step>/status/         (→ in progress)
#   print   GET  /persons/<id>/plan/print/?lang=ar
# The Jugendamt (other_office) sees and moves its own step, nothing else; the Jobcenter (basis)
# reads the whole plan and changes nothing.
PAGES = ("plan", "goal+", "step+", "goal", "jstep", "jstat", "vstat", "print")
_NONE = (403,) * 8
_OUT = (404,) * 8
# fmt: off
MATRIX = {
    #                                plan  goal+ step+ goal  jstep jstat vstat print
    ("caseworker", "own"):          (200,  DONE, DONE, 200,  200,  DONE, DONE, 200),
    ("caseworker", "other_office"): (200,  403,  403,  403,  200,  DONE, 403,  403),
    ("caseworker", "basis"):        (200,  403,  403,  403,  403,  403,  403,  200),
    ("caseworker", "other_agency"): _OUT,
    ("specialist", "own"):          (200,  DONE, DONE, 200,  200,  DONE, DONE, 200),
    ("specialist", "other_office"): (200,  403,  403,  403,  200,  DONE, 403,  403),
    ("specialist", "basis"):        (200,  403,  403,  403,  403,  403,  403,  200),
    ("specialist", "other_agency"): _OUT,
    ("lead", "own"):                (200,  DONE, DONE, 200,  200,  DONE, DONE, 200),
    ("lead", "other_office"):       (200,  403,  403,  403,  200,  DONE, 403,  403),
    ("lead", "basis"):              (200,  403,  403,  403,  403,  403,  403,  200),
    ("lead", "other_agency"):       _OUT,
    ("reception", "own"):           _NONE,
    ("reception", "other_office"):  _NONE,
    ("reception", "basis"):         _NONE,
    ("reception", "other_agency"):  _OUT,
    ("dpo", "own"):                 _NONE,
    ("dpo", "other_office"):        _NONE,
    ("dpo", "basis"):               _NONE,
    ("dpo", "other_agency"):        _OUT,
    ("admin", "own"):               _NONE,
    ("admin", "other_office"):      _NONE,
    ("admin", "basis"):             _NONE,
    ("admin", "other_agency"):      _OUT,
    ("anonymous", "any"):           (SIGN_IN,) * 8,
}
# fmt: on


def test_the_table_is_complete():
    keys = {(role, relation) for role in ROLES for relation in RELATIONS} | {("anonymous", "any")}
    assert set(MATRIX) == keys
    assert all(len(row) == len(PAGES) for row in MATRIX.values())


def _request(client: Client, page: str, person, agency):  # type: ignore[no-untyped-def]
    childcare, course, german = step(CHILDCARE), step(COURSE), PlanGoal.objects.get(title=GERMAN)
    plan_url = reverse("cases:plan", args=[person.pk])
    urls = {
        "plan": plan_url,
        "goal+": reverse("cases:plan_goal_new", args=[person.pk]),
        "step+": reverse("cases:plan_step_new", args=[person.pk]),
        "goal": reverse("cases:plan_goal", args=[german.pk]),
        "jstep": reverse("cases:plan_step", args=[childcare.pk]),
        "jstat": reverse("cases:plan_step_status", args=[childcare.pk]),
        "vstat": reverse("cases:plan_step_status", args=[course.pk]),
        "print": reverse("cases:plan_print", args=[person.pk]) + "?lang=ar",
    }
    posts = {
        "goal+": {"title": "Führerschein"},
        "step+": {
            "title": "Bewerbungstraining",
            "goal": german.pk,
            "office": office(agency, "jobcenter").pk,
            "due_date": "2099-04-01",
        },
        "jstat": {"status": "in_progress"},
        "vstat": {"status": "in_progress"},
    }
    url = urls[page]
    response = client.post(url, posts[page]) if page in posts else client.get(url)
    return url, response, plan_url


@pytest.mark.parametrize(("role", "relation"), [pytest.param(role, rel, id=f"{role}-{rel}") for role, rel in MATRIX])
def test_plan_pages(role, relation, agency, other_agency, person, plan, subtests):
    user = staff_member(role, relation, agency, other_agency)
    for page, expected in zip(PAGES, MATRIX[(role, relation)], strict=True):
        with cell(subtests, page, expected):
            _check(user, role, relation, page, expected, agency, person)


def _check(user, role, relation, page, expected, agency, person):  # type: ignore[no-untyped-def]
    url, response, plan_url = _request(client_of(user), page, person, agency)
    if expected is SIGN_IN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    elif isinstance(expected, Redirect):
        assert response.status_code == 302 and response["Location"] == plan_url, url
    else:
        assert response.status_code == expected, f"{url}: {response.status_code}, expected {expected}"
    body = response.content.decode() if response.status_code == 200 else ""
    whole = role in READ_ROLES and relation in ("own", "basis")
    responsible = role in READ_ROLES and relation == "other_office"

    # What a page shows, and nothing more.
    if page == "plan":
        assert (COURSE in body) == whole and (RECOGNITION in body) == whole and (PARTNER in body) == whole
        assert (WORK in body) == whole
        assert (CHILDCARE in body) == (whole or responsible)
        assert (GERMAN in body) == (whole or responsible)
    elif page not in ("print", "goal", "jstep"):
        assert COURSE not in body and CHILDCARE not in body

    # Every refusal leaves one "denied" entry for the abh section; a 404 leaves nothing.
    if user is not None:
        denied = AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.DENIED)
        if expected == 403:
            entry = denied.get()
            assert (entry.section_office, entry.person_id) == (office(agency, "abh"), person.pk)
            # Who reads the whole plan is refused a change; anyone else is refused the reading.
            assert entry.reason == ("write_section" if whole else "no_basis")
        else:
            assert not denied.exists()
        if expected == 404:
            assert not AuditEntry.objects.filter(actor=user, person_id=person.pk).exists()

    # What the POSTs did, or did not do.
    if page == "goal+":
        assert PlanGoal.objects.filter(title="Führerschein").exists() == (expected is DONE)
    if page == "step+":
        assert PlanStep.objects.filter(title="Bewerbungstraining").exists() == (expected is DONE)
    if page == "jstat":
        assert (step(CHILDCARE).status == "in_progress") == (expected is DONE)
    if page == "vstat":
        assert (step(COURSE).status == "in_progress") == (expected is DONE)


# --- two clicks at once (PostgreSQL: SQLite serialises every writer) ---------------------------------


def _at_once(work, times: int = 2) -> list[object]:  # type: ignore[no-untyped-def]
    """Runs work() in `times` threads with their own connections, released together; returns what
    each returned or raised."""
    barrier = threading.Barrier(times)
    outcomes: list[object] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            outcomes.append(work())
        except Exception as error:  # handed to the test thread
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hangs (deadlock?)"
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL (DATABASE_URL)")
def test_two_clicks_on_draw_up_make_one_plan(person, abh_caseworker):
    abh = office(person.agency, "abh")
    outcomes = _at_once(lambda: plans.create_plan(abh_caseworker, person, abh), times=4)
    assert sum(isinstance(o, Plan) for o in outcomes) == 1
    assert all(isinstance(o, (Plan, plans.PlanRefused)) for o in outcomes), outcomes
    assert Plan.objects.count() == 1 and PlanEvent.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL (DATABASE_URL)")
def test_two_offices_starting_one_step_at_once_start_it_once(plan, abh_caseworker, jugendamt_caseworker):
    childcare = step(CHILDCARE)
    users = iter([abh_caseworker, jugendamt_caseworker])
    lock = threading.Lock()

    def start() -> PlanStep:
        with lock:
            user = next(users)
        return plans.change_step_status(user, childcare, "in_progress")

    outcomes = _at_once(start)
    assert sorted(type(o).__name__ for o in outcomes) == ["PlanRefused", "PlanStep"], outcomes
    assert PlanEvent.objects.filter(step=childcare, kind="status").count() == 1
