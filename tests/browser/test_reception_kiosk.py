"""Reception issues a ticket and prints it; the kiosk in German, English and Arabic; checking in
with a booking code on the on-screen keypad. axe-core runs on every page."""

from __future__ import annotations

import re

import pytest

from kurzweg.people.models import SpokenLanguage
from kurzweg.servicepoint.models import Appointment, Visit
from tests.conftest import soon_today
from tests.servicepoint.conftest import house, receptionist_at_house, service  # noqa: F401 (fixtures)

from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The print page opens the print dialog by itself; here the dialog only counts how often.
COUNT_PRINTS = "window.__prints = 0; window.print = function () { window.__prints += 1; };"


def test_reception_finds_the_person_issues_one_ticket_and_prints_it(
    page,
    sign_in,
    live_server,
    house,  # noqa: F811
    agency,
    person,
    receptionist_at_house,  # noqa: F811
):
    SpokenLanguage.objects.create(person=person, code="ara", level="native")
    fiktion, buergergeld = service(agency, "abh-fiktion"), service(agency, "jobcenter-antrag")
    page.context.add_init_script(COUNT_PRINTS)
    sign_in(receptionist_at_house)
    visit(page, "/servicepoint/reception/")

    page.locator("#id_name").press_sequentially("ahma")
    chosen = page.locator(f"#results input[name=person][value='{person.pk}']")
    chosen.wait_for()
    assert_no_axe_violations(page)  # with the results swapped in
    chosen.check()
    page.locator(f"#service-{fiktion.pk}").check()
    page.locator(f"#service-{buergergeld.pk}").check()
    page.click("button[name=action][value=issue]")

    arrived(page, re.compile(r"/servicepoint/reception/visits/\d+/$"))
    ticket = Visit.objects.get()
    assert (ticket.person_id, ticket.language) == (person.pk, "ar"), "the ticket speaks the person's language"
    assert "B-001" in page.locator("h1").inner_text()

    with page.context.expect_page() as opened:
        page.click(f"a[href='/servicepoint/reception/visits/{ticket.pk}/print/']")
    receipt = opened.value
    receipt.wait_for_load_state()
    assert_no_axe_violations(receipt)
    assert receipt.evaluate("window.__prints") == 1, "the print dialog opens by itself"
    assert receipt.locator("html").get_attribute("lang") == "de"
    arabic = receipt.locator("section[lang=ar]")
    assert arabic.get_attribute("dir") == "rtl"
    assert fiktion.name_in("ar") in arabic.inner_text()
    assert "AHMADI" not in receipt.content() and "Mohammad" not in receipt.content()
    assert receipt.locator(".receipt__number").inner_text() == "B-001"

    visit(page, "/servicepoint/reception/visits/")
    assert "B-001" in page.locator("table").inner_text()


def test_reception_keeps_what_was_typed_when_a_concern_is_missing(
    page,
    sign_in,
    house,  # noqa: F811
    receptionist_at_house,  # noqa: F811
):
    sign_in(receptionist_at_house)
    visit(page, "/servicepoint/reception/")
    page.fill("#id_first_name", "Amina")
    page.select_option("#id_language", "tr")
    page.click("button[name=action][value=issue]")
    page.locator("#services-error").wait_for()
    arrived(page, "/servicepoint/reception/")
    assert page.input_value("#id_first_name") == "Amina"
    assert page.input_value("#id_language") == "tr"
    assert not Visit.objects.exists()


@pytest.mark.parametrize(("lang", "direction"), [("de", "ltr"), ("en", "ltr"), ("ar", "rtl")])
def test_a_walk_in_gets_a_ticket_at_the_kiosk(
    page,
    live_server,
    house,  # noqa: F811
    agency,
    lang,
    direction,
):
    kiosk = f"/sp/{house.device_key}/kiosk/"
    fiktion, kurs = service(agency, "abh-fiktion"), service(agency, "vhs-kurs")
    page.clock.install()
    visit(page, kiosk)
    page.click(f"a.kiosk-language[lang='{lang}']")

    arrived(page, f"{kiosk}{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == direction
    assert fiktion.name_in(lang) in page.locator("main").inner_text()
    page.locator(f"input[name=services][value='{fiktion.pk}']").check()
    page.locator(f"input[name=services][value='{kurs.pk}']").check()
    page.click("form.kiosk-form button[type=submit]")

    arrived(page, re.compile(r"/kiosk/ticket/[\w-]+/$"))
    ticket = Visit.objects.get()
    assert (ticket.language, ticket.source) == (lang, Visit.Source.KIOSK)
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator(".kiosk-ticket__number").inner_text() == "B-001"
    assert kurs.name_in(lang) in page.locator(".kiosk-concerns").inner_text()

    # The page warns that it goes back to the start; the visitor can stay …
    page.clock.run_for(5_000)
    assert 20 <= int(page.locator("#kiosk-seconds").inner_text()) <= 25, "it counts down, visibly"
    page.click("#kiosk-stay")
    page.clock.run_for(60_000)
    assert page.url.endswith(f"/kiosk/ticket/{ticket.token}/")
    # … and without a tap it does go back, ready for the next visitor.
    page.reload()
    assert_no_axe_violations(page)
    page.clock.run_for(31_000)
    arrived(page, kiosk)


def test_an_appointment_holder_checks_in_on_the_keypad(
    page,
    house,  # noqa: F811
    agency,
):
    Appointment.objects.create(
        agency=agency,
        service_point=house,
        service=service(agency, "abh-aufenthalt"),
        starts_at=soon_today(5),
        minutes=25,
        name="Olena Kovalenko",
        code="K7M3Q9XA",
    )
    kiosk = f"/sp/{house.device_key}/kiosk/"
    visit(page, f"{kiosk}en/")
    page.click(f"a[href='{kiosk}en/check-in/']")
    arrived(page, f"{kiosk}en/check-in/")
    for key in "K7M3Q9XB":
        page.click(f".kiosk-key[value='{key}']")
    page.click(".kiosk-key[value=back]")
    page.click(".kiosk-key[value=A]")
    assert page.input_value("#code") == "K7M3Q9XA", "typed on the keypad alone"
    page.click(".kiosk-code button[type=submit]")

    arrived(page, re.compile(r"/kiosk/ticket/[\w-]+/$"))
    assert Visit.objects.get().source == Visit.Source.APPOINTMENT
    assert page.locator(".kiosk-ticket__number").inner_text() == "B-001"

    page.click("a[href$='/print/']")
    arrived(page, re.compile(r"/kiosk/ticket/[\w-]+/print/$"))
    assert page.locator(".receipt__number").inner_text() == "B-001"
