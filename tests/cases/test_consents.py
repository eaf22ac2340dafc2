"""Consent per purpose, its end date, the printout in the person's language, and the "consent to
renew" deadline (with fixed dates)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kurzweg.cases import deadlines
from kurzweg.cases.models import Task
from kurzweg.core.models import AuditEntry
from kurzweg.people import services as people_services
from kurzweg.people.access import section_access
from kurzweg.people.models import Consent, SpokenLanguage
from tests.conftest import client_for, office

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def _record(user, person, **extra):  # type: ignore[no-untyped-def]
    return people_services.record_consent(
        user, person, section_office=office(person.agency, "abh"), form="written", **extra
    )


@pytest.mark.parametrize("purpose", ["employers", "contact_sms", "contact_email"])
def test_purposes_other_than_sharing_open_no_section(person, abh_caseworker, jugendamt_caseworker, purpose):
    consent = _record(abh_caseworker, person, purpose=purpose, recipient_office=office(person.agency, "jugendamt"))
    assert (consent.purpose, consent.recipient_office, consent.is_in_force) == (purpose, None, True)
    assert not section_access(jugendamt_caseworker, person, office(person.agency, "abh")).granted
    entry = AuditEntry.objects.get(object_type="consent", object_id=str(consent.pk))
    assert entry.reason == f"consent_purpose:{purpose}"


def test_sharing_ends_with_the_end_date(person, abh_caseworker, jugendamt_caseworker):
    abh = office(person.agency, "abh")
    consent = _record(
        abh_caseworker,
        person,
        recipient_office=office(person.agency, "jugendamt"),
        valid_until=datetime.date.today(),
    )
    assert section_access(jugendamt_caseworker, person, abh).granted  # the end date is the last day
    Consent.objects.filter(pk=consent.pk).update(valid_until=datetime.date.today() - datetime.timedelta(days=1))
    assert not section_access(jugendamt_caseworker, person, abh).granted
    consent.refresh_from_db()
    assert not consent.is_in_force
    with pytest.raises(ValueError):
        _record(abh_caseworker, person, recipient_office=office(person.agency, "jugendamt"), valid_until=TODAY)


def test_the_consent_form_records_a_purpose(person, abh_caseworker):
    client = client_for(abh_caseworker)
    response = client.post(
        reverse("people:consents", args=[person.pk]),
        {"purpose": "contact_sms", "section_office": office(person.agency, "abh").pk, "form": "oral"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.purpose, consent.recipient_office, consent.form) == ("contact_sms", None, "oral")
    # Sharing without the office that may read is sent back.
    response = client.post(
        reverse("people:consents", args=[person.pk]),
        {"purpose": "share_section", "section_office": office(person.agency, "abh").pk, "form": "oral"},
    )
    assert response.status_code == 200 and "recipient_office" in response.context["form"].errors


def test_the_printout_is_in_the_persons_language_right_to_left_for_arabic(person, abh_caseworker):
    SpokenLanguage.objects.create(person=person, code="ara", level="native")
    consent = _record(abh_caseworker, person, recipient_office=office(person.agency, "jobcenter"))
    url = reverse("cases:consent_print", args=[person.pk, consent.pk])
    page = client_for(abh_caseworker).get(url).content.decode()
    assert '<section class="consent__block" lang="de" dir="ltr">' in page
    assert '<section class="consent__block" lang="ar" dir="rtl">' in page
    assert "@page" in page and person.display_name in page
    page = client_for(abh_caseworker).get(url + "?lang=uk").content.decode()
    assert 'lang="uk" dir="ltr"' in page and 'lang="ar"' not in page.split("<main>")[1].split("<form")[0]
    # Shown only to whom the consent is shown.
    from tests.conftest import make_staff

    jugendamt = make_staff(person.agency, "jug2", ("jugendamt", "caseworker"))
    assert client_for(jugendamt).get(url).status_code == 404


def test_the_consent_to_renew_is_a_deadline(person, abh_caseworker):
    agency = person.agency
    # Made directly: the data may have been recorded on any day (the service refuses past dates).
    consent = Consent.objects.create(
        agency=agency,
        person=person,
        section_office=office(agency, "abh"),
        recipient_office=office(agency, "jobcenter"),
        valid_until=datetime.date(2026, 6, 30),
        given_at=datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC),
        recorded_by=abh_caseworker,
    )
    _record(abh_caseworker, person, purpose="employers")  # no end date: no deadline
    made = deadlines.make_deadline_tasks(agency.pk, today=TODAY)
    assert (made["consent_made"], made["consent_existing"]) == (1, 0)
    made = deadlines.make_deadline_tasks(agency.pk, today=TODAY)
    assert (made["consent_made"], made["consent_existing"]) == (0, 1)  # idempotent
    task = Task.objects.get(kind=Task.Kind.CONSENT_RENEWAL)
    assert (task.office, task.person, task.due_date, task.origin) == (
        office(agency, "abh"),
        person,
        datetime.date(2026, 6, 2),
        "automatic",
    )
    assert "30.06.2026" in task.display_title or "06/30/2026" in task.display_title
    assert deadlines.ensure_consent_task(consent, today=TODAY) == task
    # Past its end: nothing to make.
    assert deadlines.ensure_consent_task(consent, today=datetime.date(2026, 7, 1)) in (None, task)
    # Withdrawn: the next run cancels the open task, and makes none again.
    people_services.withdraw_consent(abh_caseworker, consent)
    made = deadlines.make_deadline_tasks(agency.pk, today=TODAY)
    assert made["consent_cancelled"] == 1 and made["consent_made"] == 0
    task.refresh_from_db()
    assert task.status == "cancelled"


def test_an_expired_consent_makes_no_deadline(person, abh_caseworker):
    consent = _record(abh_caseworker, person, recipient_office=office(person.agency, "jobcenter"))
    Consent.objects.filter(pk=consent.pk).update(valid_until=datetime.date(2026, 3, 1))
    consent.refresh_from_db()
    assert deadlines.ensure_consent_task(consent, today=TODAY) is None
    assert deadlines.make_deadline_tasks(person.agency.pk, today=TODAY)["consent_made"] == 0
