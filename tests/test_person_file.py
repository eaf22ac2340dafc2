"""Reading a person's file: shared master data, office sections by the access policy, audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kurzweg.core.models import AuditEntry
from kurzweg.people import access
from kurzweg.people.models import Consent

from .conftest import client_for, office

pytestmark = pytest.mark.django_db


def section_url(person, code):
    return reverse("people:section", args=[person.pk, code])


def test_every_staff_member_sees_the_master_data(person, receptionist):
    response = client_for(receptionist).get(reverse("people:file", args=[person.pk]))
    assert response.status_code == 200
    assert "AHMADI, Mohammad" in response.content.decode()


def test_opening_a_file_is_audited(person, receptionist):
    client_for(receptionist).get(reverse("people:file", args=[person.pk]))
    entry = AuditEntry.objects.get(person_id=person.pk)
    assert (entry.actor, entry.action) == (receptionist, AuditEntry.Action.OPEN_FILE)


def test_an_office_reads_its_own_section_and_the_read_is_audited(person, abh_caseworker):
    response = client_for(abh_caseworker).get(section_url(person, "abh"))
    assert response.status_code == 200
    assert "Fiktionsbescheinigung ausgestellt" in response.content.decode()
    entry = AuditEntry.objects.get(person_id=person.pk, action=AuditEntry.Action.READ_SECTION)
    assert entry.section_office == office(person.agency, "abh")
    assert entry.reason == "own_office"


def test_special_categories_need_a_role_allowed_them(person, abh_caseworker, abh_specialist):
    assert "Fluchtgründe" not in client_for(abh_caseworker).get(section_url(person, "abh")).content.decode()
    assert "Fluchtgründe" in client_for(abh_specialist).get(section_url(person, "abh")).content.decode()


def test_another_office_is_refused_and_the_attempt_is_logged(person, jugendamt_caseworker):
    response = client_for(jugendamt_caseworker).get(section_url(person, "abh"))
    assert response.status_code == 403
    assert "Fiktionsbescheinigung" not in response.content.decode()
    assert AuditEntry.objects.filter(person_id=person.pk, action=AuditEntry.Action.DENIED).count() == 1


def test_a_legal_basis_opens_a_section_without_special_categories(person, jobcenter_caseworker):
    response = client_for(jobcenter_caseworker).get(section_url(person, "abh"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fiktionsbescheinigung ausgestellt" in body and "§ 87 Abs. 1 AufenthG" in body
    assert "Fluchtgründe" not in body


def test_consent_opens_a_section_and_withdrawal_closes_it_at_once(person, abh_caseworker, jugendamt_caseworker):
    client = client_for(abh_caseworker)
    assert client.get(section_url(person, "jugendamt")).status_code == 403
    # The youth welfare office, which holds the section, records the person's consent.
    response = client_for(jugendamt_caseworker).post(
        reverse("people:consents", args=[person.pk]),
        {
            "section_office": office(person.agency, "jugendamt").pk,
            "recipient_office": office(person.agency, "abh").pk,
            "form": "written",
        },
    )
    assert response.status_code == 302
    assert "Hilfeplangespräch" in client.get(section_url(person, "jugendamt")).content.decode()

    consent = Consent.objects.get(person=person)
    client.post(reverse("people:consent_withdraw", args=[person.pk, consent.pk]))
    assert client.get(section_url(person, "jugendamt")).status_code == 403


def test_staff_cannot_consent_on_behalf_of_another_office(person, jugendamt_caseworker, abh_caseworker):
    response = client_for(abh_caseworker).post(
        reverse("people:consents", args=[person.pk]),
        {
            "section_office": office(person.agency, "jugendamt").pk,
            "recipient_office": office(person.agency, "abh").pk,
            "form": "written",
        },
    )
    assert response.status_code == 200  # the form refuses the office it does not offer
    assert not Consent.objects.exists()


def test_a_consent_is_shown_only_to_the_offices_it_concerns(person, jugendamt_caseworker, jobcenter_caseworker):
    from kurzweg.people import services

    services.record_consent(
        jugendamt_caseworker,
        person,
        section_office=office(person.agency, "jugendamt"),
        recipient_office=office(person.agency, "integration"),
        form="written",
    )
    url = reverse("people:consents", args=[person.pk])
    assert "Integration" in client_for(jugendamt_caseworker).get(url).content.decode()
    assert "Jugendamt</td>" not in client_for(jobcenter_caseworker).get(url).content.decode()


def test_the_file_lists_only_the_sections_one_may_read(person, jobcenter_caseworker):
    body = client_for(jobcenter_caseworker).get(reverse("people:file", args=[person.pk])).content.decode()
    assert section_url(person, "abh") in body
    assert section_url(person, "jobcenter") in body
    assert section_url(person, "jugendamt") not in body


def test_if_the_audit_write_fails_the_read_fails(person, abh_caseworker, monkeypatch):
    def broken_write(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    # Every way an audit entry is written: one at a time, or several reads in one INSERT.
    monkeypatch.setattr(AuditEntry, "save", broken_write)
    monkeypatch.setattr(AuditEntry.objects, "bulk_create", broken_write)
    with pytest.raises(RuntimeError):
        access.read_section(abh_caseworker, person, office(person.agency, "abh"))
    client = client_for(abh_caseworker)
    client.raise_request_exception = False
    response = client.get(section_url(person, "abh"))
    assert response.status_code == 500
    assert "Fiktionsbescheinigung" not in response.content.decode()


def test_staff_of_another_agency_get_404(person, outsider):
    client = client_for(outsider)
    assert client.get(reverse("people:file", args=[person.pk])).status_code == 404
    assert client.get(section_url(person, "abh")).status_code == 404
    assert client.get(reverse("people:access_log", args=[person.pk])).status_code == 404


def test_who_looked_at_this_file(person, abh_caseworker, abh_lead, dpo, jugendamt_caseworker):
    client_for(abh_caseworker).get(section_url(person, "abh"))
    client_for(jugendamt_caseworker).get(section_url(person, "abh"))
    for viewer in (abh_lead, dpo):
        body = client_for(viewer).get(reverse("people:access_log", args=[person.pk])).content.decode()
        assert "abh" in body and "jugendamt" in body
    assert client_for(abh_caseworker).get(reverse("people:access_log", args=[person.pk])).status_code == 403


def test_audit_entries_cannot_be_changed(person, abh_caseworker):
    client_for(abh_caseworker).get(section_url(person, "abh"))
    entry = AuditEntry.objects.first()
    entry.reason = "nothing to see"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(reason="x")
    with pytest.raises(PermissionError):
        entry.delete()


def test_the_database_refuses_to_change_audit_entries(person, abh_caseworker):
    from django.db import DatabaseError, connection, transaction

    client_for(abh_caseworker).get(section_url(person, "abh"))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = 'x'")
