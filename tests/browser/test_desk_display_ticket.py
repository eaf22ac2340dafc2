"""A caseworker calls the next visitor at the desk: the call display in the waiting area shows
the ticket within two seconds, and the visitor's live ticket on the phone says where to go —
in German, English and Arabic."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kurzweg.servicepoint import queue
from tests.servicepoint import conftest as servicepoint_cast
from tests.servicepoint.conftest import service

from .conftest import arrived, assert_no_axe_violations, visit

# The service point's cast (a house with desks of three offices), shared with its unit tests.
house = servicepoint_cast.house
receptionist_at_house = servicepoint_cast.receptionist_at_house
abh_desk_1 = servicepoint_cast.abh_desk_1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE_TICKET_POLL_MS = 10_000


def test_call_next_reaches_the_display_and_the_live_ticket(
    browser, page, live_server, sign_in, house, agency, abh_caseworker, receptionist_at_house
):
    ticket = queue.issue_ticket(
        house, [service(agency, "abh-fiktion")], actor=receptionist_at_house, first_name="Amina", language="ar"
    )
    phone_context = browser.new_context(base_url=live_server.url, locale="ar")
    screen_context = browser.new_context(base_url=live_server.url, viewport={"width": 1920, "height": 1080})
    # What the display says aloud is recorded instead of spoken.
    screen_context.add_init_script(
        """window.spoken = [];
        Object.defineProperty(window, "speechSynthesis", {value: {
            speak: (utterance) => { if (utterance.text) window.spoken.push([utterance.lang, utterance.text]); },
            getVoices: () => [],
        }});"""
    )
    try:
        # The caseworker signs in at a desk of their office.
        sign_in(abh_caseworker)
        visit(page, "/servicepoint/desk/")
        page.locator("main button[type=submit].kern-btn--primary").click()
        arrived(page, "/servicepoint/desk/")
        expect(page.locator("h1")).to_have_text("Platz 1")
        expect(page.locator("#desk-queue")).to_contain_text(ticket.ticket)

        # The visitor's phone: German, English, Arabic (the visit's language, right to left).
        phone = phone_context.new_page()
        for lang, direction in (("de", "ltr"), ("en", "ltr")):
            visit(phone, f"/t/{ticket.token}/?lang={lang}")
            assert (phone.get_attribute("html", "lang"), phone.get_attribute("html", "dir")) == (lang, direction)
        visit(phone, f"/t/{ticket.token}/")
        assert (phone.get_attribute("html", "lang"), phone.get_attribute("html", "dir")) == ("ar", "rtl")
        expect(phone.locator("#ticket-status")).to_have_attribute("data-state", "waiting")
        expect(phone.locator("body")).not_to_contain_text("Amina")

        # The call display in the waiting area.
        screen = screen_context.new_page()
        script_errors: list[object] = []
        screen.on("pageerror", lambda error: script_errors.append(error))
        phone.on("pageerror", lambda error: script_errors.append(error))
        visit(screen, f"/sp/{house.device_key}/display/?announce=de,en")
        sound = screen.locator("#display-sound")
        if sound.is_visible():  # browsers hold audio back until someone clicks once
            sound.click()
            expect(sound).to_be_hidden()

        page.locator('button[data-action="call-next"]').click()
        arrived(page, "/servicepoint/desk/")
        expect(page.locator(".kurzweg-desk-current")).to_contain_text(ticket.ticket)

        newest = screen.locator("#display-newest")
        expect(newest.locator(".kurzweg-call__ticket")).to_have_text(ticket.ticket, timeout=2_000)
        expect(newest).to_contain_text("E.01")
        expect(newest).to_contain_text("Platz 1")
        expect(screen.locator("#display-live")).to_contain_text(ticket.ticket)
        screen.wait_for_function("window.spoken.length >= 2")
        spoken = screen.evaluate("window.spoken")
        assert [lang for lang, _text in spoken] == ["de-DE", "en-GB"]
        assert all("B 0 0 1" in text and "E 01" in text and "Platz 1" in text for _lang, text in spoken)
        assert_no_axe_violations(screen)

        # The desk's queue updates by itself when the next visitor gets a ticket.
        later = queue.issue_ticket(house, [service(agency, "abh-eat")], actor=receptionist_at_house)
        expect(page.locator("#desk-queue")).to_contain_text(later.ticket, timeout=8_000)

        status = phone.locator("#ticket-status")
        expect(status).to_have_attribute("data-state", "called", timeout=LIVE_TICKET_POLL_MS + 5_000)
        expect(status).to_contain_text("E.01")
        expect(status).to_contain_text("Platz 1")
        expect(status.get_by_role("alert")).to_be_visible()
        assert phone.get_attribute("html", "dir") == "rtl"
        assert_no_axe_violations(phone)

        # The desk page after the call is accessible too, and the caseworker goes on.
        page.locator('button[data-action="arrived"]').click()
        arrived(page, "/servicepoint/desk/")
        page.locator('a[href="/servicepoint/desk/hand-over/"]').click()
        arrived(page, "/servicepoint/desk/hand-over/")
        page.locator("main a.kern-btn--secondary").click()  # cancel: back to the desk
        arrived(page, "/servicepoint/desk/")
        page.locator('button[data-action="done"]').click()
        arrived(page, "/servicepoint/desk/")
        expect(page.locator('button[data-action="call-next"]')).to_be_visible()
        assert script_errors == []
    finally:
        phone_context.close()
        screen_context.close()


def test_the_display_recovers_after_the_connection_was_lost(browser, live_server, house, agency, abh_desk_1):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 720})
    try:
        screen = context.new_page()
        visit(screen, f"/sp/{house.device_key}/display/")
        notice = screen.locator("#display-offline")
        expect(notice).to_be_hidden()

        calls = re.compile(r".*/calls/.*")
        screen.route(calls, lambda route: route.abort())
        expect(notice).to_be_visible(timeout=5_000)
        assert_no_axe_violations(screen)

        screen.unroute(calls)
        expect(notice).to_be_hidden(timeout=5_000)
        queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=None)
        queue.call_next(abh_desk_1)
        expect(screen.locator("#display-newest .kurzweg-call__ticket")).to_have_text("B-001", timeout=3_000)
    finally:
        context.close()


def test_an_unknown_live_ticket_is_a_friendly_page(page):
    visit(page, "/t/no-such-ticket/?lang=ar", status=404)
    assert page.get_attribute("html", "dir") == "rtl"


def test_the_desk_in_english(page, sign_in, house, agency, abh_caseworker, receptionist_at_house):
    ticket = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    sign_in(abh_caseworker)
    visit(page, "/servicepoint/desk/")
    page.locator('header form button[name=language][value="en"]').click()
    arrived(page, "/servicepoint/desk/")
    assert page.get_attribute("html", "lang") == "en"
    page.locator("main button[type=submit].kern-btn--primary").click()
    arrived(page, "/servicepoint/desk/")
    page.locator('button[data-action="call-next"]').click()
    arrived(page, "/servicepoint/desk/")
    expect(page.locator(".kurzweg-desk-current")).to_contain_text(ticket.ticket)
    expect(page.locator('button[data-action="arrived"]')).to_have_text("Visitor is here")
