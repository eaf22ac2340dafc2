"""Case management in the browser: the timeline of a person's file leads to a case, the case is
moved on and closed with a reason, and the timeline of another office shows only what it may see."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kurzweg.cases import services
from tests.conftest import office

from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def file_with_cases(person, abh_caseworker, jugendamt_caseworker):  # type: ignore[no-untyped-def]
    agency = person.agency
    abh_case = services.open_case(abh_caseworker, office(agency, "abh"), title="Verlängerung Aufenthalt", person=person)
    services.open_case(jugendamt_caseworker, office(agency, "jugendamt"), title="Hilfe zur Erziehung", person=person)
    services.record_residence_status(
        abh_caseworker,
        person,
        kind="erlaubnis",
        legal_paragraph="§ 25 Abs. 2 AufenthG",
        valid_from=datetime.date(2025, 10, 1),
        valid_until=datetime.date(2099, 9, 30),
    )
    return abh_case


def test_the_abh_opens_a_case_from_the_timeline_and_closes_it_with_a_reason(
    page, sign_in, person, abh_caseworker, file_with_cases
):
    case = file_with_cases
    timeline_url = reverse("cases:timeline", args=[person.pk])
    case_url = reverse("cases:case", args=[case.pk])
    sign_in(abh_caseworker)

    visit(page, timeline_url)
    entries = page.locator("main ol.kurzweg-timeline > li")
    assert entries.filter(has_text="Verlängerung Aufenthalt").count() == 1
    assert "Hilfe zur Erziehung" not in page.content()
    assert "§ 25 Abs. 2 AufenthG" in page.locator("#residence-heading + dl").inner_text()

    page.locator(f"main a[href='{case_url}']").first.click()
    arrived(page, case_url)
    page.locator("select[name=status]").select_option("closed")
    page.locator("section[aria-labelledby=change-heading] button[type=submit]").click()
    arrived(page, case_url)  # refused: a reason is missing, and what was chosen stays
    assert page.locator("#id_close_reason_error").is_visible()
    assert page.locator("select[name=status]").input_value() == "closed"
    page.locator("select[name=close_reason]").select_option("decided")
    page.locator("section[aria-labelledby=change-heading] button[type=submit]").click()
    arrived(page, case_url)
    # (German translations of the case pages come later: the label is checked by its value.)
    assert page.locator("select[name=status] option[value=open]").count() == 1, "closed: it may only be reopened"

    visit(page, timeline_url + "?type=case_history")
    assert entries.count() == 1
    with page.expect_navigation():
        page.locator("header button[name=language][value=en]").click()
    assert_no_axe_violations(page)
    assert page.get_attribute("html", "lang") == "en"


def test_the_youth_welfare_office_sees_its_case_and_only_until_when_the_residence_is_valid(
    page, sign_in, person, jugendamt_caseworker, file_with_cases
):
    sign_in(jugendamt_caseworker)
    visit(page, reverse("cases:timeline", args=[person.pk]))
    main = page.locator("main").inner_text()
    assert "Hilfe zur Erziehung" in main
    assert "Verlängerung Aufenthalt" not in main and "§ 25" not in main
    assert "30.09.2099" in main
    visit(page, reverse("cases:case", args=[file_with_cases.pk]), status=403)
