"""The kiosk: no sign-in, the device key in the address; language, concerns, ticket; check-in
with a booking code."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.core import signing
from django.db import connection, connections
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from kurzweg.servicepoint.models import Appointment, Service, ServicePoint, TicketCounter, Visit
from kurzweg.servicepoint.setup import create_service_point
from kurzweg.servicepoint.views.kiosk import NONCE_SALT, issue_once, new_nonce
from tests.conftest import soon_today
from tests.servicepoint.conftest import service


@pytest.fixture
def kiosk(house) -> str:
    return f"/sp/{house.device_key}/kiosk/"


def nonce_on(page: str) -> str:
    match = re.search(r'name="nonce" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def choose(client: Client, kiosk: str, lang: str, *services: Service):  # type: ignore[no-untyped-def]
    page = client.get(f"{kiosk}{lang}/").content.decode()
    return client.post(f"{kiosk}{lang}/", {"nonce": nonce_on(page), "services": [s.pk for s in services]})


def test_a_wrong_device_key_is_not_found(house):
    client = Client()
    for path in ("", "de/", "de/check-in/", "ticket/abc/", "ticket/abc/print/"):
        assert client.get(f"/sp/not-the-key/kiosk/{path}").status_code == 404, path


def test_the_start_page_offers_twelve_languages_in_their_own_names(kiosk):
    page = Client().get(kiosk).content.decode()
    links = re.findall(r'<a class="kiosk-language" href="([^"]+)" lang="([^"]+)" dir="([^"]+)"', page)
    assert len(links) == 12
    assert (f"{kiosk}ar/", "ar", "rtl") in links and (f"{kiosk}uk/", "uk", "ltr") in links
    assert "العربية" in page and "Українська" in page and "Leichte Sprache" in page


def test_the_concerns_page_speaks_the_chosen_language_right_to_left_for_arabic(house, agency, kiosk):
    response = Client().get(f"{kiosk}ar/")
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert response["Content-Language"] == "ar"
    fiktion = service(agency, "abh-fiktion")
    assert fiktion.name_in("ar") in page
    assert 'class="kurzweg-pictogram"' in page and 'aria-hidden="true"' in page
    assert service(agency, "jobcenter-vermittlung").name_in("ar") not in page, "by appointment only"
    assert Client().get(f"{kiosk}xx/").status_code == 404


def test_a_walk_in_chooses_concerns_and_gets_a_ticket_in_their_language(house, agency, kiosk):
    client = Client()
    response = choose(client, kiosk, "uk", service(agency, "abh-fiktion"), service(agency, "vhs-kurs"))
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{kiosk}ticket/{visit.token}/"
    assert (visit.source, visit.language, visit.issued_by, visit.person, visit.first_name) == (
        Visit.Source.KIOSK,
        "uk",
        None,
        None,
        "",
    )
    assert [c.service.code for c in visit.concerns.all()] == ["abh-fiktion", "vhs-kurs"]

    page = client.get(response["Location"]).content.decode()
    assert '<html lang="uk" dir="ltr"' in page
    assert "B-001" in page and service(agency, "vhs-kurs").name_in("uk") in page
    assert f"{kiosk}ticket/{visit.token}/print/" in page
    assert '<svg role="img"' in page
    assert 'id="kiosk-stay"' in page, "the return to the start is announced and can be stopped"


def test_a_double_tap_issues_one_ticket(house, agency, kiosk):
    client = Client()
    page = client.get(f"{kiosk}de/").content.decode()
    data = {"nonce": nonce_on(page), "services": [service(agency, "abh-fiktion").pk]}
    first = client.post(f"{kiosk}de/", data)
    second = client.post(f"{kiosk}de/", data)
    assert Visit.objects.count() == 1
    assert first["Location"] == second["Location"], "the second tap shows the same ticket"


def test_the_next_visitor_gets_a_new_ticket(house, agency, kiosk):
    client = Client()
    choose(client, kiosk, "de", service(agency, "abh-fiktion"))
    choose(client, kiosk, "de", service(agency, "abh-fiktion"))
    assert sorted(Visit.objects.values_list("number", flat=True)) == [1, 2]


def test_a_forged_nonce_issues_nothing(house, agency, kiosk):
    page = (
        Client()
        .post(f"{kiosk}en/", {"nonce": "made-up", "services": [service(agency, "abh-fiktion").pk]})
        .content.decode()
    )
    assert not Visit.objects.exists()
    assert "Please choose again" in page


def test_a_chosen_token_cannot_be_smuggled_in_unsigned(house, agency, kiosk):
    stale = signing.dumps("x" * 22, salt="another purpose")
    Client().post(f"{kiosk}de/", {"nonce": stale, "services": [service(agency, "abh-fiktion").pk]})
    assert not Visit.objects.exists()
    good = signing.dumps("y" * 22, salt=NONCE_SALT)
    Client().post(f"{kiosk}de/", {"nonce": good, "services": [service(agency, "abh-fiktion").pk]})
    assert Visit.objects.get().token == "y" * 22


def test_no_concern_chosen_is_said_in_the_visitors_language_and_nothing_is_issued(house, kiosk):
    client = Client()
    page = client.get(f"{kiosk}en/").content.decode()
    response = client.post(f"{kiosk}en/", {"nonce": nonce_on(page)})
    assert response.status_code == 200 and not Visit.objects.exists()
    assert "Please choose at least one concern." in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_a_service_not_offered_without_appointment_is_refused(house, agency, kiosk):
    choose(Client(), kiosk, "de", service(agency, "jobcenter-vermittlung"))
    assert not Visit.objects.exists()


def test_the_kiosk_forms_are_protected_against_cross_site_requests(house, agency, kiosk):
    client = Client(enforce_csrf_checks=True)
    fiktion = service(agency, "abh-fiktion").pk
    assert client.post(f"{kiosk}de/", {"services": [fiktion], "nonce": "x"}).status_code == 403
    page = client.get(f"{kiosk}de/").content.decode()  # sets the CSRF cookie
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post(f"{kiosk}de/", {"services": [fiktion], "nonce": nonce_on(page), "csrfmiddlewaretoken": token})
    assert Visit.objects.count() == 1


@pytest.fixture
def appointment(house, agency) -> Appointment:
    return Appointment.objects.create(
        agency=agency,
        service_point=house,
        service=service(agency, "abh-aufenthalt"),
        starts_at=soon_today(10),
        minutes=25,
        name="Olena Kovalenko",
        language="uk",
        code="K7M3Q9XA",
    )


def test_an_appointment_holder_checks_in_with_the_booking_code(house, kiosk, appointment):
    client = Client()
    page = client.get(f"{kiosk}ru/check-in/").content.decode()
    assert page.count('class="kiosk-key"') == 31, "every letter and digit of a booking code"
    response = client.post(f"{kiosk}ru/check-in/", {"code": "k7m3-q9xa"})
    visit = Visit.objects.get()
    assert response["Location"] == f"{kiosk}ticket/{visit.token}/"
    assert (visit.source, visit.language) == (Visit.Source.APPOINTMENT, "ru")
    appointment.refresh_from_db()
    assert (appointment.status, appointment.visit) == (Appointment.Status.CHECKED_IN, visit)
    again = client.post(f"{kiosk}ru/check-in/", {"code": "K7M3Q9XA"})
    assert again["Location"] == response["Location"] and Visit.objects.count() == 1


def test_the_keypad_works_without_javascript(house, kiosk, appointment):
    client = Client()
    page = client.post(f"{kiosk}de/check-in/", {"code": "K7M", "press": "3"}).content.decode()
    assert 'value="K7M3"' in page
    page = client.post(f"{kiosk}de/check-in/", {"code": "K7M3", "press": "back"}).content.decode()
    assert 'value="K7M"' in page
    assert not Visit.objects.exists()


def test_an_unknown_code_is_explained(house, kiosk, appointment):
    page = Client().post(f"{kiosk}en/check-in/", {"code": "AAAA2222"}).content.decode()
    assert "We do not know this booking code" in page
    assert not Visit.objects.exists()


def test_an_appointment_of_another_day_is_explained(house, kiosk, appointment):
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=timezone.now() + dt.timedelta(days=2))
    page = Client().post(f"{kiosk}en/check-in/", {"code": "K7M3Q9XA"}).content.decode()
    assert "Your appointment is not today" in page


def test_the_ticket_and_its_print_page_belong_to_this_kiosk(house, agency, kiosk):
    client = Client()
    location = choose(client, kiosk, "ar", service(agency, "abh-fiktion"))["Location"]
    printed = client.get(f"{location}print/")
    page = printed.content.decode()
    assert printed.status_code == 200 and "B-001" in page and 'lang="ar" dir="rtl"' in page
    assert "no-cache" in printed["Cache-Control"] or "no-store" in printed["Cache-Control"]
    annex = create_service_point(agency, "Außenstelle", ticket_prefix="Z")
    token = Visit.objects.get().token
    assert client.get(f"/sp/{annex.device_key}/kiosk/ticket/{token}/").status_code == 404
    assert client.get(f"/sp/{annex.device_key}/kiosk/ticket/{token}/print/").status_code == 404


def test_yesterdays_ticket_is_not_shown(house, agency, kiosk):
    location = choose(Client(), kiosk, "de", service(agency, "abh-fiktion"))["Location"]
    Visit.objects.update(day=timezone.localdate() - dt.timedelta(days=1))
    assert Client().get(location).status_code == 404


def test_changing_the_device_key_locks_out_the_old_kiosk(house, kiosk):
    ServicePoint.objects.filter(pk=house.pk).update(device_key="new-key")
    assert Client().get(kiosk).status_code == 404
    assert Client().get("/sp/new-key/kiosk/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL (DATABASE_URL)")
def test_two_taps_at_the_same_moment_issue_one_ticket(house, agency):
    nonce = new_nonce()
    fiktion = service(agency, "abh-fiktion")
    barrier = threading.Barrier(4)
    tokens: list[str] = []

    def tap() -> None:
        try:
            barrier.wait(timeout=30)
            visit = issue_once(house, nonce, [fiktion], actor=None, language="de", source=Visit.Source.KIOSK)
            assert visit is not None
            tokens.append(visit.token)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tap) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(tokens) == 4 and len(set(tokens)) == 1
    assert Visit.objects.count() == 1
    assert TicketCounter.objects.get().last_number == 1, "the losers gave their numbers back: none is skipped"


def test_every_pictogram_is_drawn_and_hidden_from_screen_readers():
    for value in Service.Pictogram.values:
        svg = render_to_string(f"servicepoint/pictograms/{value}.html")
        assert svg.strip().startswith("<svg") and 'aria-hidden="true"' in svg and 'focusable="false"' in svg, value


def test_leichte_sprache_is_a_language_of_its_own(kiosk):
    response = Client().get(f"{kiosk}de-ls/")
    assert response.status_code == 200 and '<html lang="de-ls" dir="ltr"' in response.content.decode()
