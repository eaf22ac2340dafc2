"""Deleting a whole person: requested with a ground by one authorised person, approved by a
different one (four eyes: the requester cannot approve), then everything linked is deleted —
visits stay without a name for the statistics — and a record without personal data remains."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.test import TestCase
from django.urls import reverse

from kurzweg.cases import storage
from kurzweg.cases.models import Case, Document, Referral, ResidenceStatus, Task
from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Consent, Household, Merge, Person, SectionEntry
from kurzweg.privacy import deletion
from kurzweg.privacy.models import DeletionRequest
from kurzweg.servicepoint.models import Appointment, Concern, Visit
from tests.conftest import client_for, make_staff

pytestmark = pytest.mark.django_db

GROUND = DeletionRequest.Ground.NOT_NEEDED


def test_the_requester_cannot_approve_their_own_request(full_file, dpo):
    made = deletion.request(dpo, full_file.person, GROUND, "Akte abgeschlossen, keine Aufbewahrungspflicht")
    with pytest.raises(deletion.FourEyesViolation):
        deletion.approve(dpo, made.pk)
    made.refresh_from_db()
    assert made.status == DeletionRequest.Status.REQUESTED and made.decided_by is None
    assert Person.objects.filter(pk=full_file.person.pk).exists()


def test_the_requester_cannot_approve_through_the_page_either(full_file, dpo):
    made = deletion.request(dpo, full_file.person, GROUND)
    response = client_for(dpo).post(reverse("privacy:decide", args=[made.pk]), {"decision": "approve"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=full_file.person.pk).exists()
    # The page offers the requester no approval, only withdrawing the request.
    page = client_for(dpo).get(reverse("privacy:overview")).content.decode()
    assert 'value="approve"' not in page and 'value="cancel"' in page


def test_the_database_refuses_an_approval_by_the_requester(full_file, dpo):
    made = deletion.request(dpo, full_file.person, GROUND)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeletionRequest.objects.filter(pk=made.pk).update(status="done", decided_by=dpo)


def test_a_second_person_approves_and_everything_linked_is_deleted(full_file, dpo, second_dpo, documents_dir):
    person, ids = full_file.person, [full_file.person.pk, full_file.merged.pk]
    file_path = storage.path_of(full_file.document.storage_name)
    assert file_path.exists()
    reads_before = AuditEntry.objects.filter(person_id=person.pk).count()
    made = deletion.request(dpo, person, GROUND, "Frau Rahimi bat darum")

    with django_capture_on_commit():
        deletion.approve(second_dpo, made.pk)

    assert not Person.objects.filter(pk__in=ids).exists(), "the person and the record merged into them"
    for model in (SectionEntry, Consent, Document, Referral, ResidenceStatus):
        assert not model.objects.filter(person_id__in=ids).exists(), model
    assert not Case.objects.filter(pk=full_file.case.pk).exists()
    assert not Task.objects.filter(pk=full_file.task.pk).exists()
    assert not Appointment.objects.filter(pk=full_file.appointment.pk).exists()
    assert not Merge.objects.filter(survivor_id=person.pk).exists()
    assert not file_path.exists(), "the document's file is removed once the deletion is committed"
    # The visit stays for the statistics, with nobody and no note on it.
    visit = Visit.objects.get(pk=full_file.visit.pk)
    assert visit.person_id is None and visit.first_name == ""
    assert Concern.objects.get(pk=full_file.concern.pk).handover_note == ""
    # The spouse and the household (with its case) stay: they are someone else's data.
    assert Person.objects.filter(pk=full_file.spouse.pk).exists()
    assert Case.objects.filter(pk=full_file.household_case.pk).exists()
    # The record that the deletion happened names no one; the access log keeps its entries.
    made.refresh_from_db()
    assert made.status == DeletionRequest.Status.DONE and made.decided_by == second_dpo
    assert made.note == "" and made.person_id is None and made.person_ref == person.pk
    outcome = {line["what"]: (line["action"], line["count"]) for line in made.outcome}
    assert outcome["people.person"] == ("deleted", 2)
    assert outcome["servicepoint.visit"] == ("anonymised", 1)
    assert outcome["cases.document"] == ("deleted", 1)
    assert "Ahmadi" not in str(made.outcome) and "Rahimi" not in str(made.outcome)
    deleted = AuditEntry.objects.get(action=AuditEntry.Action.DELETE, person_id=person.pk)
    assert deleted.actor == second_dpo and deleted.reason == f"deletion_request:{made.pk}"
    assert AuditEntry.objects.filter(person_id=person.pk).count() == reads_before + 2  # request, deletion


def django_capture_on_commit():  # type: ignore[no-untyped-def]
    """Run on_commit callbacks (file removal) as the test's transaction would on commit."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_last_member_takes_the_household_and_its_cases_along(full_file, dpo, second_dpo, documents_dir):
    for person in (full_file.spouse, full_file.person):
        made = deletion.request(dpo, Person.objects.get(pk=person.pk), GROUND)
        deletion.approve(second_dpo, made.pk)
    assert not Household.objects.exists()
    assert not Case.objects.filter(pk=full_file.household_case.pk).exists()


