"""The timeline of one person's file, opened by three offices: the Jobcenter, the foreigners
authority and the Volkshochschule each see the entries of the offices they may read (own office,
legal basis) and nothing of the others — not even a filter option naming them — in German and in
English; the filter by office and kind narrows the list. axe-core on every page."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from kurzweg.cases import services
from kurzweg.core.models import LegalBasis
from kurzweg.people.models import SectionEntry
from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Appointment
from tests.conftest import desk, make_staff, office, service

from .conftest import TIMEOUT_MS, arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each office has in the file, by a text that shows on its entries.
ABH = [
    "Verlängerung Aufenthalt",
    "Fiktionsbescheinigung ausgestellt",
    "Aufenthaltserlaubnis beantragen oder verlängern",
]
JOBCENTER = ["Eingliederung in Arbeit", "Profiling: Lagerlogistik"]
VHS = ["Integrationskurs B1", "Einstufungstest A2 bestanden", "Einstufungstest"]
JUGENDAMT = ["Hilfeplangespräch", "Hilfe zur Erziehung", "Jugendamt"]


@pytest.fixture
def shared_file(agency, house, person, abh_caseworker, jobcenter_caseworker, jugendamt_caseworker):
    """The person's file in four offices; the foreigners authority may read the Volkshochschule's
    section by law (§ 8 Abs. 3 AufenthG), the Jobcenter the foreigners authority's (tests/conftest)."""
    vhs_caseworker = make_staff(agency, "vhs", ("vhs", "caseworker"), first_name="Vera", last_name="Huber")
    LegalBasis.objects.create(
        agency=agency, reader_office=office(agency, "abh"), section_office=office(agency, "vhs"),
        reference="§ 8 Abs. 3 AufenthG",
    )  # fmt: skip
    services.open_case(abh_caseworker, office(agency, "abh"), title="Verlängerung Aufenthalt", person=person)
    services.record_residence_status(
        abh_caseworker, person, kind="erlaubnis", legal_paragraph="§ 25 Abs. 2 AufenthG",
        valid_from=datetime.date(2025, 10, 1), valid_until=datetime.date(2099, 9, 30),
    )  # fmt: skip
    services.open_case(
        jobcenter_caseworker, office(agency, "jobcenter"), title="Eingliederung in Arbeit", person=person
    )
    services.open_case(jugendamt_caseworker, office(agency, "jugendamt"), title="Hilfe zur Erziehung", person=person)
    services.open_case(vhs_caseworker, office(agency, "vhs"), title="Integrationskurs B1", person=person)
    for code, title, author in (
        ("jobcenter", "Profiling: Lagerlogistik", jobcenter_caseworker),
        ("vhs", "Einstufungstest A2 bestanden", vhs_caseworker),
    ):
        SectionEntry.objects.create(agency=agency, person=person, office=office(agency, code), title=title,
                                    created_by=author)  # fmt: skip
    # A visit served at the foreigners authority's desk, and a placement test booked at the VHS.
    queue.issue_ticket(house, [service(agency, "abh-aufenthalt")], actor=None, person=person)
    session = queue.open_desk(abh_caseworker, desk(agency, "Platz 1"))
    queue.call_next(session)
    queue.visitor_arrived(session)
    queue.finish(session)
    Appointment.objects.create(
        agency=agency, service_point=house, service=service(agency, "vhs-einstufung"),
        starts_at=timezone.now() + datetime.timedelta(days=2), minutes=45, name="Mohammad", person=person,
    )  # fmt: skip
    return vhs_caseworker


