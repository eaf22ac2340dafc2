"""The timeline of a person's file: one list across offices of what the user may see, with no
hint of the rest; filters by office and kind; queries that do not grow with the entries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kurzweg.cases import services
from kurzweg.cases.models import Case
from kurzweg.cases.timeline import timeline
from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Consent
from tests.conftest import client_for, office

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_file(person, abh_case, jugendamt_case, permit, abh_caseworker, jugendamt_caseworker):
    """Cases of the abh and the Jugendamt, a residence permit (and its deadline task), a closed
    step in the abh case, and a Jugendamt task."""
    services.change_case_status(abh_caseworker, abh_case, Case.Status.IN_PROGRESS)
    services.create_task(
        jugendamt_caseworker, jugendamt_case.office, title="Hausbesuch planen", due_date=TODAY, person=person
    )
    return person


def kinds_by_office(result):  # type: ignore[no-untyped-def]
    return sorted({(e.office.code, e.kind) for e in result.entries})


def test_the_abh_sees_its_own_entries_and_nothing_of_the_jugendamt(busy_file, abh_caseworker):
    result = timeline(abh_caseworker, busy_file, today=TODAY)
    assert kinds_by_office(result) == [("abh", "case"), ("abh", "case_history"), ("abh", "residence"), ("abh", "task")]
    assert [o.code for o in result.offices] == ["abh"]


def test_the_jobcenter_sees_the_abh_entries_by_law_but_the_jugendamt_is_not_hinted_at(busy_file, jobcenter_caseworker):
    response = client_for(jobcenter_caseworker).get(reverse("cases:timeline", args=[busy_file.pk]))
    body = response.content.decode()
    assert "Verlängerung Aufenthalt" in body and "§ 25 Abs. 2 AufenthG" in body
    for hint in ("Hilfe zur Erziehung", "Hausbesuch", "Jugendamt", "jugendamt", "JUGENDAMT-"):
        assert hint not in body
    assert {e.office.code for e in response.context["timeline"].entries} == {"abh"}


def test_the_jugendamt_sees_its_own_and_only_the_valid_until_of_the_residence(busy_file, jugendamt_caseworker):
    response = client_for(jugendamt_caseworker).get(reverse("cases:timeline", args=[busy_file.pk]))
    body = response.content.decode()
    assert kinds_by_office(response.context["timeline"]) == [("jugendamt", "case"), ("jugendamt", "task")]
    assert "30.09.2026" in body
    assert "§ 25" not in body and "Verlängerung Aufenthalt" not in body
    assert 'value="abh"' not in body, "the abh is not offered as a filter: nothing of it is shown"


def test_a_consent_opens_the_section_in_the_timeline_and_its_withdrawal_closes_it(
    agency, busy_file, jobcenter_caseworker, jugendamt_caseworker
):
    consent = Consent.objects.create(
        agency=agency,
        person=busy_file,
        section_office=office(agency, "jugendamt"),
        recipient_office=office(agency, "jobcenter"),
        recorded_by=jugendamt_caseworker,
    )
    assert ("jugendamt", "case") in kinds_by_office(timeline(jobcenter_caseworker, busy_file))
    consent.withdrawn_at = consent.given_at
    consent.save()
    assert ("jugendamt", "case") not in kinds_by_office(timeline(jobcenter_caseworker, busy_file))


def test_reception_and_oversight_see_no_entries(busy_file, receptionist, dpo):
    for user in (receptionist, dpo):
        response = client_for(user).get(reverse("cases:timeline", args=[busy_file.pk]))
        assert response.status_code == 200
        assert response.context["timeline"].entries == []
        assert "Verlängerung" not in response.content.decode()


def test_filter_by_office_and_kind(busy_file, abh_lead, jugendamt_caseworker, agency):
    # A lead of two offices sees both.
    from kurzweg.core.models import Membership, Role

    Membership.objects.create(
        user=abh_lead, office=office(agency, "jugendamt"), role=Role.objects.get(agency=agency, code="lead")
    )
    url = reverse("cases:timeline", args=[busy_file.pk])
    client = client_for(abh_lead)
    assert {e.office.code for e in client.get(url).context["timeline"].entries} == {"abh", "jugendamt"}
    only_jug = client.get(url, {"office": "jugendamt"}).context["timeline"]
    assert {e.office.code for e in only_jug.entries} == {"jugendamt"}
    only_cases = client.get(url, {"type": "case"}).context["timeline"]
    assert {e.kind for e in only_cases.entries} == {"case"} and len(only_cases.entries) == 2
    both = client.get(url, {"type": ["task", "residence"], "office": "abh"}).context["timeline"]
    assert kinds_by_office(both) == [("abh", "residence"), ("abh", "task")]


def test_the_read_is_audited_once_per_office_shown(busy_file, jobcenter_caseworker, agency):
    client_for(jobcenter_caseworker).get(reverse("cases:timeline", args=[busy_file.pk]))
    reads = AuditEntry.objects.filter(actor=jobcenter_caseworker, action="read_section", object_type="")
    assert [(r.section_office.code, r.reason) for r in reads] == [("abh", "law:§ 87 Abs. 1 AufenthG")]


def test_household_cases_appear_in_each_members_timeline(agency, person, spouse, household, jugendamt_caseworker):
    services.open_case(jugendamt_caseworker, office(agency, "jugendamt"), title="Familienhilfe", household=household)
    for member in (person, spouse):
        titles = [e.title for e in timeline(jugendamt_caseworker, member).entries]
        assert any("Familienhilfe" in t for t in titles)


def test_the_number_of_queries_does_not_grow_with_the_entries(agency, person, abh_caseworker):
    abh = office(agency, "abh")
    url = reverse("cases:timeline", args=[person.pk])
    client = client_for(abh_caseworker)

    def add_entries() -> None:
        case = services.open_case(abh_caseworker, abh, title="Fall", person=person)
        services.change_case_status(abh_caseworker, case, Case.Status.WAITING)
        services.create_task(abh_caseworker, abh, title="Aufgabe", due_date=TODAY, person=person)
        services.record_residence_status(
            abh_caseworker, person, kind="fiktion", valid_until=datetime.date(2027, 1, 1), today=TODAY
        )

    add_entries()
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    few_entries = len(response.context["timeline"].entries)
    for _ in range(15):
        add_entries()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["timeline"].entries) >= few_entries * 10
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
