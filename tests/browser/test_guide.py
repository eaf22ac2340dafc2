"""The newcomer's guide in a real browser: the finder and a service page in German, Arabic and
Ukrainian, with axe-core on every page; the Arabic layout is mirrored."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from kurzweg.core.models import Room
from kurzweg.guide.content import load_guide_content
from kurzweg.languages import NEWCOMER_LANGUAGES
from kurzweg.servicepoint import clock
from tests.conftest import office

from .conftest import TIMEOUT_MS, arrived, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guide(house, agency):
    Room.objects.create(agency=agency, office=office(agency, "vhs"), floor=1, number="1.05")
    load_guide_content(agency)
    yield house
    clock.set_clock(None)


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_a_newcomer_walks_the_finder_to_a_service_page(page: Page, guide, lang):
    visit(page, f"/guide/nord/{lang}/")
    page.locator(".kurzweg-guide__nav a").nth(1).click()
    arrived(page, f"/guide/nord/{lang}/finder/")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")

    for name, value in [("eu", "no"), ("why", "refugee"), ("kids", "yes"), ("work", "yes"), ("abroad", "no")]:
        page.locator(f"input[name={name}][value={value}]").check()
    page.locator("form button[type=submit]").click()
    arrived(page, re.compile(rf"/guide/nord/{lang}/finder/checklist/\?eu=no&why=refugee&kids=yes&work=yes&abroad=no$"))
    steps = page.locator(".kurzweg-guide__step")
    assert steps.count() >= 5
    assert page.locator("[data-fallback]").count() == 0, "the starting texts exist in every language"

    steps.first.locator("h2 a").click()
    arrived(page, f"/guide/nord/{lang}/services/abh-aufenthalt/")
    assert page.locator("h1").inner_text() != ""
    assert page.locator(".kurzweg-guide__documents li").count() >= 3

    page.locator(".kurzweg-guide__languages a[hreflang=de]").click()
    arrived(page, "/guide/nord/de/services/abh-aufenthalt/")
    assert page.locator("h1").inner_text() == "Aufenthaltserlaubnis beantragen oder verlängern"


def test_the_start_and_a_service_page_pass_axe_in_every_language(page: Page, guide):
    for lang in NEWCOMER_LANGUAGES:
        visit(page, f"/guide/nord/{lang.code}/")
        assert page.get_attribute("html", "dir") == ("rtl" if lang.rtl else "ltr")
        visit(page, f"/guide/nord/{lang.code}/services/bildung-schule/")


def test_finding_the_way_and_the_accessibility_statement_pass_axe(page: Page, guide):
    for lang in ("de", "ar", "uk"):
        visit(page, f"/guide/nord/{lang}/way/?office=abh")
        visit(page, f"/guide/nord/{lang}/accessibility/")
    visit(page, "/guide/nord/de-ls/easy-read/")


def test_the_first_visit_follows_the_browser_language_and_the_choice_is_remembered(browser, live_server, guide):
    context = browser.new_context(locale="uk-UA", base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    visit(page, "/guide/nord/")
    assert page.url.endswith("/guide/nord/uk/")
    page.locator(".kurzweg-guide__languages a[hreflang=ar]").click()
    arrived(page, "/guide/nord/ar/")
    visit(page, "/guide/nord/")
    assert page.url.endswith("/guide/nord/ar/"), "the chosen language wins over the browser's"
    context.close()


def test_the_arabic_layout_is_mirrored(page: Page, guide, tmp_path):
    """Each element's distance from the start of its container in German is its distance from
    the end in Arabic. Measured against the container, not the window: Chromium puts the
    scroll bar on the left of a right-to-left page."""
    page.set_viewport_size({"width": 800, "height": 900})
    elements = {".kurzweg-guide__brand": ".kurzweg-guide__bar", ".kurzweg-guide__languages": ".kurzweg-guide__bar",
                ".kurzweg-guide__title .kurzweg-pictogram": "main"}  # fmt: skip
    boxes = {}
    for lang in ("de", "ar"):
        visit(page, f"/guide/nord/{lang}/services/vhs-kurs/")
        page.screenshot(path=str(tmp_path / f"service-{lang}.png"), full_page=True)
        boxes[lang] = {
            selector: (page.locator(selector).bounding_box(), page.locator(container).bounding_box())
            for selector, container in elements.items()
        }
    for selector in elements:
        (box, frame), (mirrored, mirrored_frame) = boxes["de"][selector], boxes["ar"][selector]
        assert box and frame and mirrored and mirrored_frame
        from_start = box["x"] - frame["x"]
        from_end = (mirrored_frame["x"] + mirrored_frame["width"]) - (mirrored["x"] + mirrored["width"])
        assert abs(from_start - from_end) <= 2, (selector, box, mirrored)
        german_centre, arabic_centre = box["x"] + box["width"] / 2, mirrored["x"] + mirrored["width"] / 2
        if box["width"] < frame["width"] / 2:
            assert german_centre < frame["x"] + frame["width"] / 2 < arabic_centre, selector


def test_a_content_editor_sees_the_status_and_translates_a_text(page: Page, guide, administrator, sign_in):
    from kurzweg.guide.models import ServiceText

    ServiceText.objects.filter(service__code="vhs-kurs", language="uk").delete()  # not translated yet
    sign_in(administrator)
    visit(page, "/content/")
    assert page.locator('td[data-language="uk"][data-state="missing"]').count() > 0
    page.locator('td[data-language="uk"] a[href="/content/services/vhs-kurs/uk/"]').click()
    arrived(page, "/content/services/vhs-kurs/uk/")
    page.locator("#id_summary").fill("Народна школа допоможе вам знайти курс інтеграції або мовний курс.")
    page.locator("#id_status").select_option("reviewed")
    page.locator("main form button[type=submit]").click()
    arrived(page, "/content/")
    assert (
        page.locator('td[data-language="uk"][data-state="reviewed"] a[href="/content/services/vhs-kurs/uk/"]').count()
        == 1
    )
    visit(page, "/guide/nord/uk/services/vhs-kurs/")
    assert "Народна школа допоможе" in page.locator("main").inner_text()
    assert page.locator("[data-fallback]").count() == 0


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_a_newcomer_books_an_appointment_and_cancels_it(page: Page, guide, lang):
    from kurzweg.servicepoint.models import Appointment

    visit(page, f"/guide/nord/{lang}/services/integration-beratung/")
    page.locator('a[href$="/services/integration-beratung/book/"]').click()
    arrived(page, f"/guide/nord/{lang}/services/integration-beratung/book/")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    page.locator("input[name=slot]").first.check()
    page.locator("input[name=name]").fill("Amal Haddad")
    page.locator("input[name=email]").fill("amal@example.org")
    page.locator("main form button[type=submit]").click()
    arrived(page, re.compile(rf".*/guide/nord/{lang}/booking/[^/]+/$"))
    code = page.locator("[data-booking-code]").inner_text()
    assert Appointment.objects.get(code=code).language == lang
    assert "Amal" not in page.url and code not in page.url

    page.locator("main form button[type=submit]").click()  # cancel
    arrived(page, re.compile(rf".*/guide/nord/{lang}/booking/[^/]+/$"))
    assert Appointment.objects.get(code=code).status == Appointment.Status.CANCELLED
