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

from .conftest import assert_no_axe_violations, visit

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


@pytest.mark.parametrize("lang", [lang.code for lang in NEWCOMER_LANGUAGES])
def test_the_pages_of_a_booking_pass_axe(page: Page, guide, agency, lang):
    """The pages a booking link opens — the confirmation, choosing a new time, and the
    confirmation once cancelled — in every language (booking itself: test_guide.py)."""
    from kurzweg.guide import booking
    from kurzweg.servicepoint.models import Appointment, Service, ServicePoint

    service = Service.objects.get(agency=agency, code="integration-beratung")
    slot = booking.free_slots(service)[0]
    appointment = booking.book(
        service,
        ServicePoint.objects.filter(agency=agency).first(),  # type: ignore[arg-type]
        slot.starts_at,
        name="Amal Haddad",
        email=f"amal.{lang}@example.org",
        phone="",
        language=lang,
    )
    url = f"/guide/nord/{lang}/booking/{booking.token_for(appointment)}/"
    visit(page, url)
    assert page.get_attribute("html", "dir") == ("rtl" if lang in ("ar", "fa") else "ltr")
    visit(page, f"{url}rebook/")
    visit(page, url)
    with page.expect_navigation():  # back to the same address, now cancelled
        page.locator(f"main form[action$='{url}cancel/'] button[type=submit]").click()
    assert_no_axe_violations(page)
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.CANCELLED
