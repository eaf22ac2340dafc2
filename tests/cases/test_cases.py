"""Cases: opened by an office for a person or a household, moved on through their statuses,
closed with a reason, with a history; every change audited with field names only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kurzweg.cases import access, services
from kurzweg.cases.models import Case, CaseEvent
from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Consent
from tests.conftest import client_for, make_staff, office

pytestmark = pytest.mark.django_db


def test_a_case_goes_from_open_to_closed_with_a_reason_and_keeps_its_history(abh_case, abh_caseworker):
    assert abh_case.status == Case.Status.OPEN
    assert abh_case.legal_area == "aufenthg"
    assert abh_case.owner == abh_caseworker

    services.change_case_status(abh_caseworker, abh_case, Case.Status.IN_PROGRESS)
    services.change_case_status(abh_caseworker, abh_case, Case.Status.WAITING)
    services.change_case_status(abh_caseworker, abh_case, Case.Status.IN_PROGRESS)
    case = services.change_case_status(
        abh_caseworker, abh_case, Case.Status.CLOSED, close_reason=Case.CloseReason.DECIDED
    )

    case.refresh_from_db()
    assert (case.status, case.close_reason) == (Case.Status.CLOSED, "decided")
    assert case.closed_at is not None
    kinds = [e.kind for e in reversed(list(case.events.all()))]
    assert kinds == ["opened", "status", "status", "status", "closed"]
    steps = [(e.from_status, e.to_status) for e in reversed(list(case.events.all()))][1:]
    assert steps == [
        ("open", "in_progress"),
        ("in_progress", "waiting"),
        ("waiting", "in_progress"),
        ("in_progress", "closed"),
    ]


def test_closing_needs_a_reason_and_only_allowed_steps_are_taken(abh_case, abh_caseworker):
    with pytest.raises(services.CaseChangeRefused):
        services.change_case_status(abh_caseworker, abh_case, Case.Status.CLOSED)
    with pytest.raises(services.CaseChangeRefused):
        services.change_case_status(abh_caseworker, abh_case, Case.Status.OPEN)  # already open
    abh_case.refresh_from_db()
    assert abh_case.status == Case.Status.OPEN
    assert abh_case.events.count() == 1


def test_a_closed_case_is_reopened_and_its_reason_cleared(abh_case, abh_caseworker):
    services.change_case_status(abh_caseworker, abh_case, Case.Status.CLOSED, close_reason="moved_away")
    case = services.change_case_status(abh_caseworker, abh_case, Case.Status.OPEN)
    assert (case.status, case.close_reason, case.closed_at) == ("open", "", None)
    assert case.events.first().kind == CaseEvent.Kind.REOPENED


def test_changes_are_audited_with_field_names_only(abh_case, abh_caseworker, person):
    services.change_case_status(abh_caseworker, abh_case, Case.Status.CLOSED, close_reason="withdrawn")
    entries = AuditEntry.objects.filter(object_type="case", object_id=str(abh_case.pk)).order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].fields == ["close_reason", "closed_at", "status"]
    assert entries[1].person_id == person.pk
    assert entries[1].section_office == office(person.agency, "abh")
    assert "withdrawn" not in str(entries[1].fields) + entries[1].reason


def test_only_staff_of_the_office_who_may_write_change_a_case(abh_case, jobcenter_caseworker, receptionist):
    # The Jobcenter reads the abh section by law, but does not write in it.
    for user in (jobcenter_caseworker, receptionist):
        with pytest.raises(PermissionDenied):
            services.change_case_status(user, abh_case, Case.Status.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.open_case(jobcenter_caseworker, abh_case.office, title="x", person=abh_case.person)


def test_the_owner_must_work_in_the_office(abh_case, abh_caseworker, jobcenter_caseworker, abh_lead):
    with pytest.raises(services.CaseChangeRefused):
        services.change_case_owner(abh_caseworker, abh_case, jobcenter_caseworker)
    services.change_case_owner(abh_caseworker, abh_case, abh_lead)
    abh_case.refresh_from_db()
    assert abh_case.owner == abh_lead
    assert abh_case.events.first().kind == CaseEvent.Kind.OWNER


def test_a_household_case_is_about_every_member_and_not_opened_by_one_members_consent(
    agency, person, spouse, household, jugendamt_caseworker, jobcenter_caseworker, abh_caseworker
):
    case = services.open_case(
        jugendamt_caseworker, office(agency, "jugendamt"), title="Familienhilfe", household=household
    )
    assert {p.pk for p in access.case_persons(case)} == {person.pk, spouse.pk}
    created = AuditEntry.objects.filter(object_type="case", object_id=str(case.pk), action="create")
    assert {e.person_id for e in created} == {person.pk, spouse.pk}

    # One member's consent lets the Jobcenter read that member's Jugendamt section, not the
    # household's case, which concerns the other members too.
    Consent.objects.create(
        agency=agency,
        person=person,
        section_office=office(agency, "jugendamt"),
        recipient_office=office(agency, "jobcenter"),
        recorded_by=jugendamt_caseworker,
    )
    assert access.case_access(jobcenter_caseworker, case).granted is False
    assert access.case_access(jugendamt_caseworker, case).granted is True


def test_the_case_page_moves_the_case_on_and_keeps_what_was_typed_on_errors(abh_case, abh_caseworker):
    client = client_for(abh_caseworker)
    url = reverse("cases:case", args=[abh_case.pk])

    response = client.post(url, {"status": "closed", "close_reason": "", "owner": abh_caseworker.pk})
    assert response.status_code == 200
    assert "close_reason" in response.context["form"].errors
    assert 'value="closed" selected' in response.content.decode()
    abh_case.refresh_from_db()
    assert abh_case.status == "open"

    response = client.post(url, {"status": "closed", "close_reason": "transferred", "owner": abh_caseworker.pk})
    assert response.status_code == 302
    abh_case.refresh_from_db()
    assert (abh_case.status, abh_case.close_reason) == ("closed", "transferred")


def test_opening_a_case_from_the_file(person, abh_caseworker, agency):
    client = client_for(abh_caseworker)
    url = reverse("cases:case_new", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"office": office(agency, "abh").pk, "title": "Einbürgerung"})
    case = Case.objects.get(title="Einbürgerung")
    assert response["Location"] == reverse("cases:case", args=[case.pk])
    assert (case.person, case.office.code, case.opened_by) == (person, "abh", abh_caseworker)


def test_a_case_can_be_opened_only_in_an_office_one_writes_for(person, abh_caseworker, agency):
    client = client_for(abh_caseworker)
    response = client.post(
        reverse("cases:case_new", args=[person.pk]), {"office": office(agency, "jugendamt").pk, "title": "x"}
    )
    assert response.status_code == 200
    assert "office" in response.context["form"].errors
    assert not Case.objects.exists()


def test_staff_in_two_offices_open_cases_in_both(agency, person):
    both = make_staff(agency, "both", ("abh", "caseworker"), ("integration", "caseworker"))
    assert {o.code for o in access.offices_writable(both)} == {"abh", "integration"}
    case = services.open_case(both, office(agency, "integration"), title="Beratung", person=person)
    assert case.legal_area == "integration"
