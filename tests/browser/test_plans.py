"""The integration plan in the browser: a caseworker draws up a plan from the timeline, adds a
goal and two steps (childcare first, then the course), moves a step on, and prints the plan in
Arabic, right to left, with German alongside. The responsible office sees its step only. axe-core
runs on every page, in German and in English."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from kurzweg.cases import plans
from kurzweg.cases.models import Plan, PlanStep
from kurzweg.core.models import Room
from kurzweg.people.models import SpokenLanguage
from tests.conftest import make_staff, office

from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _in_english(page) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.locator("header button[name=language][value=en]").click()
    assert page.get_attribute("html", "lang") == "en"
    assert_no_axe_violations(page)


def _in_german(page) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.locator("header button[name=language][value=de]").click()
    assert page.get_attribute("html", "lang") == "de"


def test_a_caseworker_draws_up_a_plan_with_a_goal_and_two_steps_and_prints_it_in_arabic(
    page, sign_in, agency, person, abh_caseworker, jugendamt_caseworker
):
    vhs = make_staff(agency, "vhs-kurs", ("vhs", "caseworker"), first_name="Vera", last_name="Huber")
    Room.objects.create(agency=agency, office=office(agency, "vhs"), floor=1, number="1.12")
    SpokenLanguage.objects.create(person=person, code="ara", level="native")
    plan_url = reverse("cases:plan", args=[person.pk])
    sign_in(abh_caseworker)

    visit(page, reverse("cases:timeline", args=[person.pk]))
    page.locator(f"main a[href='{plan_url}']").click()
    arrived(page, plan_url)
    _in_english(page)
    _in_german(page)
    page.locator("select[name=office]").select_option(str(office(agency, "abh").pk))
    page.locator("main form button[type=submit]").click()
    arrived(page, plan_url)
    assert Plan.objects.filter(person=person).count() == 1

    goal_url = reverse("cases:plan_goal_new", args=[person.pk])
    page.locator(f"main a[href='{goal_url}']").click()
    arrived(page, goal_url)
    page.locator("input[name=title]").fill("Deutsch B1")
    page.locator("input[name=target_date]").fill("2099-06-30")
    page.locator("main form button[type=submit]").click()
    arrived(page, plan_url)

    step_url = reverse("cases:plan_step_new", args=[person.pk])
    page.locator(f"main ul a[href='{step_url}']").click()
    arrived(page, step_url)
    page.locator("input[name=title]").fill("Kita-Platz beantragen")
    page.locator("input[name=due_date]").fill("2099-01-15")
    page.locator("main form button[type=submit]").click()
    arrived(page, step_url)  # nobody responsible: refused, and what was typed stays
    assert page.locator("#id_office_error").is_visible()
    assert page.locator("input[name=title]").input_value() == "Kita-Platz beantragen"
    assert page.locator("input[name=due_date]").input_value() == "2099-01-15"
    page.locator("select[name=office]").select_option(str(office(agency, "jugendamt").pk))
    page.locator("main form button[type=submit]").click()
    arrived(page, plan_url)

    page.locator(f"main ul a[href='{step_url}']").click()
    arrived(page, step_url)
    _in_english(page)
    page.locator("input[name=title]").fill("Integrationskurs A1 bis B1")
    page.locator("select[name=office]").select_option(str(office(agency, "vhs").pk))
    page.locator("select[name=owner]").select_option(str(vhs.pk))
    page.locator("input[name=due_date]").fill("2099-02-01")
    childcare = PlanStep.objects.get(title="Kita-Platz beantragen")
    page.locator("select[name=depends_on]").select_option(str(childcare.pk))
    page.locator("main form button[type=submit]").click()
    arrived(page, plan_url)

    steps = page.locator("main ol.kurzweg-plan-steps > li")
    assert steps.count() == 2
    course = steps.filter(has_text="Integrationskurs A1 bis B1")
    assert "Vera Huber" in course.inner_text() and "Kita-Platz beantragen" in course.inner_text()
    # The childcare place is applied for: its step moves on.
    card = page.locator(f"#step-{childcare.pk}")
    card.locator("select[name=status]").select_option("in_progress")
    card.locator("button[type=submit]").click()
    arrived(page, plan_url)
    assert page.locator(f"#step-{childcare.pk}").get_attribute("data-status") == "in_progress"
    assert "in progress" in page.locator("#history-heading + div").inner_text()

    # The printout: the person speaks Arabic, so it opens in Arabic, right to left.
    print_url = reverse("cases:plan_print", args=[person.pk])
    page.locator(f"main a[href='{print_url}']").click()
    arrived(page, print_url)
    arabic = page.locator("section.plan__block[lang=ar]")
    assert arabic.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('section[lang=ar] table')).direction") == "rtl"
    assert "خطة الاندماج" in arabic.inner_text()
    assert "1.12" in arabic.inner_text()
    assert page.locator("section.plan__block[lang=de]").get_attribute("dir") == "ltr"
    assert "Vera Huber" not in page.content()
    # Another language on the same page: Ukrainian, left to right.
    page.locator("select#lang").select_option("uk")
    page.locator("main form button[type=submit]").click()
    arrived(page, re.compile(r".*\?lang=uk$"))
    assert page.locator("section.plan__block[lang=uk]").get_attribute("dir") == "ltr"

    # Every page of the plan, in both staff languages (the current one is English).
    goal = PlanStep.objects.get(pk=childcare.pk).goal
    pages = [
        plan_url,
        goal_url,
        step_url,
        reverse("cases:plan_goal", args=[goal.pk]),
        reverse("cases:plan_step", args=[childcare.pk]),
        print_url + "?lang=ar",
    ]
    for url in pages:
        visit(page, url)
    visit(page, plan_url)
    _in_german(page)
    for url in pages:
        visit(page, url)
    assert page.get_attribute("html", "lang") == "de"


def test_the_youth_welfare_office_sees_and_moves_its_step_only(
    page, sign_in, agency, person, abh_caseworker, jugendamt_caseworker
):
    plan = plans.create_plan(abh_caseworker, person, office(agency, "abh"))
    goal = plans.add_goal(abh_caseworker, plan, title="Deutsch B1")
    childcare = plans.add_step(
        abh_caseworker, plan, goal=goal, title="Kita-Platz beantragen",
        office=office(agency, "jugendamt"), due_date=datetime.date(2099, 1, 15),
    )  # fmt: skip
    plans.add_step(
        abh_caseworker, plan, goal=goal, title="Integrationskurs A1 bis B1",
        office=office(agency, "vhs"), due_date=datetime.date(2099, 2, 1), depends_on=childcare,
    )  # fmt: skip
    sign_in(jugendamt_caseworker)
    plan_url = reverse("cases:plan", args=[person.pk])
    visit(page, plan_url)
    main = page.locator("main").inner_text()
    assert "Kita-Platz beantragen" in main and "Integrationskurs" not in main
    page.locator(f"#step-{childcare.pk} select[name=status]").select_option("done")
    page.locator(f"#step-{childcare.pk} button[type=submit]").click()
    arrived(page, plan_url)
    _in_english(page)
    step_url = reverse("cases:plan_step", args=[childcare.pk])
    page.locator(f"main a[href='{step_url}']").click()
    arrived(page, step_url)
    assert page.locator("input[name=title]").count() == 0, "the responsible office changes owner and date only"
    visit(page, reverse("cases:plan_print", args=[person.pk]), status=403)
