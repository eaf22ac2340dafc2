"""The live ticket on the visitor's phone: place, waiting time, where to go — in their language,
and nothing about the person to whoever has the link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kurzweg.servicepoint import queue, status
from kurzweg.servicepoint.models import Visit
from tests.servicepoint.conftest import service


@pytest.fixture(autouse=True)
def _fresh_forecasts():
    cache.clear()


def ticket_page(visit, **params):
    return Client().get(reverse("servicepoint:live-ticket", args=[visit.token]), params)


def status_partial(visit, **params):
    return Client().get(reverse("servicepoint:live-ticket-status", args=[visit.token]), params)


def fiktion(house, agency, receptionist, **ticket) -> Visit:
    return queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist, **ticket)


def test_a_waiting_visitor_sees_their_place_and_about_how_long(house, agency, receptionist_at_house, abh_desk_1):
    fiktion(house, agency, receptionist_at_house)
    fiktion(house, agency, receptionist_at_house)
    third = fiktion(house, agency, receptionist_at_house)
    # One desk, ten minutes per visitor plus a minute's way: the third is called in 22 minutes.
    found = status.ticket_status(third)
    assert (found.state, found.position, found.minutes) == ("waiting", 2, 20)

    response = ticket_page(third, lang="en")
    assert response.status_code == 200
    assert "B-003" in response.text
    assert "2 people" in response.text
    assert "about 20 minutes" in response.text
    assert "no-store" in response["Cache-Control"]


def test_the_next_visitor_is_told_so(house, agency, receptionist_at_house, abh_desk_1):
    first = fiktion(house, agency, receptionist_at_house)
    response = ticket_page(first, lang="en")
    assert "You are next." in response.text
    assert "any moment now" in response.text


def test_without_an_open_desk_the_wait_is_not_guessed(house, agency, receptionist_at_house):
    fiktion(house, agency, receptionist_at_house)
    second = fiktion(house, agency, receptionist_at_house)
    found = status.ticket_status(second)
    assert (found.position, found.minutes) == (1, None)
    assert "cannot be estimated" in ticket_page(second, lang="en").text


def test_a_called_visitor_is_told_where_to_go(house, agency, receptionist_at_house, abh_desk_1):
    visit = fiktion(house, agency, receptionist_at_house)
    queue.call_next(abh_desk_1)
    response = status_partial(visit, lang="en")
    assert response.status_code == 200
    assert "<html" not in response.text, "the polled part only"
    assert 'role="alert"' in response.text
    assert "It is your turn!" in response.text
    assert "E.01" in response.text and "Platz 1" in response.text and "ground floor" in response.text
    assert "no-store" in response["Cache-Control"]

    queue.visitor_arrived(abh_desk_1)
    assert "You are being served." in status_partial(visit, lang="en").text


def test_the_page_reveals_nothing_about_the_person(house, agency, receptionist_at_house, abh_desk_1, person):
    visit = queue.issue_ticket(
        house,
        [service(agency, "abh-aufenthalt"), service(agency, "integration-beratung")],
        actor=receptionist_at_house,
        person=person,
        language="en",
    )
    pages = [ticket_page(visit), ticket_page(visit, lang="de")]
    queue.call_next(abh_desk_1)
    pages += [ticket_page(visit), status_partial(visit)]
    for response in pages:
        text = response.text
        assert person.family_name not in text and person.given_names not in text
        for code in ("abh-aufenthalt", "integration-beratung"):
            concern = service(agency, code)
            assert concern.name not in text and concern.name_in("en") not in text and code not in text
        assert "Ausländerbehörde" not in text
        assert '<meta name="robots" content="noindex">' in text or "<html" not in text
        assert response["Referrer-Policy"] == "no-referrer"


def test_an_unknown_ticket_is_a_friendly_not_found(db):
    response = Client().get(reverse("servicepoint:live-ticket", args=["no-such-ticket"]), {"lang": "en"})
    assert response.status_code == 404
    assert "Ticket not found" in response.text
    assert Client().get(reverse("servicepoint:live-ticket-status", args=["no-such-ticket"])).status_code == 404


def test_the_page_speaks_the_visitors_language_and_can_switch(house, agency, receptionist_at_house):
    visit = fiktion(house, agency, receptionist_at_house, language="uk")
    page = ticket_page(visit).text
    assert '<html lang="uk" dir="ltr"' in page
    assert 'href="?lang=ar"' in page and 'aria-current="true">Українська' in page
    switched = ticket_page(visit, lang="en")
    assert '<html lang="en" dir="ltr"' in switched.text
    assert switched["Content-Language"] == "en"
    assert f"/t/{visit.token}/status/?lang=en" in switched.text, "polling keeps the chosen language"
    assert '<html lang="uk"' in ticket_page(visit, lang="klingon").text


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_and_persian_read_from_the_right(house, agency, receptionist_at_house, language):
    visit = fiktion(house, agency, receptionist_at_house, language=language)
    assert f'<html lang="{language}" dir="rtl"' in ticket_page(visit).text


def test_after_the_visit_a_thank_you_and_no_more_polling(house, agency, receptionist_at_house, abh_desk_1):
    visit = fiktion(house, agency, receptionist_at_house)
    queue.call_next(abh_desk_1)
    queue.finish(abh_desk_1)
    page = ticket_page(visit, lang="en").text
    assert "Thank you for your visit." in page
    assert "hx-trigger" not in page


def test_the_link_expires_after_the_day(house, agency, receptionist_at_house, abh_desk_1):
    visit = fiktion(house, agency, receptionist_at_house)
    queue.call_next(abh_desk_1)
    queue.finish(abh_desk_1)
    Visit.objects.filter(pk=visit.pk).update(day=visit.day - dt.timedelta(days=1))
    assert "This ticket has expired." in ticket_page(visit, lang="en").text

    closed = fiktion(house, agency, receptionist_at_house)
    queue.close_day(receptionist_at_house, house)
    assert "This ticket has expired." in ticket_page(closed, lang="en").text


def test_stepped_out_and_did_not_come(house, agency, receptionist_at_house, abh_desk_1):
    out = fiktion(house, agency, receptionist_at_house)
    gone = fiktion(house, agency, receptionist_at_house)
    queue.call_next(abh_desk_1)
    queue.park(abh_desk_1)
    queue.call_next(abh_desk_1)
    queue.no_show(abh_desk_1)
    assert "You have stepped out." in ticket_page(out, lang="en").text
    assert "You were called but did not come." in ticket_page(gone, lang="en").text


@pytest.mark.parametrize(
    "minutes, shown", [(0.4, 0), (2.4, 0), (2.6, 5), (7.4, 5), (7.6, 10), (58, 60), (61, 60), (83, 90)]
)
def test_waiting_times_are_rounded_as_people_say_them(minutes, shown):
    assert status.rounded_minutes(minutes) == shown
