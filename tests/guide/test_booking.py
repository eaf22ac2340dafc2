"""Online booking: free slots from the opening hours, closures and bookings; booking, the
confirmation page and e-mail with the calendar file; cancel and rebook by link; limits
against abuse; and never one slot for two people, even for parallel requests (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.db import IntegrityError, connection, connections
from django.test import Client

from kurzweg.guide import booking, ical
from kurzweg.guide.models import Closure, OpeningHours, SlotClaim
from kurzweg.servicepoint import clock, queue
from kurzweg.servicepoint.models import Appointment, Visit
from tests.conftest import desk, service

from .conftest import GUIDE, TUESDAY_MORNING

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
WEDNESDAY = dt.date(2026, 11, 25)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def key(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")


@pytest.fixture
def wednesdays(guide, agency):
    """The house opens on Wednesdays 8–10 only; Wednesday 2 December is closed."""
    OpeningHours.objects.filter(agency=agency).delete()
    Closure.objects.filter(agency=agency).delete()
    OpeningHours.objects.create(agency=agency, weekday=2, opens=dt.time(8), closes=dt.time(10))
    Closure.objects.create(agency=agency, first_day=dt.date(2026, 12, 2), last_day=dt.date(2026, 12, 2), reason="Umzug")
    return guide


def starts(slots: list[booking.Slot]) -> list[dt.datetime]:
    return [slot.starts_at for slot in slots]


def book(agency, code: str, moment: dt.datetime, email: str = "amal@example.org", phone: str = "") -> Appointment:
    return booking.book(
        service(agency, code), queue_point(agency), moment, name="Amal", email=email, phone=phone, language="de"
    )


def queue_point(agency):  # type: ignore[no-untyped-def]
    from kurzweg.servicepoint.models import ServicePoint

    return ServicePoint.objects.get(agency=agency)


# Slots ---------------------------------------------------------------------------------------


def test_a_slot_lasts_the_service_time_rounded_up_to_the_quarter_hour(guide, agency):
    assert booking.slot_minutes(service(agency, "abh-aufenthalt")) == 30  # 25 minutes
    assert booking.slot_minutes(service(agency, "abh-ausweis")) == 15
    assert booking.slot_minutes(service(agency, "vhs-einstufung")) == 45


def test_slots_follow_the_opening_hours_and_skip_closures(wednesdays, agency):
    slots = booking.free_slots(service(agency, "integration-beratung"))  # 30 minutes, one desk
    # 14 days from Tuesday 24 November: Wednesdays 25 November and 2 December; the 2nd is closed.
    assert starts(slots) == [at(WEDNESDAY, 8, m) for m in (0, 15, 30, 45)] + [at(WEDNESDAY, 9, m) for m in (0, 15, 30)]
    assert all(slot.desk == desk(agency, "Platz 5") for slot in slots)


def test_a_booked_appointment_takes_every_slot_it_overlaps(wednesdays, agency):
    book(agency, "integration-beratung", at(WEDNESDAY, 8, 30))
    slots = booking.free_slots(service(agency, "integration-beratung"))
    assert starts(slots) == [at(WEDNESDAY, 8, 0), at(WEDNESDAY, 9, 0), at(WEDNESDAY, 9, 15), at(WEDNESDAY, 9, 30)]


def test_a_slot_stays_free_while_another_desk_serving_the_service_is_free(wednesdays, agency):
    residence = service(agency, "abh-aufenthalt")  # desks 1 and 2
    first = book(agency, "abh-aufenthalt", at(WEDNESDAY, 8))
    assert at(WEDNESDAY, 8) in starts(booking.free_slots(residence))
    second = book(agency, "abh-aufenthalt", at(WEDNESDAY, 8), email="other@example.org")
    assert {first.desk, second.desk} == {desk(agency, "Platz 1"), desk(agency, "Platz 2")}
    assert at(WEDNESDAY, 8) not in starts(booking.free_slots(residence))
    with pytest.raises(booking.BookingError) as refused:
        book(agency, "abh-aufenthalt", at(WEDNESDAY, 8), email="third@example.org")
    assert refused.value.reason == booking.BookingError.SLOT_TAKEN


def test_no_slots_in_the_past_or_within_the_next_two_hours(guide, agency):
    OpeningHours.objects.filter(agency=agency).delete()
    OpeningHours.objects.create(agency=agency, weekday=1, opens=dt.time(8), closes=dt.time(13))  # Tuesdays
    slots = booking.free_slots(service(agency, "integration-beratung"), days=1)
    assert starts(slots) == [at(TUESDAY_MORNING.date(), 12, 0), at(TUESDAY_MORNING.date(), 12, 15),
                             at(TUESDAY_MORNING.date(), 12, 30)]  # fmt: skip
    with pytest.raises(booking.BookingError):
        book(agency, "integration-beratung", at(TUESDAY_MORNING.date(), 11, 0))


def test_services_without_appointments_have_no_slots_and_no_booking_page(wednesdays, agency):
    assert booking.free_slots(service(agency, "vhs-kurs")) == []
    assert Client().get(f"{GUIDE}/de/services/vhs-kurs/book/").status_code == 404


def test_the_database_refuses_a_second_claim_of_the_same_desk_and_quarter_hour(wednesdays, agency):
    appointment = book(agency, "integration-beratung", at(WEDNESDAY, 8))
    assert SlotClaim.objects.filter(appointment=appointment).count() == 2  # 8:00 and 8:15
    with pytest.raises(IntegrityError):
        SlotClaim.objects.create(desk=appointment.desk, starts_at=at(WEDNESDAY, 8, 15), appointment=appointment)


# Booking through the pages -------------------------------------------------------------------


def post_booking(client: Client, lang: str, moment: dt.datetime, **fields: str):  # type: ignore[no-untyped-def]
    data = {"slot": key(moment), "name": "Amal Haddad", "email": "amal@example.org", "phone": "", "website": ""}
    return client.post(f"{GUIDE}/{lang}/services/integration-beratung/book/", data | fields)


def test_booking_end_to_end_in_german(wednesdays, agency):
    client = Client()
    page = client.get(f"{GUIDE}/de/services/integration-beratung/book/").content.decode()
    assert '<html lang="de" dir="ltr"' in page
    assert f'value="{key(at(WEDNESDAY, 8))}"' in page
    response = post_booking(client, "de", at(WEDNESDAY, 8, 30))
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.starts_at, appointment.minutes, appointment.language) == (at(WEDNESDAY, 8, 30), 30, "de")
    assert appointment.code not in response["Location"], "the address carries a token, not the booking code"
    assert "amal" not in response["Location"].lower()
    page = client.get(response["Location"]).content.decode()
    assert appointment.code in page
    assert "E.03" in page, "the room"
    assert "/guide/nord/de/services/integration-beratung/" in page, "what to bring"
    assert "appointment.ics" in page and "/rebook/" in page and "/cancel/" in page

    [message] = mail.outbox
    assert message.to == ["amal@example.org"]
    assert appointment.code in message.body and response["Location"] in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("appointment.ics", "text/calendar")
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("DTSTART") == at(WEDNESDAY, 8, 30)

    # On the day, the booking code checks the person in at the kiosk: they join the queue.
    clock.set_clock(lambda: at(WEDNESDAY, 8, 20))
    visit = queue.check_in(appointment.service_point, appointment.code)
    assert visit.source == Visit.Source.APPOINTMENT and visit.language == "de"


def test_booking_in_arabic_is_right_to_left_and_in_arabic(wednesdays, agency):
    client = Client()
    page = client.get(f"{GUIDE}/ar/services/integration-beratung/book/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    response = post_booking(client, "ar", at(WEDNESDAY, 9), email="", phone="+49 151 2345678")
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.language == "ar"
    assert appointment.phone == "+491512345678"
    assert mail.outbox == [], "no e-mail address, no e-mail"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="ar" dir="rtl"' in page and appointment.code in page


def test_a_name_and_an_e_mail_or_phone_are_needed(wednesdays, agency):
    response = post_booking(Client(), "en", at(WEDNESDAY, 8), email="", phone="")
    assert response.status_code == 400
    assert "Please give an e-mail address or a phone number." in response.content.decode()
    response = post_booking(Client(), "en", at(WEDNESDAY, 8), slot="")
    assert response.status_code == 400 and "Please choose a time." in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_taken_slot_is_refused_with_an_offer_of_the_others(wednesdays, agency):
    book(agency, "integration-beratung", at(WEDNESDAY, 8), email="first@example.org")
    response = post_booking(Client(), "en", at(WEDNESDAY, 8))
    page = response.content.decode()
    assert response.status_code == 409
    assert "someone else has just booked this time" in page
    assert f'value="{key(at(WEDNESDAY, 9))}"' in page, "the free times are offered again"
    assert Appointment.objects.count() == 1


# The calendar file ---------------------------------------------------------------------------


def test_the_calendar_file_parses_and_has_the_right_times(wednesdays, agency):
    client = Client()
    manage = post_booking(client, "uk", at(WEDNESDAY, 9, 30))["Location"]
    appointment = Appointment.objects.get()
    response = client.get(f"{manage}appointment.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == at(WEDNESDAY, 9, 30)
    assert event.decoded("DTEND") == at(WEDNESDAY, 10, 0)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0), "in UTC"
    assert appointment.code in str(event["DESCRIPTION"])
    assert f"http://testserver{manage}" in str(event["DESCRIPTION"])
    assert "E.03" in str(event["LOCATION"])
    assert str(event["UID"]) and event.get("DTSTAMP") is not None


def test_calendar_text_is_escaped_and_long_lines_fold_between_characters():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "تصريح الإقامة، " * 10
    folded = ical.fold(line)
    parts = folded.encode().split(b"\r\n")
    assert all(len(part) <= 75 for part in parts) and len(parts) > 2
    assert all(part.startswith(b" ") for part in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(folded.split("\r\n"))) == line
    raw = ical.event(
        uid="x@kurzweg", starts_at=at(WEDNESDAY, 8), ends_at=at(WEDNESDAY, 9), summary="تصريح, الإقامة; " * 8,
        location="Raum E.01", description="Code: ABC\nhttps://example.org/a", stamp=TUESDAY_MORNING,
    )  # fmt: skip
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == "تصريح, الإقامة; " * 8
    assert str(event["DESCRIPTION"]) == "Code: ABC\nhttps://example.org/a"


# Cancel and rebook ---------------------------------------------------------------------------


def test_cancelling_by_link_frees_the_slot(wednesdays, agency):
    client = Client()
    manage = post_booking(client, "en", at(WEDNESDAY, 8))["Location"]
    assert at(WEDNESDAY, 8) not in starts(booking.free_slots(service(agency, "integration-beratung")))
    response = client.post(f"{manage}cancel/")
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.CANCELLED
    assert not SlotClaim.objects.exists()
    assert at(WEDNESDAY, 8) in starts(booking.free_slots(service(agency, "integration-beratung")))
    page = client.get(manage).content.decode()
    assert "This appointment is cancelled." in page and "/cancel/" not in page
    with pytest.raises(queue.QueueError):
        clock.set_clock(lambda: at(WEDNESDAY, 7, 50))
        queue.check_in(appointment.service_point, appointment.code)


def test_rebooking_cancels_the_old_time_and_books_the_new_one_in_one_step(wednesdays, agency):
    client = Client()
    manage = post_booking(client, "de", at(WEDNESDAY, 8))["Location"]
    old = Appointment.objects.get()
    page = client.get(f"{manage}rebook/").content.decode()
    assert f'value="{key(at(WEDNESDAY, 9))}"' in page
    response = client.post(f"{manage}rebook/", {"slot": key(at(WEDNESDAY, 9))})
    assert response.status_code == 302 and response["Location"] != manage
    old.refresh_from_db()
    new = Appointment.objects.get(status=Appointment.Status.BOOKED)
    assert old.status == Appointment.Status.CANCELLED
    assert (new.starts_at, new.name, new.email) == (at(WEDNESDAY, 9), "Amal Haddad", "amal@example.org")
    assert at(WEDNESDAY, 8) in starts(booking.free_slots(service(agency, "integration-beratung")))
    assert len(mail.outbox) == 2, "a confirmation for the new time"


def test_rebooking_to_a_taken_slot_keeps_the_old_booking(wednesdays, agency):
    client = Client()
    manage = post_booking(client, "de", at(WEDNESDAY, 8))["Location"]
    book(agency, "integration-beratung", at(WEDNESDAY, 9), email="other@example.org")
    response = client.post(f"{manage}rebook/", {"slot": key(at(WEDNESDAY, 9))})
    assert response.status_code == 409
    mine = Appointment.objects.get(email="amal@example.org")
    assert mine.status == Appointment.Status.BOOKED and mine.slot_claims.count() == 2


def test_the_booking_link_cannot_be_made_from_the_booking_code(wednesdays, agency):
    client = Client()
    manage = post_booking(client, "de", at(WEDNESDAY, 8))["Location"]
    appointment = Appointment.objects.get()
    assert client.get(f"{GUIDE}/de/booking/{appointment.code}/").status_code == 404
    assert client.get(f"{GUIDE}/de/booking/{appointment.pk}/").status_code == 404
    assert client.post(f"{manage[:-3]}xyz/cancel/").status_code == 404
    assert Appointment.objects.get().status == Appointment.Status.BOOKED


# Abuse protection ----------------------------------------------------------------------------


def test_at_most_three_booked_appointments_per_e_mail_address_or_phone(wednesdays, agency):
    for minute in (0, 30):
        book(agency, "integration-beratung", at(WEDNESDAY, 8, minute), email="", phone="0151 2345678")
    book(agency, "integration-beratung", at(WEDNESDAY, 9), email="AMAL@example.org", phone="0151-2345678")
    response = post_booking(Client(), "en", at(WEDNESDAY, 9, 30), email="", phone="0151 2345678")
    assert response.status_code == 409
    assert "You already have three booked appointments." in response.content.decode()
    with pytest.raises(booking.BookingError):
        book(agency, "abh-aufenthalt", at(WEDNESDAY, 9, 30), email="new@example.org", phone="0151/2345678")
    assert Appointment.objects.count() == 3


def test_a_client_may_book_only_so_often_per_hour(wednesdays, agency):
    for number in range(booking.PER_CLIENT_PER_HOUR):
        response = post_booking(Client(), "en", at(WEDNESDAY, 8), email=f"p{number}@example.org")
        assert response.status_code in (302, 409)
    response = post_booking(Client(), "en", at(WEDNESDAY, 9), email="late@example.org")
    assert response.status_code == 429
    assert "many bookings from you in a short time" in response.content.decode()
    assert not Appointment.objects.filter(email="late@example.org").exists()


def test_the_honeypot_books_nothing(wednesdays, agency):
    response = post_booking(Client(), "de", at(WEDNESDAY, 8), website="https://spam.example")
    assert response.status_code == 302
    assert not Appointment.objects.exists() and mail.outbox == []


# Never one slot for two people, even at the same moment ---------------------------------------


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_bookings_of_the_same_slot_give_exactly_one_booking(wednesdays, agency):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writes: parallel bookings need PostgreSQL")
    integration = service(agency, "integration-beratung")  # one desk
    point = queue_point(agency)
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def attempt(number: int) -> None:
        try:
            barrier.wait()
            booking.book(integration, point, at(WEDNESDAY, 8), name=f"P{number}", email=f"p{number}@example.org",
                         phone="", language="de")  # fmt: skip
            outcomes.append("booked")
        except booking.BookingError as refused:
            outcomes.append(refused.reason)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] + [booking.BookingError.SLOT_TAKEN] * 9
    assert Appointment.objects.filter(starts_at=at(WEDNESDAY, 8)).count() == 1
