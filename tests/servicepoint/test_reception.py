"""Reception: find the person or take a first name, record the concerns, issue one ticket,
print it; today's visits."""

from __future__ import annotations

import re
import socket
import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kurzweg.people.models import SpokenLanguage
from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Concern, Service, ServicePoint, Visit
from kurzweg.servicepoint.setup import create_service_point, create_standard_services
from tests.conftest import client_for, make_staff
from tests.servicepoint.conftest import service

RECEPTION = "/servicepoint/reception/"


def nonce(client) -> str:  # type: ignore[no-untyped-def]
    match = re.search(r'name="nonce" value="([^"]+)"', client.get(RECEPTION).content.decode())
    assert match is not None, "the form carries a one-time nonce"
    return match.group(1)


def issue(client, **data):  # type: ignore[no-untyped-def]
    return client.post(RECEPTION, {"action": "issue", "language": "auto", "nonce": nonce(client), **data})


def ticket_of(agency, receptionist, **kwargs) -> Visit:  # type: ignore[no-untyped-def]
    return queue.issue_ticket(
        ServicePoint.objects.get(agency=agency), [service(agency, "abh-fiktion")], actor=receptionist, **kwargs
    )


def test_reception_offers_the_active_walk_in_services_grouped_by_office(house, agency, receptionist_at_house):
    Service.objects.filter(code="abh-eat").update(active=False)
    page = client_for(receptionist_at_house).get(RECEPTION).content.decode()
    assert "Fiktionsbescheinigung" in page
    assert "Arbeitsvermittlung" not in page, "by appointment only"
    assert "Elektronischen Aufenthaltstitel abholen" not in page, "inactive"
    assert page.index("Ausländerbehörde") < page.index("Fiktionsbescheinigung") < page.index("Jobcenter")


def test_an_anonymous_walk_in_gets_a_ticket_with_a_first_name(house, agency, receptionist_at_house):
    client = client_for(receptionist_at_house)
    services = [service(agency, "abh-fiktion").pk, service(agency, "jobcenter-antrag").pk]
    response = issue(client, first_name=" Amina ", services=services)

    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{RECEPTION}visits/{visit.pk}/"
    assert (visit.ticket, visit.first_name, visit.person, visit.language) == ("B-001", "Amina", None, "de")
    assert (visit.source, visit.issued_by) == (Visit.Source.RECEPTION, receptionist_at_house)
    assert [c.service.code for c in visit.concerns.all()] == ["abh-fiktion", "jobcenter-antrag"]
    page = client.get(response["Location"]).content.decode()
    assert "B-001" in page and "Fiktionsbescheinigung" in page and "Bürgergeld beantragen" in page


def test_the_search_is_posted_and_the_person_found_is_ticked_for_the_ticket(
    house, agency, person, receptionist_at_house
):
    SpokenLanguage.objects.create(person=person, code="prs", level="native")
    client = client_for(receptionist_at_house)
    assert client.get(f"{RECEPTION}search/").status_code == 405, "names never travel in the address"

    found = client.post(f"{RECEPTION}search/", {"name": "ahmadi"}, headers={"HX-Request": "true"}).content.decode()
    assert "AHMADI, Mohammad" in found and f'value="{person.pk}"' in found

    response = issue(client, name="ahmadi", person=str(person.pk), services=[service(agency, "abh-fiktion").pk])
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert (visit.person, visit.first_name) == (person, "")
    assert visit.language == "fa", "the ticket speaks the person's language (Dari is read in Persian script)"


def test_the_language_chosen_at_reception_wins(house, agency, person, receptionist_at_house):
    SpokenLanguage.objects.create(person=person, code="ara", level="native")
    issue(
        client_for(receptionist_at_house),
        person=str(person.pk),
        language="en",
        services=[service(agency, "abh-fiktion").pk],
    )
    assert Visit.objects.get().language == "en"


def test_a_person_without_one_of_our_languages_gets_a_german_ticket(house, agency, person, receptionist_at_house):
    SpokenLanguage.objects.create(person=person, code="tir", level="native")
    issue(client_for(receptionist_at_house), person=str(person.pk), services=[service(agency, "abh-fiktion").pk])
    assert Visit.objects.get().language == "de"


