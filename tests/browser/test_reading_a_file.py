"""Reading a person's file: what an office may see, what it may not, who looked, and the look."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..conftest import client_for
from .conftest import arrived, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def file_url(person) -> str:  # type: ignore[no-untyped-def]
    return reverse("people:file", args=[person.pk])


def section_url(person, code: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("people:section", args=[person.pk, code])


def test_the_foreigners_authority_opens_its_section_from_the_file(page, sign_in, person, abh_caseworker):
    sign_in(abh_caseworker)
    visit(page, file_url(person))
    page.locator(f"a[href='{section_url(person, 'abh')}']").click()

    arrived(page, section_url(person, "abh"))
    entries = page.locator("main ol")
    assert "Fiktionsbescheinigung ausgestellt" in entries.locator("h2").all_inner_texts()
    assert "Fluchtgründe" not in entries.inner_text(), "asylum reasons need a role allowed special categories"


def test_the_youth_welfare_office_neither_sees_nor_opens_the_foreigners_authoritys_section(
    page, sign_in, person, jugendamt_caseworker
):
    sign_in(jugendamt_caseworker)
    visit(page, file_url(person))
    assert page.locator(f"a[href='{section_url(person, 'jugendamt')}']").count() == 1
    assert page.locator("a[href*='/sections/abh/']").count() == 0

    visit(page, section_url(person, "abh"), status=403)
    assert page.locator("h1").is_visible()
    assert "Fiktionsbescheinigung" not in page.content()


@pytest.mark.parametrize("reader", ["abh_lead", "dpo"])
def test_who_looked_at_the_file_shows_the_earlier_reads(page, sign_in, request, person, abh_caseworker, reader):
    client = client_for(abh_caseworker)
    client.get(file_url(person))
    client.get(section_url(person, "abh"))

    sign_in(request.getfixturevalue(reader))
    visit(page, file_url(person))
    log_url = reverse("people:access_log", args=[person.pk])
    page.locator(f"a[href='{log_url}']").click()

    arrived(page, log_url)
    by_anna = page.locator("main table tbody tr").filter(has_text="Anna Berger")
    sections = sorted(row.locator("td").nth(3).inner_text() for row in by_anna.all())  # When, Who, What, Section
    assert sections == ["Ausländerbehörde", "—"], "the opening of the file, and the read of the section named"


def test_the_file_page_is_drawn_with_the_kern_stylesheet_and_fonts(page, sign_in, person, abh_caseworker, tmp_path):
    sign_in(abh_caseworker)
    visit(page, file_url(person))
    page.evaluate("document.fonts.ready")
    screenshot = tmp_path / "file.png"
    page.screenshot(path=str(screenshot), full_page=True)

    assert screenshot.stat().st_size > 10_000
    assert "Fira Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    heading_font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Fira Sans" in heading_font
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Fira Sans" in family for family in loaded), "the Fira Sans font files were loaded"
