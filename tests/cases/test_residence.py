"""Residence status: kept by the foreigners authority as a history of rows never overwritten;
the details readable like its section, "valid until" by every staff member."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kurzweg.cases import access, services
from kurzweg.cases.models import ResidenceStatus
from kurzweg.core.models import AuditEntry
from tests.conftest import client_for, office

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_new_status_is_a_new_row_and_the_history_stays(person, abh_caseworker, permit):
    fiktion = services.record_residence_status(
        abh_caseworker, person, kind=ResidenceStatus.Kind.FIKTION, valid_until=datetime.date(2026, 12, 31), today=TODAY
    )
    view = access.residence_of(abh_caseworker, person)
    assert view.current == fiktion
    assert view.history == [fiktion, permit]
    permit.legal_paragraph = "§ 24 AufenthG"
    with pytest.raises(PermissionError):
        permit.save()
    permit.refresh_from_db()
    assert permit.legal_paragraph == "§ 25 Abs. 2 AufenthG"


def test_the_change_is_audited_with_field_names_only(person, permit):
    entry = AuditEntry.objects.get(object_type="residencestatus", action="create")
    assert entry.fields == ["kind", "legal_paragraph", "valid_from", "valid_until"]
    assert entry.section_office == office(person.agency, "abh")
    assert "25" not in entry.reason


@pytest.mark.parametrize(("reader", "details"), [
    ("abh_caseworker", True),        # the foreigners authority itself
    ("jobcenter_caseworker", True),  # a legal basis jobcenter → abh (tests/conftest.py)
    ("jugendamt_caseworker", False),
    ("receptionist", False),
    ("dpo", False),
])  # fmt: skip
def test_the_details_are_read_like_the_abh_section_and_valid_until_by_everyone(
    request, person, permit, reader, details
):
    user = request.getfixturevalue(reader)
    response = client_for(user).get(reverse("cases:residence", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "30.09.2026" in body  # valid until: for every staff member
    assert ("§ 25 Abs. 2 AufenthG" in body) == details
    assert ("01.06.2025" in body) == details
    assert ("Aufenthaltserlaubnis" in body) == details
    reads = AuditEntry.objects.filter(actor=user, action="read_section", object_type="residencestatus")
    assert reads.count() == (1 if details else 0)


def test_without_a_status_nothing_is_read_and_that_is_said(person, jobcenter_caseworker):
    response = client_for(jobcenter_caseworker).get(reverse("cases:residence", args=[person.pk]))
    assert response.context["residence"].exists is False
    assert not AuditEntry.objects.filter(action="read_section").exists()


def test_only_the_foreigners_authority_records_a_status(person, jobcenter_caseworker, abh_lead):
    with pytest.raises(PermissionDenied):
        services.record_residence_status(jobcenter_caseworker, person, kind="duldung")
    url = reverse("cases:residence", args=[person.pk])
    response = client_for(jobcenter_caseworker).post(url, {"kind": "duldung"})
    assert response.status_code == 403
    denied = AuditEntry.objects.get(actor=jobcenter_caseworker, action="denied")
    assert (denied.reason, denied.section_office.code) == ("write_section", "abh")

    response = client_for(abh_lead).post(url, {"kind": "duldung", "valid_until": "2026-06-30"})
    assert response.status_code == 302
    assert ResidenceStatus.objects.get(person=person).kind == "duldung"


def test_the_form_asks_for_the_paragraph_of_a_permit_and_keeps_what_was_typed(person, abh_caseworker):
    url = reverse("cases:residence", args=[person.pk])
    response = client_for(abh_caseworker).post(
        url, {"kind": "erlaubnis", "legal_paragraph": "", "valid_from": "2026-05-01", "valid_until": "2026-04-01"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"legal_paragraph", "valid_until"}
    assert 'value="2026-05-01"' in response.content.decode()
    assert not ResidenceStatus.objects.exists()