@pytest.fixture
def open_as(browser: Browser, live_server) -> Iterator:  # type: ignore[no-untyped-def]
    """A browser of its own for each staff member, signed in with a test client's session."""
    contexts = []

    def open_as(user) -> Page:  # type: ignore[no-untyped-def]
        context = browser.new_context(locale="de-DE", base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def entries(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("main ol.kurzweg-timeline > li")


def sees_exactly(page: Page, seen: list[str], unseen: list[str]) -> None:
    text = main_text(page)
    for expected in seen:
        assert expected in text, f"{expected!r} missing on {page.url}"
    for hidden in unseen:
        assert hidden not in page.content(), f"{hidden!r} shown or hinted at on {page.url}"


def in_english(page: Page) -> None:
    with page.expect_navigation():
        page.locator("header button[name=language][value=en]").click()
    assert page.get_attribute("html", "lang") == "en"
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("who", "seen", "unseen", "offices"),
    [
        ("jobcenter", JOBCENTER + ABH, VHS + JUGENDAMT, {"jobcenter", "abh"}),
        ("abh", ABH + VHS, JOBCENTER + JUGENDAMT, {"abh", "vhs"}),
        ("vhs", VHS, ABH + JOBCENTER + JUGENDAMT, {"vhs"}),
    ],
)
def test_each_office_sees_only_what_it_may_read_in_german_and_english(
    open_as, person, shared_file, abh_caseworker, jobcenter_caseworker, who, seen, unseen, offices
):
    user = {"jobcenter": jobcenter_caseworker, "abh": abh_caseworker, "vhs": shared_file}[who]
    page = open_as(user)
    url = reverse("cases:timeline", args=[person.pk])

    visit(page, url)
    assert page.get_attribute("html", "lang") == "de"
    sees_exactly(page, seen, unseen)
    shown = set(entries(page).evaluate_all("items => items.map(i => i.dataset.office)"))
    assert shown == offices
    options = set(page.locator("input[name=office]").evaluate_all("inputs => inputs.map(i => i.value)"))
    assert options == offices, "only readable offices are offered as a filter"

    in_english(page)
    sees_exactly(page, seen, unseen)
    assert set(entries(page).evaluate_all("items => items.map(i => i.dataset.office)")) == offices


def test_the_filter_by_office_and_kind(open_as, person, shared_file, jobcenter_caseworker):
    page = open_as(jobcenter_caseworker)
    url = reverse("cases:timeline", args=[person.pk])
    visit(page, url)
    kinds = set(entries(page).evaluate_all("items => items.map(i => i.dataset.kind)"))
    assert {"case", "note", "residence", "visit"} <= kinds

    page.locator("label[for=office-abh]").click()
    page.locator("main form.kurzweg-timeline-filter button[type=submit]").click()
    arrived(page, f"{url}?office=abh")
    assert set(entries(page).evaluate_all("items => items.map(i => i.dataset.office)")) == {"abh"}
    assert page.locator("input#office-abh").is_checked(), "the filter shows what was chosen"
    sees_exactly(page, ABH, JOBCENTER)

    page.locator("label[for=type-visit]").click()
    page.locator("main form.kurzweg-timeline-filter button[type=submit]").click()
    arrived(page, f"{url}?office=abh&type=visit")
    assert entries(page).count() == 1
    assert "Aufenthaltserlaubnis beantragen oder verlängern" in entries(page).first.inner_text()

    in_english(page)
    assert entries(page).count() == 1
    page.get_by_role("link", name="Show all").click()
    arrived(page, url)
    assert set(entries(page).evaluate_all("items => items.map(i => i.dataset.office)")) == {"abh", "jobcenter"}


def test_a_long_timeline_comes_in_pages(open_as, person, shared_file, jobcenter_caseworker):
    from kurzweg.cases.timeline import PAGE_SIZE

    start = timezone.now() - datetime.timedelta(days=400)
    SectionEntry.objects.bulk_create(
        SectionEntry(agency=person.agency, person=person, office=office(person.agency, "jobcenter"),
                     title=f"Beratungsgespräch {i}", created_at=start + datetime.timedelta(days=i),
                     created_by=jobcenter_caseworker)
        for i in range(PAGE_SIZE)
    )  # fmt: skip
    page = open_as(jobcenter_caseworker)
    url = reverse("cases:timeline", args=[person.pk])
    visit(page, url)
    assert entries(page).count() == PAGE_SIZE
    page.locator("main nav a[rel=next]").click()
    arrived(page, f"{url}?page=2")
    assert entries(page).count() > 0 and "Beratungsgespräch 0" in main_text(page), "the oldest come last"
    assert page.locator("main nav a[rel=next]").count() == 0
    in_english(page)
    page.get_by_role("link", name="Newer entries").click()
    arrived(page, f"{url}?page=1")
    assert entries(page).count() == PAGE_SIZE
