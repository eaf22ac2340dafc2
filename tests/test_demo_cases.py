"""The demo's case histories (kurzweg/demo/histories.py): a few persons whose timeline runs across
offices, each office seeing its own part of it; nothing audited; a reset deletes and remakes them."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from kurzweg.cases import plans
from kurzweg.cases.models import Case, Referral, ResidenceStatus, Task
from kurzweg.cases.timeline import timeline
from kurzweg.core.models import Agency, AuditEntry, User
from kurzweg.demo import DEMO_SLUG, delete_demo
from kurzweg.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True):
        call_command("load_demo", persons=300, stdout=out)
        agency = Agency.objects.get(slug=DEMO_SLUG)
    yield agency, out.getvalue()
    with django_db_blocker.unblock():
        delete_demo(agency)


@pytest.fixture
def demo(loaded, db) -> Agency:  # type: ignore[no-untyped-def]
    return loaded[0]


def story_person(agency: Agency, case_title: str) -> Person:
    return Case.objects.get(agency=agency, title=case_title).person  # type: ignore[return-value]


def caseworker(agency: Agency, code: str) -> User:
    """A caseworker of that office only (some demo staff work in a second office)."""
    staff = User.objects.filter(agency=agency, memberships__office__code=code, memberships__role__code="caseworker")
    return next(u for u in staff if len(u.active_memberships()) == 1)


def offices_seen(user: User, person: Person) -> set[tuple[str, str]]:
    return {(e.office.code, e.kind) for e in timeline(user, person, page_size=500).entries}


def test_the_loader_names_the_persons_with_a_history(loaded):
    agency, out = loaded
    refugee = story_person(agency, "Bürgergeld und Eingliederung in Arbeit")
    assert "Persons with a case history across offices" in out and refugee.family_name in out


def test_a_history_across_offices_each_office_seeing_its_part(demo):
    refugee = story_person(demo, "Bürgergeld und Eingliederung in Arbeit")
    jobcenter = offices_seen(User.objects.get(username="jobcenter"), refugee)
    # Its own section, and the foreigners authority's by law (§ 87 AufenthG).
    assert {
        ("jobcenter", "case"),
        ("jobcenter", "task"),
        ("jobcenter", "referral"),
        ("jobcenter", "appointment"),
    } <= jobcenter
    assert {("abh", "residence"), ("abh", "case_history"), ("abh", "task")} <= jobcenter
    assert not {code for code, _kind in jobcenter} & {"jugendamt", "bildung", "vhs"}
    # The Volkshochschule reads the Jobcenter's section by the consent the person gave for the
    # referral to the integration course; nothing else.
    vhs = offices_seen(caseworker(demo, "vhs"), refugee)
    assert {("vhs", "case"), ("vhs", "note"), ("jobcenter", "note"), ("jobcenter", "case")} <= vhs
    assert {code for code, _kind in vhs} == {"vhs", "jobcenter"}
    assert ResidenceStatus.objects.filter(person=refugee).count() == 2
    assert Task.objects.filter(person=refugee, origin=Task.Origin.AUTOMATIC, kind="residence_expiry").count() == 1


def test_every_story_is_told(demo):
    titles = set(Case.objects.filter(agency=demo).values_list("title", flat=True))
    assert {
        "Bürgergeld und Eingliederung in Arbeit",
        "Bürgergeld (Rechtskreiswechsel)",
        "Arbeitsuche und Vermittlung",
        "Vorläufige Inobhutnahme (§ 42a SGB VIII)",
    } <= titles
    closed = Case.objects.filter(agency=demo, status="closed")
    assert closed.filter(close_reason="transferred").exists() and closed.filter(close_reason="decided").exists()
    assert Referral.objects.filter(agency=demo, status="accepted").exclude(parts=[]).exists()


def test_nothing_is_audited_and_a_reset_remakes_the_histories(demo):
    assert not AuditEntry.objects.filter(agency=demo).exists()
    with override_settings(DEMO_MODE=True):
        call_command("load_demo", persons=50, reset=True, stdout=io.StringIO())
    again = Agency.objects.get(slug=DEMO_SLUG)
    assert again.pk != demo.pk and not Case.objects.filter(agency=demo).exists()
    assert Case.objects.filter(agency=again).exists()


def test_the_refugee_has_an_integration_plan_kept_by_the_integration_office(demo):
    """Goals with steps across offices and outside partners; each responsible office sees its own
    steps, the keeping office the whole plan."""
    refugee = story_person(demo, "Bürgergeld und Eingliederung in Arbeit")
    plan = plans.get_plan(caseworker(demo, "integration"), refugee)
    assert plan is not None and plan.office.code == "integration"
    steps = list(plan.steps.select_related("office", "depends_on"))
    assert {s.office.code for s in steps if s.office} == {"vhs", "bildung", "jobcenter"}
    assert any(s.partner for s in steps) and all(s.depends_on is None or s.depends_on.plan_id == plan.pk for s in steps)
