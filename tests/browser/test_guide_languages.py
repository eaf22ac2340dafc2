"""Every public page of the guide in every newcomer language passes axe-core (WCAG 2.1 A/AA),
and the texts of a service are read in the visitor's language: Arabic right to left, Leichte
Sprache one sentence per line."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from kurzweg.core.models import Room
from kurzweg.guide.content import load_guide_content
from kurzweg.guide.content_translations import TRANSLATIONS
from kurzweg.languages import NEWCOMER_LANGUAGES
from kurzweg.servicepoint import clock
from tests.conftest import office

from .conftest import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = "?eu=no&why=refugee&kids=yes&work=yes&abroad=no"
# Every page a newcomer reaches without booking (booking and its pages: test_guide.py).
PAGES = (
    "",
    "services/integration-beratung/",
    "services/integration-beratung/book/",
    "finder/",
    f"finder/checklist/{ANSWERS}",
    "way/?office=abh",
    "accessibility/",
    "easy-read/",
)


@pytest.fixture
def guide(house, agency):
    Room.objects.create(agency=agency, office=office(agency, "vhs"), floor=1, number="1.05")
    load_guide_content(agency)
    yield house
    clock.set_clock(None)


@pytest.mark.parametrize("lang", [lang.code for lang in NEWCOMER_LANGUAGES])
def test_every_public_page_passes_axe(page: Page, guide, lang):
    for path in PAGES:
        visit(page, f"/guide/nord/{lang}/{path}")
        assert page.get_attribute("html", "lang") == lang, path


def test_a_service_reads_in_arabic_and_in_leichte_sprache(page: Page, guide):
    visit(page, "/guide/nord/ar/services/abh-aufenthalt/")
    main = page.locator("main")
    assert TRANSLATIONS["ar"]["abh-aufenthalt"].summary in main.inner_text()
    assert page.locator("[data-fallback]").count() == 0
    summary = page.locator("main .kern-body--large").first
    assert summary.evaluate("element => getComputedStyle(element).direction") == "rtl"

    visit(page, "/guide/nord/de-ls/services/abh-aufenthalt/")
    lines = page.locator("main .kern-body--large").first.inner_text().splitlines()
    assert lines[:2] == ["Sie wollen in Deutschland wohnen?", "Dann brauchen Sie eine Aufenthalts-Erlaubnis."]
    assert page.locator("[data-fallback]").count() == 0
