"""The desk as a caseworker uses it: sign in at a desk of one's office, call, serve, hand over."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Concern, DeskSession, Visit
from tests.conftest import client_for, make_staff
from tests.servicepoint.conftest import desk, service

DESK = reverse("servicepoint:desk")


def action(name: str) -> str:
    return reverse("servicepoint:desk-action", args=[name])


@pytest.fixture(autouse=True)
def _fresh_forecasts():
    cache.clear()


def test_a_caseworker_signs_in_at_a_desk_of_their_office(house, agency, abh_caseworker):
    client = client_for(abh_caseworker)
    choice = client.get(DESK)
    assert choice.status_code == 200
    assert "Platz 1" in choice.text and "Platz 2" in choice.text
    assert "Platz 3" not in choice.text, "only desks of the caseworker's own offices are offered"

    response = client.post(DESK, {"desk": desk(agency, "Platz 1").pk})
    assert response.status_code == 302
    session = DeskSession.objects.get(user=abh_caseworker, ended_at__isnull=True)
    assert session.desk.name == "Platz 1"
    page = client.get(DESK)
    assert "Call next" in page.text and "Platz 1" in page.text


def test_a_desk_of_another_office_is_refused(house, agency, jobcenter_caseworker):
    response = client_for(jobcenter_caseworker).post(DESK, {"desk": desk(agency, "Platz 1").pk})
    assert response.status_code == 403
    assert not DeskSession.objects.filter(user=jobcenter_caseworker).exists()


def test_a_desk_of_another_agency_is_not_found(house, agency, outsider):
    response = client_for(outsider).post(DESK, {"desk": desk(agency, "Platz 1").pk})
    assert response.status_code == 404
    assert not DeskSession.objects.filter(user=outsider).exists()


def test_signed_out_visitors_are_sent_to_sign_in(house):
    from django.test import Client

    response = Client().get(DESK)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_call_next_pressed_twice_calls_the_same_visitor(house, agency, receptionist_at_house, abh_desk_1):
    first = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house, first_name="Amina")
    second = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client = client_for(abh_desk_1.user)

    assert client.post(action("call-next")).status_code == 302
    assert client.post(action("call-next")).status_code == 302

    abh_desk_1.refresh_from_db()
    assert abh_desk_1.current.visit_id == first.pk
    assert Visit.objects.get(pk=second.pk).status == Visit.Status.WAITING, "nobody was skipped"
    page = client.get(DESK)
    assert first.ticket in page.text and "Amina" in page.text


def test_the_desk_shows_a_registered_person_with_a_link_to_the_file(
    house, agency, receptionist_at_house, abh_desk_1, person
):
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house, person=person)
    client = client_for(abh_desk_1.user)
    client.post(action("call-next"))
    page = client.get(DESK)
    assert person.display_name in page.text
    assert reverse("people:file", args=[person.pk]) in page.text
    assert "Fiktionsbescheinigung" in page.text


def test_the_caseworker_serves_a_visitor_from_call_to_done(house, agency, receptionist_at_house, abh_desk_1):
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client = client_for(abh_desk_1.user)
    client.post(action("call-next"))
    client.post(action("call-again"))
    client.post(action("arrived"))
    assert Concern.objects.get(visit=visit).status == Concern.Status.SERVING
    client.post(action("done"))
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.DONE
    assert "No visitor is called at this desk." in client.get(DESK).text


def test_an_action_that_does_not_fit_is_a_message_not_an_error(house, abh_desk_1):
    response = client_for(abh_desk_1.user).post(action("done"), follow=True)
    assert response.status_code == 200
    assert "No visitor is called at this desk." in response.text


def test_nobody_waiting_is_said_so(house, abh_desk_1):
    response = client_for(abh_desk_1.user).post(action("call-next"), follow=True)
    assert "Nobody is waiting for this desk." in response.text


def test_unknown_actions_are_not_found_and_actions_need_post(house, abh_desk_1):
    client = client_for(abh_desk_1.user)
    assert client.post(action("delete-everything")).status_code == 404
    assert client.get(action("call-next")).status_code == 405


def test_no_show_and_park_end_the_call(house, agency, receptionist_at_house, abh_desk_1):
    gone = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    out = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client = client_for(abh_desk_1.user)
    client.post(action("call-next"))
    client.post(action("no-show"))
    client.post(action("call-next"))
    client.post(action("arrived"))
    client.post(action("park"))
    assert Visit.objects.get(pk=gone.pk).status == Visit.Status.NO_SHOW
    assert Visit.objects.get(pk=out.pk).status == Visit.Status.PARKED


def test_signing_off_returns_a_called_visitor_to_the_queue(house, agency, receptionist_at_house, abh_desk_1):
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client = client_for(abh_desk_1.user)
    client.post(action("call-next"))
    client.post(action("sign-off"))
    assert not DeskSession.objects.filter(user=abh_desk_1.user, ended_at__isnull=True).exists()
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.WAITING
    assert "Choose your desk" in client.get(DESK).text


def test_the_queue_lists_whom_the_desk_would_call_in_order(house, agency, receptionist_at_house, abh_desk_1):
    first = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.issue_ticket(house, [service(agency, "jobcenter-unterlagen")], actor=receptionist_at_house)
    second = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    response = client_for(abh_desk_1.user).get(reverse("servicepoint:desk-queue"))
    assert response.status_code == 200
    assert "<html" not in response.text, "a partial for htmx"
    text = response.text
    assert first.ticket in text and second.ticket in text
    assert text.index(first.ticket) < text.index(second.ticket)
    assert "B-002" not in text, "a Jobcenter visitor is not in the ABH desk's queue"


def test_hand_over_shows_where_from_and_why_at_the_next_desk(house, agency, receptionist_at_house, abh_desk_1):
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    abh = client_for(abh_desk_1.user)
    abh.post(action("call-next"))
    form = abh.get(reverse("servicepoint:desk-handover"))
    assert form.status_code == 200
    assert "Integrationsberatung" in form.text
    assert service(agency, "abh-eat").name not in form.text, "only other offices' concerns"

    integration = service(agency, "integration-beratung")
    response = abh.post(
        reverse("servicepoint:desk-handover"),
        {"service": integration.pk, "note": "Needs counselling on family reunion"},
    )
    assert response.status_code == 302
    assert Visit.objects.get(pk=visit.pk).number == visit.number

    caseworker = make_staff(agency, "integration-sp", ("integration", "caseworker"))
    next_desk = client_for(caseworker)
    next_desk.post(DESK, {"desk": desk(agency, "Platz 5").pk})
    assert "handed over from" in next_desk.get(reverse("servicepoint:desk-queue")).text
    next_desk.post(action("call-next"))
    page = next_desk.get(DESK)
    assert visit.ticket in page.text
    assert "Needs counselling on family reunion" in page.text
    assert "Handed over from" in page.text and "Ausländerbehörde" in page.text


def test_hand_over_needs_a_note(house, agency, receptionist_at_house, abh_desk_1):
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client = client_for(abh_desk_1.user)
    client.post(action("call-next"))
    response = client.post(
        reverse("servicepoint:desk-handover"), {"service": service(agency, "integration-beratung").pk, "note": ""}
    )
    assert response.status_code == 200
    assert Concern.objects.filter(handed_over_from__isnull=False).count() == 0


def test_a_desk_session_ends_when_the_membership_in_its_office_has_ended(
    house, agency, receptionist_at_house, abh_desk_1
):
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client = client_for(abh_desk_1.user)
    client.post(action("call-next"))
    abh_desk_1.user.memberships.all().delete()
    assert "Choose your desk" in client.get(DESK).text
    assert client.post(action("call-next")).status_code == 302
    assert not DeskSession.objects.filter(user=abh_desk_1.user, ended_at__isnull=True).exists()
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.WAITING, "the visitor keeps their place"


def test_the_polled_queue_reloads_the_page_once_the_desk_is_gone(house, agency, abh_desk_1):
    client = client_for(abh_desk_1.user)
    assert client.get(reverse("servicepoint:desk-queue")).status_code == 200
    queue.open_desk(make_staff(agency, "abh-2", ("abh", "caseworker")), abh_desk_1.desk)  # a colleague takes it
    response = client.get(reverse("servicepoint:desk-queue"))
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_the_queue_marks_appointments(house, agency, abh_desk_1):
    from django.utils import timezone

    from kurzweg.servicepoint.models import Appointment

    starts = timezone.localtime()  # due now
    appointment = Appointment.objects.create(
        agency=agency, service_point=house, service=service(agency, "abh-aufenthalt"), starts_at=starts, minutes=25,
        name="Olena K.",
    )  # fmt: skip
    visit = queue.check_in(house, appointment.code)
    text = client_for(abh_desk_1.user).get(reverse("servicepoint:desk-queue")).text
    assert visit.ticket in text
    assert f"Appointment {starts:%H:%M}" in text


def test_the_desk_lists_the_next_twenty_in_calling_order_and_counts_the_rest(
    house, agency, receptionist_at_house, abh_desk_1, abh_caseworker
):
    visits = [
        queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house) for _ in range(23)
    ]
    page = client_for(abh_caseworker).get(DESK).text
    assert all(v.ticket in page for v in visits[:20])
    assert not any(v.ticket in page for v in visits[20:])
    assert "and 3 more visitors" in page
    called = queue.call_next(abh_desk_1)
    assert called is not None and called.visit_id == visits[0].pk, "the list's first is who is called"