def test_what_was_typed_is_kept_when_the_ticket_cannot_be_issued(house, agency, person, receptionist_at_house):
    client = client_for(receptionist_at_house)
    response = issue(client, first_name="Amina", language="ar", name="ahmadi")
    page = response.content.decode()
    assert response.status_code == 200 and not Visit.objects.exists()
    assert "Choose at least one concern." in page
    assert 'value="Amina"' in page
    assert '<option value="ar" selected>' in page
    assert 'value="ahmadi"' in page and "AHMADI, Mohammad" in page, "the search stays, with its results"

    ticked = service(agency, "abh-fiktion").pk
    page = issue(client, services=[ticked]).content.decode()
    assert "or enter a first name" in page
    assert f'value="{ticked}" checked' in page


def test_a_double_click_issues_one_ticket(house, agency, receptionist_at_house):
    client = client_for(receptionist_at_house)
    data = {"action": "issue", "language": "auto", "nonce": nonce(client), "first_name": "Amina"}
    data["services"] = [service(agency, "abh-fiktion").pk]
    first, second = client.post(RECEPTION, data), client.post(RECEPTION, data)
    assert Visit.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_person_of_another_agency_cannot_be_put_on_a_ticket(house, agency, other_person, receptionist_at_house):
    page = issue(
        client_for(receptionist_at_house), person=str(other_person.pk), services=[service(agency, "abh-fiktion").pk]
    ).content.decode()
    assert "This person is not known" in page
    assert not Visit.objects.exists()


def test_staff_without_the_reception_role_are_refused(house, agency, abh_caseworker, receptionist_at_house):
    visit = ticket_of(agency, receptionist_at_house)
    client = client_for(abh_caseworker)
    for path in ("", "visits/", f"visits/{visit.pk}/", f"visits/{visit.pk}/print/"):
        assert client.get(RECEPTION + path).status_code == 403, path
    data = {"action": "issue", "first_name": "Amina", "services": [service(agency, "abh-fiktion").pk]}
    assert client.post(RECEPTION, data).status_code == 403
    assert client.post(f"{RECEPTION}visits/{visit.pk}/escpos/").status_code == 403


def test_another_agencys_visit_is_not_found(house, agency, receptionist_at_house, other_agency):
    visit = ticket_of(agency, receptionist_at_house)
    outsider = client_for(make_staff(other_agency, "empfang-sued", ("empfang", "reception")))
    for path in (f"visits/{visit.pk}/", f"visits/{visit.pk}/print/", f"visits/{visit.pk}/escpos/?download=1"):
        assert outsider.get(RECEPTION + path).status_code == 404, path
    assert outsider.post(f"{RECEPTION}visits/{visit.pk}/resume/").status_code == 404


def test_signed_out_users_are_sent_to_sign_in(house):
    assert Client().get(RECEPTION).status_code == 302


def test_the_print_page_is_german_and_in_the_visitors_language_with_no_name(house, agency, receptionist_at_house):
    visit = ticket_of(agency, receptionist_at_house, first_name="Zainab", language="ar")
    response = client_for(receptionist_at_house).get(f"{RECEPTION}visits/{visit.pk}/print/")
    page = response.content.decode()
    assert response.context["receipt"].url == f"http://testserver/t/{visit.token}/"
    assert '<html lang="de" dir="ltr">' in page
    assert '<section class="receipt__block" lang="ar" dir="rtl">' in page
    assert "B-001" in page and "Fiktionsbescheinigung" in page
    assert service(agency, "abh-fiktion").name_in("ar") in page
    assert "Zainab" not in page, "a receipt can be lost"
    assert '<svg role="img"' in page
    assert "window.print()" in page
    no_dialog = client_for(receptionist_at_house).get(f"{RECEPTION}visits/{visit.pk}/print/?noprint=1")
    assert "window.addEventListener" not in no_dialog.content.decode()


def test_a_german_ticket_prints_one_block(house, agency, receptionist_at_house):
    visit = ticket_of(agency, receptionist_at_house)
    page = client_for(receptionist_at_house).get(f"{RECEPTION}visits/{visit.pk}/print/").content.decode()
    assert page.count('class="receipt__block"') == 1


class Printer:
    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _ = self.server.accept()
        with connection:
            while chunk := connection.recv(65536):
                self.received += chunk
        self.server.close()