def test_a_rejection_deletes_nothing_and_only_another_person_rejects(full_file, dpo, second_dpo):
    made = deletion.request(dpo, full_file.person, GROUND, "bitte prüfen")
    with pytest.raises(deletion.FourEyesViolation):
        deletion.reject(dpo, made.pk)
    deletion.reject(second_dpo, made.pk)
    made.refresh_from_db()
    assert made.status == DeletionRequest.Status.REJECTED and made.note == ""
    assert Person.objects.filter(pk=full_file.person.pk).exists()
    with pytest.raises(deletion.DeletionRefused):
        deletion.approve(second_dpo, made.pk)


def test_only_the_requester_withdraws_a_request(full_file, dpo, second_dpo):
    made = deletion.request(dpo, full_file.person, GROUND)
    with pytest.raises(PermissionDenied):
        deletion.cancel(second_dpo, made.pk)
    deletion.cancel(dpo, made.pk)
    assert DeletionRequest.objects.get(pk=made.pk).status == DeletionRequest.Status.CANCELLED
    # Withdrawn, a new request may be made.
    deletion.request(second_dpo, full_file.person, GROUND)


def test_one_open_request_per_person(full_file, dpo, second_dpo):
    deletion.request(dpo, full_file.person, GROUND)
    with pytest.raises(deletion.DeletionRefused):
        deletion.request(second_dpo, full_file.person, GROUND)


def test_staff_without_the_capability_can_neither_request_nor_approve(full_file, dpo, abh_lead, administrator):
    for user in (abh_lead, administrator):
        with pytest.raises(PermissionDenied):
            deletion.request(user, full_file.person, GROUND)
    made = deletion.request(dpo, full_file.person, GROUND)
    with pytest.raises(PermissionDenied):
        deletion.approve(abh_lead, made.pk)
    assert Person.objects.filter(pk=full_file.person.pk).exists()


def test_another_agencys_request_is_not_found(full_file, dpo, outsider):
    foreign_dpo = make_staff(outsider.agency, "datenschutz-sued", ("leitung", "dpo"))
    made = deletion.request(dpo, full_file.person, GROUND)
    with pytest.raises(Http404):
        deletion.approve(foreign_dpo, made.pk)
    with pytest.raises(Http404):
        deletion.request(foreign_dpo, full_file.person, GROUND)


def test_requesting_through_the_page_needs_the_confirmation(full_file, dpo):
    url = reverse("privacy:request_deletion", args=[full_file.person.pk])
    response = client_for(dpo).post(url, {"ground": GROUND, "note": ""})
    assert response.status_code == 200 and "confirm" in response.context["form"].errors
    assert not DeletionRequest.objects.exists()
    response = client_for(dpo).post(url, {"ground": GROUND, "note": "", "confirm": "on"})
    assert response.status_code == 302
    assert DeletionRequest.objects.get().requested_by == dpo
