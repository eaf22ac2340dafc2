"""Registering only after searching, and the data steward's review: compare a pair, merge it,
undo the merge. axe-core runs on every page visited, and on the panel swapped in while typing."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from kurzweg.people import matching_store
from kurzweg.people.models import DuplicateSuspicion, Identifier, Merge, Person, SectionEntry

from ..conftest import make_person, make_staff, office
from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGISTER = "main form button.kern-btn--primary[type=submit]"
A_FILE = re.compile(r"/persons/[0-9a-f-]{36}/$")


@pytest.fixture
def ahmadi(agency, abh_caseworker):
    person = make_person(
        agency,
        given_names="Mohammad",
        family_name="Ahmadi",
        birth_year=1995,
        birth_month=3,
        birth_day=7,
        created_at=timezone.now() - datetime.timedelta(days=365),
    )
    matching_store.refresh_keys([person])
    return person


@pytest.fixture
def pair(agency, ahmadi, jobcenter_caseworker):
    twin = make_person(
        agency, given_names="Mohammad", family_name="Ahmadi", birth_year=1995, birth_month=3, birth_day=7
    )
    Identifier.objects.create(person=twin, kind="ba", value="BA-998877")
    SectionEntry.objects.create(
        agency=agency,
        person=twin,
        office=office(agency, "jobcenter"),
        title="Eingliederungsvereinbarung",
        created_by=jobcenter_caseworker,
    )
    matching_store.refresh_keys([twin])
    a, b = sorted((ahmadi, twin), key=lambda p: str(p.pk))
    return DuplicateSuspicion.objects.create(agency=agency, person_a=a, person_b=b, score=0.96)


def test_typing_a_known_name_shows_the_person_and_registering_them_again_needs_a_confirmation(
    page, sign_in, ahmadi, receptionist
):
    sign_in(receptionist)
    visit(page, "/persons/new/")
    page.fill("#id_birth_day", "7")
    page.fill("#id_birth_month", "3")
    page.fill("#id_birth_year", "1995")
    page.fill("#id_given_names", "Mohammad")
    with page.expect_response(lambda r: r.url.endswith("/persons/new/matches/")):
        page.locator("#id_family_name").press_sequentially("Ahmadi")
    panel = page.locator("#likely-matches")
    panel.locator("#matches-title").wait_for()
    assert panel.get_by_role("link", name=re.compile("AHMADI, Mohammad")).get_attribute("href") == (
        f"/persons/{ahmadi.pk}/"
    )
    assert_no_axe_violations(page)  # with the panel swapped in

    page.click(REGISTER)
    arrived(page, "/persons/new/")
    assert page.locator("#id_confirm_different_error").is_visible(), "the box must be ticked"
    assert page.input_value("#id_family_name") == "Ahmadi", "what was typed is kept"
    assert Person.objects.count() == 1

    page.check("#id_confirm_different")
    page.click(REGISTER)
    arrived(page, A_FILE)
    assert Person.objects.count() == 2


def test_the_steward_compares_a_pair_merges_it_and_undoes_the_merge(page, sign_in, agency, pair, ahmadi):
    steward = make_staff(agency, "datenpflege", ("leitung", "steward"))
    sign_in(steward)
    visit(page, "/")
    page.locator("header a[href='/duplicates/']").click()
    arrived(page, "/duplicates/")
    page.locator(f"main a[href='/duplicates/{pair.pk}/']").click()
    arrived(page, f"/duplicates/{pair.pk}/")
    identifiers = page.locator("#row-identifiers")
    assert identifiers.locator(".kurzweg-differs__mark").is_visible(), "marked in words, not by colour alone"
    assert "BA-998877" in identifiers.inner_text()
    assert page.locator("#row-family_name .kurzweg-differs__mark").count() == 0
    assert "Eingliederungsvereinbarung" not in page.content(), "office sections are not shown"
    assert page.locator(f"input[name=survivor][value='{ahmadi.pk}']").is_checked(), "the older record by default"

    page.click("#merge")
    arrived(page, f"/persons/{ahmadi.pk}/")
    merged = Person.objects.exclude(pk=ahmadi.pk).get(family_name="Ahmadi")
    assert merged.merged_into_id == ahmadi.pk
    assert "BA-998877" in page.locator("section[aria-labelledby=master-data]").inner_text()

    visit(page, f"/persons/{merged.pk}/", status=200)  # redirected to the survivor, with a notice
    assert page.url.endswith(f"/persons/{ahmadi.pk}/")
    assert page.locator("main .kern-alert--info").count() == 1, "a notice says why"

    page.locator("section[aria-labelledby=merged-records] button[type=submit]").click()
    arrived(page, f"/persons/{ahmadi.pk}/")
    merged.refresh_from_db()
    assert merged.merged_into_id is None and merged.identifiers.get().value == "BA-998877"
    assert Merge.objects.get().undone_by == steward

    visit(page, "/duplicates/merges/")
    assert page.locator("main table tbody tr").count() == 1
    assert page.locator("main table button").count() == 0, "an undone merge cannot be undone again"
    visit(page, "/duplicates/")
    assert page.locator(f"main a[href='/duplicates/{pair.pk}/']").count() == 1, "the pair is back in the queue"


def test_different_persons_leave_the_queue(page, sign_in, agency, pair):
    sign_in(make_staff(agency, "datenpflege", ("leitung", "steward")))
    visit(page, f"/duplicates/{pair.pk}/")
    page.click("#different")
    arrived(page, "/duplicates/")
    assert page.locator("main table").count() == 0, "the queue is empty"
