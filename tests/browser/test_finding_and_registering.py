"""Finding a person by typing part of the name, and registering a new person."""

from __future__ import annotations

import re

import pytest

from kurzweg.people.models import Person

from ..conftest import make_person
from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGISTER = "main form button[type=submit]"
A_FILE = re.compile(r"/persons/[0-9a-f-]{36}/$")


def test_typing_part_of_a_name_finds_the_person_and_a_click_opens_the_file(
    page, sign_in, live_server, person, abh_caseworker
):
    make_person(person.agency, given_names="Oleksandr", family_name="Kovalenko", birth_year=1988)
    sign_in(abh_caseworker)
    visit(page, "/")

    with page.expect_response(lambda r: r.url.endswith("/persons/search/")) as searched:
        page.locator("#id_name").press_sequentially("ahma")
    request = searched.value.request
    assert (request.method, request.headers.get("hx-request")) == ("POST", "true"), "htmx searches as one types"
    results = page.locator("#results")
    results.get_by_role("link", name="AHMADI, Mohammad").wait_for()
    assert "KOVALENKO" not in results.inner_text()
    assert page.url == f"{live_server.url}/", "the results replace part of the page; the name is not in the address"
    assert_no_axe_violations(page)  # with the results swapped in

    results.get_by_role("link", name="AHMADI, Mohammad").click()
    arrived(page, f"/persons/{person.pk}/")
    assert page.locator("h1").inner_text() == "AHMADI, Mohammad"


def test_registering_a_person_known_only_by_the_year_of_birth(page, sign_in, abh_caseworker):
    sign_in(abh_caseworker)
    visit(page, "/persons/new/")
    page.fill("#id_given_names", "Amina")
    page.fill("#id_family_name", "Haidari")
    page.fill("#id_birth_year", "1990")
    page.select_option("#id_nationalities-0-code", "SYR")
    page.click(REGISTER)

    arrived(page, A_FILE)
    person = Person.objects.get(family_name="Haidari")
    assert page.url.endswith(f"/persons/{person.pk}/")
    assert (person.birth_day, person.birth_month, person.birth_year) == (None, None, 1990)
    master_data = page.locator("section[aria-labelledby=master-data]").inner_text()
    assert "xx.xx.1990" in master_data
    assert "(SYR)" in master_data


def test_a_day_of_birth_without_a_month_is_refused_and_what_was_typed_is_kept(page, sign_in, abh_caseworker):
    sign_in(abh_caseworker)
    visit(page, "/persons/new/")
    page.fill("#id_given_names", "Amina")
    page.fill("#id_family_name", "Haidari")
    page.fill("#id_birth_day", "17")
    page.fill("#id_birth_year", "1990")
    page.select_option("#id_nationalities-0-code", "SYR")
    page.click(REGISTER)

    page.locator("#id_birth_month_error").wait_for()
    arrived(page, "/persons/new/")
    assert "id_birth_month_error" in (page.get_attribute("#id_birth_month", "aria-describedby") or "")
    typed = {f: page.input_value(f) for f in ("#id_given_names", "#id_family_name", "#id_birth_day", "#id_birth_year")}
    assert typed == {
        "#id_given_names": "Amina",
        "#id_family_name": "Haidari",
        "#id_birth_day": "17",
        "#id_birth_year": "1990",
    }
    assert page.input_value("#id_nationalities-0-code") == "SYR"
    assert not Person.objects.exists()