def test_the_ticket_is_sent_to_the_receipt_printer(house, agency, receptionist_at_house):
    printer = Printer()
    ServicePoint.objects.filter(pk=house.pk).update(printer_host="127.0.0.1", printer_port=printer.port)
    visit = ticket_of(agency, receptionist_at_house)
    client = client_for(receptionist_at_house)
    assert "Send to receipt printer" in client.get(f"{RECEPTION}visits/{visit.pk}/").content.decode()

    response = client.post(f"{RECEPTION}visits/{visit.pk}/escpos/", follow=True)
    printer.thread.join(timeout=5)
    assert printer.received.startswith(b"\x1b@") and b"B-001" in printer.received
    assert f"/t/{visit.token}/".encode() in printer.received
    assert "The ticket has been sent to the receipt printer." in response.content.decode()


def test_a_printer_that_cannot_be_reached_is_reported_not_a_server_error(house, agency, receptionist_at_house):
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    ServicePoint.objects.filter(pk=house.pk).update(printer_host="127.0.0.1", printer_port=port)
    visit = ticket_of(agency, receptionist_at_house)
    response = client_for(receptionist_at_house).post(f"{RECEPTION}visits/{visit.pk}/escpos/", follow=True)
    assert response.status_code == 200
    assert f"The receipt printer at 127.0.0.1:{port} could not be reached" in response.content.decode()


def test_the_receipt_bytes_can_be_downloaded(house, agency, receptionist_at_house):
    visit = ticket_of(agency, receptionist_at_house)
    response = client_for(receptionist_at_house).get(f"{RECEPTION}visits/{visit.pk}/escpos/?download=1")
    assert response["Content-Type"] == "application/octet-stream"
    assert response.content.startswith(b"\x1b@") and response.content.endswith(b"\x1dVB\x03")


def test_without_a_printer_the_ticket_page_offers_only_the_browser_print(house, agency, receptionist_at_house):
    visit = ticket_of(agency, receptionist_at_house)
    page = client_for(receptionist_at_house).get(f"{RECEPTION}visits/{visit.pk}/").content.decode()
    assert f"{RECEPTION}visits/{visit.pk}/print/" in page
    assert "Send to receipt printer" not in page


def test_todays_visits_with_bringing_back_a_no_show_and_adding_a_concern(
    house, agency, receptionist_at_house, abh_desk_1
):
    gone = ticket_of(agency, receptionist_at_house, first_name="Amina")
    waiting = ticket_of(agency, receptionist_at_house, first_name="Olena")
    queue.call_next(abh_desk_1)
    queue.no_show(abh_desk_1)
    client = client_for(receptionist_at_house)
    page = client.get(f"{RECEPTION}visits/").content.decode()
    assert "B-001" in page and "B-002" in page and "did not come" in page

    client.post(f"{RECEPTION}visits/{gone.pk}/resume/")
    assert Visit.objects.get(pk=gone.pk).status == Visit.Status.WAITING

    integration = service(agency, "integration-beratung")
    client.post(f"{RECEPTION}visits/{waiting.pk}/add-concern/", {"service": integration.pk})
    assert list(waiting.concerns.values_list("service__code", "status")) == [
        ("abh-fiktion", Concern.Status.WAITING),
        ("integration-beratung", Concern.Status.WAITING),
    ]
    assert Visit.objects.filter(pk=waiting.pk).values_list("number", flat=True).get() == 2, "no new ticket"


def test_with_several_service_points_reception_chooses_one_and_it_is_remembered(house, agency, receptionist_at_house):
    annex = create_service_point(agency, "Außenstelle Zeitz", ticket_prefix="Z")
    client = client_for(receptionist_at_house)
    assert "Außenstelle Zeitz" in client.get(RECEPTION).content.decode(), "a choice is offered"
    client.post(RECEPTION, {"action": "service_point", "service_point": annex.pk})
    issue(client, first_name="Amina", services=[service(agency, "abh-fiktion").pk])
    assert Visit.objects.get().ticket == "Z-001"


def test_no_service_point_yet(agency, receptionist):
    create_standard_services(agency)
    response = client_for(receptionist).get(RECEPTION)
    assert response.status_code == 200 and "No service point has been set up yet" in response.content.decode()


@pytest.mark.parametrize("path", ["", "visits/"])
def test_the_number_of_queries_does_not_grow_with_the_visits(
    path, house, agency, receptionist_at_house, django_assert_max_num_queries
):
    client = client_for(receptionist_at_house)
    for _ in range(2):
        ticket_of(agency, receptionist_at_house, first_name="A")
    client.get(RECEPTION + path)
    with CaptureQueriesContext(connection) as few:
        client.get(RECEPTION + path)
    for _ in range(5):
        ticket_of(agency, receptionist_at_house, first_name="B")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(RECEPTION + path)
