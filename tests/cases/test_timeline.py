"""The timeline of a person's file: one list across offices of what the user may see, with no
hint of the rest; filters by office and kind; queries that do not grow with the entries."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kurzweg.cases import services
from kurzweg.cases.models import Case, Document
from kurzweg.cases.timeline import KINDS, PAGE_SIZE, SOURCES, Source, timeline
from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Consent, SectionEntry
from kurzweg.servicepoint.models import Appointment
from tests.conftest import client_for, grant, make_person, office

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
    assert kinds_by_office(result) == [
        ("abh", "case"),
        ("abh", "case_history"),
        ("abh", "note"),
        ("abh", "residence"),
        ("abh", "task"),
    ]
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
    assert kinds_by_office(response.context["timeline"]) == [
        ("jugendamt", "case"),
        ("jugendamt", "note"),
        ("jugendamt", "task"),
    ]
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
    """At most one query per kind on the page builds its entries: the same kinds on the page,
    the same number of queries, however many entries there are."""
    abh = office(agency, "abh")
    url = reverse("cases:timeline", args=[person.pk])
    client = client_for(abh_caseworker)

    def add_entries() -> None:
        add_notes(person, abh_caseworker, "abh", 1, timezone.now())
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
    assert len(response.context["timeline"].entries) == PAGE_SIZE > few_entries  # a full page now
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- notes, decisions, visits and appointments -----------------------------------------------------


KINDS_HERE = {"case", "case_history", "decision", "residence", "task", "referral", "document", "note", "visit",
              "appointment"}  # fmt: skip


def test_notes_in_special_categories_only_for_roles_and_bases_that_cover_them(
    person, abh_caseworker, abh_specialist, jobcenter_caseworker
):
    for user in (abh_caseworker, jobcenter_caseworker):  # a caseworker's role; a law without them
        notes = {e.title for e in timeline(user, person).entries if e.kind == "note"}
        assert notes == {"Fiktionsbescheinigung ausgestellt"}
    with translation.override("en"):
        special = next(e for e in timeline(abh_specialist, person).entries if e.title == "Fluchtgründe")
    assert special.detail.startswith("special category: reasons for asylum")
    assert special.url == reverse("people:section", args=[person.pk, "abh"])


def test_a_referral_passes_notes_without_special_categories_and_no_link_to_the_section(
    agency, person, abh_specialist, vhs_caseworker
):
    from kurzweg.cases import referrals
    from kurzweg.people import services as people_services

    grant("may_override_consent", abh_specialist)
    referrals.refer(
        abh_specialist,
        person,
        from_office=office(agency, "abh"),
        to_office=office(agency, "vhs"),
        reason="Integrationskurs",
        parts=["entries"],
        override_reason="Kursbeginn morgen",
    )
    passed = [e for e in timeline(vhs_caseworker, person).entries if e.office.code == "abh"]
    assert [(e.kind, e.title, e.url) for e in passed] == [("note", "Fiktionsbescheinigung ausgestellt", "")]
    # A consent covering special categories opens the section itself, with the section's page.
    people_services.record_consent(
        abh_specialist,
        person,
        section_office=office(agency, "abh"),
        recipient_office=office(agency, "vhs"),
        form="written",
        covers_special_categories=True,
    )
    grant("may_read_special_categories", vhs_caseworker)
    notes = [e for e in timeline(vhs_caseworker, person).entries if e.kind == "note" and e.office.code == "abh"]
    assert {e.title for e in notes} == {"Fiktionsbescheinigung ausgestellt", "Fluchtgründe"}
    assert all(e.url for e in notes)


def make_document(person, user, code: str, kind: str, title: str) -> Document:  # type: ignore[no-untyped-def]
    return Document.objects.create(
        agency=person.agency,
        person=person,
        office=office(person.agency, code),
        kind=kind,
        title=title,
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
        storage_name=uuid.uuid4().hex,
        uploaded_by=user,
    )


def test_decisions_are_a_kind_of_their_own(
    settings, agency, person, abh_caseworker, jobcenter_caseworker, jugendamt_caseworker
):
    make_document(person, abh_caseworker, "abh", Document.Kind.DECISION, "Bescheid über die Verlängerung")
    make_document(person, abh_caseworker, "abh", Document.Kind.PASSPORT, "Reisepass")
    make_document(person, jugendamt_caseworker, "jugendamt", Document.Kind.DECISION, "Bescheid Hilfe zur Erziehung")
    url = reverse("cases:timeline", args=[person.pk])
    settings.LANGUAGE_CODE = "en"  # German is the staff pages' default (tests/test_auth.py)
    decisions = client_for(jobcenter_caseworker).get(url, {"type": "decision"}).context["timeline"]
    assert [(e.kind, e.title) for e in decisions.entries] == [("decision", "Decision: Bescheid über die Verlängerung")]
    documents = client_for(jobcenter_caseworker).get(url, {"type": "document"}).context["timeline"]
    assert [e.title for e in documents.entries] == ["Document: Reisepass"]
    with translation.override("en"):
        own = timeline(jugendamt_caseworker, person, kinds=["decision"])
    assert [e.title for e in own.entries] == ["Decision: Bescheid Hilfe zur Erziehung"]


@pytest.fixture
def visits(house, agency, person, abh_caseworker, jobcenter_caseworker):  # type: ignore[no-untyped-def]
    """Two visits of the person: one served at the abh desk and handed over to the Jobcenter, one
    at the Jugendamt; and an appointment booked for them at the Jugendamt."""
    from kurzweg.servicepoint import queue
    from tests.conftest import desk, service

    first = queue.issue_ticket(house, [service(agency, "abh-aufenthalt")], actor=None, person=person)
    session = queue.open_desk(abh_caseworker, desk(agency, "Platz 1"))
    assert queue.call_next(session) is not None
    queue.visitor_arrived(session)
    queue.hand_over(session, service(agency, "jobcenter-antrag"), "Bürgergeld beantragen")
    queue.issue_ticket(house, [service(agency, "jugendamt-beratung")], actor=None, person=person)
    Appointment.objects.create(
        agency=agency,
        service_point=house,
        service=service(agency, "jugendamt-beratung"),
        starts_at=timezone.now() + datetime.timedelta(days=3),
        minutes=30,
        name="Mohammad",
        person=person,
    )
    return first


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    """For the tests that read the entries' English wording (German is the default)."""
    with translation.override("en"):
        yield


def test_visits_show_which_office_served_which_concern_to_those_who_may_read_it(
    english, visits, person, abh_caseworker, jobcenter_caseworker, jugendamt_caseworker
):
    def seen(user):  # type: ignore[no-untyped-def]
        return sorted((e.office.code, e.kind, e.status) for e in timeline(user, person).entries if e.kind == "visit")

    assert seen(abh_caseworker) == [("abh", "visit", "done")]
    assert seen(jobcenter_caseworker) == [("abh", "visit", "done"), ("jobcenter", "visit", "waiting")]
    assert seen(jugendamt_caseworker) == [("jugendamt", "visit", "waiting")]
    served = next(e for e in timeline(abh_caseworker, person).entries if e.kind == "visit")
    assert served.title == f"Visit with ticket {visits.ticket}: Aufenthaltserlaubnis beantragen oder verlängern"
    assert "Platz 1" in served.detail and "Anna Berger" in served.detail
    # The Jobcenter may read the abh's section, so it learns who handed the visitor over.
    handed = next(e for e in timeline(jobcenter_caseworker, person).entries if e.office.code == "jobcenter")
    assert "handed over by Ausländerbehörde" in handed.detail
    only_own = timeline(jobcenter_caseworker, person, office_codes=["jobcenter"], kinds=["visit"]).entries
    assert [e.detail for e in only_own] == [handed.detail], "the filter does not change what may be named"


def test_the_office_handing_over_is_not_named_to_whom_may_not_read_it(
    house, agency, person, jugendamt_caseworker, jobcenter_caseworker
):
    from kurzweg.servicepoint import queue
    from tests.conftest import desk, service

    Desk = type(desk(agency, "Platz 1"))
    jugendamt_desk = Desk.objects.create(
        agency=agency, room=desk(agency, "Platz 1").room, office=office(agency, "jugendamt"), name="Platz 9"
    )
    service(agency, "jugendamt-beratung").desks.add(jugendamt_desk)
    queue.issue_ticket(house, [service(agency, "jugendamt-beratung")], actor=None, person=person)
    session = queue.open_desk(jugendamt_caseworker, jugendamt_desk)
    assert queue.call_next(session) is not None
    queue.hand_over(session, service(agency, "jobcenter-antrag"), "Bürgergeld")
    entries = timeline(jobcenter_caseworker, person).entries
    handed = next(e for e in entries if e.kind == "visit")
    assert handed.office.code == "jobcenter" and "Jugendamt" not in handed.detail
    assert not any("Jugendamt" in e.title + e.detail or e.office.code == "jugendamt" for e in entries)


def test_appointments_booked_for_the_person_or_checked_in_as_their_visit(
    english, visits, house, agency, person, other_person, jugendamt_caseworker, abh_caseworker
):
    from kurzweg.servicepoint.models import Visit
    from tests.conftest import service

    # Booked online under a name only; the check-in became a visit of the person.
    online = Appointment.objects.create(
        agency=agency, service_point=house, service=service(agency, "abh-aufenthalt"),
        starts_at=timezone.now() - datetime.timedelta(days=1), minutes=25, name="M. Ahmadi",
        status=Appointment.Status.CHECKED_IN, visit=Visit.objects.filter(person=person).first(),
    )  # fmt: skip
    # Someone else's appointment at the abh stays out.
    stranger = make_person(agency, given_names="Olena", family_name="Koval")
    Appointment.objects.create(
        agency=agency, service_point=house, service=service(agency, "abh-aufenthalt"),
        starts_at=timezone.now(), minutes=25, name="Olena", person=stranger,
    )  # fmt: skip
    abh = [e for e in timeline(abh_caseworker, person).entries if e.kind == "appointment"]
    assert [(e.at, e.title, e.status) for e in abh] == [
        (online.starts_at, "Appointment: Aufenthaltserlaubnis beantragen oder verlängern", "checked_in")
    ]
    jugendamt = [e for e in timeline(jugendamt_caseworker, person).entries if e.kind == "appointment"]
    assert [e.office.code for e in jugendamt] == ["jugendamt"] and "30 minutes" in jugendamt[0].detail


def test_the_kinds_include_those_the_service_point_registers():
    assert [code for code, _ in KINDS if code in ("visit", "appointment")] == ["visit", "appointment"]
    source = SOURCES["visit"]
    assert isinstance(source, Source) and source.entries.__module__ == "kurzweg.servicepoint.timeline"


def test_a_referral_passes_no_visits_or_appointments(agency, visits, person, abh_specialist, vhs_caseworker):
    from kurzweg.cases import referrals

    grant("may_override_consent", abh_specialist)
    referrals.refer(
        abh_specialist,
        person,
        from_office=office(agency, "abh"),
        to_office=office(agency, "vhs"),
        reason="Integrationskurs",
        parts=["entries", "cases", "documents", "residence"],
        override_reason="Kursbeginn morgen",
    )
    kinds = {e.kind for e in timeline(vhs_caseworker, person).entries if e.office.code == "abh"}
    assert kinds == {"note"}


# --- pages ---------------------------------------------------------------------------------------


def add_notes(person, user, code: str, count: int, start: datetime.datetime) -> None:  # type: ignore[no-untyped-def]
    SectionEntry.objects.bulk_create(
        SectionEntry(
            agency=person.agency,
            person=person,
            office=office(person.agency, code),
            title=f"{code} {i:03d}",
            created_at=start + datetime.timedelta(minutes=i),
            created_by=user,
        )
        for i in range(count)
    )


def test_pages_cover_every_entry_once_newest_first(agency, person, jobcenter_caseworker):
    start = timezone.now() - datetime.timedelta(days=30)
    add_notes(person, jobcenter_caseworker, "jobcenter", 23, start)
    add_notes(person, jobcenter_caseworker, "abh", 7, start + datetime.timedelta(seconds=30))
    pages = [timeline(jobcenter_caseworker, person, page=n, page_size=10) for n in (1, 2, 3, 4)]
    assert [len(p.entries) for p in pages] == [10, 10, 10, 1]  # 30 + the fixture's abh note
    assert [p.has_older for p in pages] == [True, True, True, False]
    seen = [e.at for p in pages for e in p.entries]
    assert seen == sorted(seen, reverse=True) and len({e.title for p in pages for e in p.entries}) == 31


def test_a_page_audits_only_the_offices_it_shows(agency, person, jobcenter_caseworker):
    start = timezone.now() - datetime.timedelta(days=30)
    add_notes(person, jobcenter_caseworker, "abh", 5, start)
    add_notes(person, jobcenter_caseworker, "jobcenter", 5, start + datetime.timedelta(days=60))  # newest
    timeline(jobcenter_caseworker, person, page=1, page_size=5)
    reads = AuditEntry.objects.filter(actor=jobcenter_caseworker, action="read_section")
    assert [r.section_office.code for r in reads] == ["jobcenter"]


def test_the_page_links_keep_the_filters_and_nonsense_pages_do_not_fail(agency, person, jobcenter_caseworker):
    add_notes(person, jobcenter_caseworker, "jobcenter", PAGE_SIZE + 20, timezone.now() - datetime.timedelta(days=30))
    client = client_for(jobcenter_caseworker)
    url = reverse("cases:timeline", args=[person.pk])
    body = client.get(url, {"type": "note", "office": "jobcenter"}).content.decode()
    assert 'href="?type=note&amp;office=jobcenter&amp;page=2"' in body
    second = client.get(url, {"type": "note", "office": "jobcenter", "page": "2"})
    assert len(second.context["timeline"].entries) == 20 and 'rel="prev"' in second.content.decode()
    assert 'rel="next"' not in second.content.decode()
    for page in ("x", "-3", "0", "99999999999999999999999"):
        assert client.get(url, {"page": page}).status_code == 200


def test_the_number_of_queries_does_not_grow_with_entries_of_every_kind(
    agency, visits, house, person, jobcenter_caseworker, abh_caseworker
):
    """Every source, with entries, in the Jobcenter's view (own office and the abh by law)."""
    from kurzweg.cases import referrals
    from kurzweg.servicepoint.models import Concern, Visit
    from tests.conftest import service

    url = reverse("cases:timeline", args=[person.pk])
    client = client_for(jobcenter_caseworker)
    jobcenter = office(agency, "jobcenter")

    def add_entries(n: int) -> None:
        for _ in range(n):
            case = services.open_case(jobcenter_caseworker, jobcenter, title="Fall", person=person)
            services.change_case_status(jobcenter_caseworker, case, Case.Status.WAITING)
            services.create_task(jobcenter_caseworker, jobcenter, title="Aufgabe", due_date=TODAY, person=person)
            referrals.refer(abh_caseworker, person, from_office=office(agency, "abh"), to_office=jobcenter, reason="r")
            make_document(person, abh_caseworker, "abh", Document.Kind.DECISION, "Bescheid")
            make_document(person, abh_caseworker, "abh", Document.Kind.CERTIFICATE, "Zeugnis")
            add_notes(person, jobcenter_caseworker, "jobcenter", 1, timezone.now())
            visit = Visit.objects.filter(person=person).first()
            Concern.objects.create(
                visit=visit, service=service(agency, "jobcenter-unterlagen"), queued_at=timezone.now()
            )
            Appointment.objects.create(
                agency=agency, service_point=house, service=service(agency, "jobcenter-antrag"),
                starts_at=timezone.now(), minutes=25, name="M", person=person,
            )  # fmt: skip
        services.record_residence_status(
            abh_caseworker, person, kind="fiktion", valid_until=datetime.date(2027, 1, 1), today=TODAY
        )

    add_entries(1)
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    kinds = {e.kind for e in response.context["timeline"].entries}
    assert kinds == KINDS_HERE, "every source of cases and the service point has entries"
    few_entries = len(response.context["timeline"].entries)
    add_entries(12)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["timeline"].entries) == PAGE_SIZE > few_entries
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_first_steps_sql_compiled_once_per_shape_reads_each_persons_own_rows(
    agency, person, spouse, household, jugendamt_caseworker
):
    """The UNION is compiled once per shape of access (cases/timeline.py _COMPILED) and filled in
    with each person's ids: for another person of the same shape it reads exactly what Django
    compiling it afresh reads, and none of the first person's rows."""
    from kurzweg.cases import access as policy
    from kurzweg.cases import timeline as tl

    services.open_case(jugendamt_caseworker, office(agency, "jugendamt"), title="Familienhilfe", household=household)
    services.open_case(jugendamt_caseworker, office(agency, "jugendamt"), title="Nur eine", person=person)
    add_notes(spouse, jugendamt_caseworker, "jugendamt", 3, timezone.now() - datetime.timedelta(days=2))
    loner = make_person(agency, family_name="Einzeln")
    add_notes(loner, jugendamt_caseworker, "jugendamt", 2, timezone.now())
    kinds = [k for k in SOURCES if isinstance(SOURCES[k], Source)]
    tl._COMPILED.clear()
    for who in (person, spouse, loner):
        accesses = {pk: a for pk, a in policy.accesses_for(jugendamt_caseworker, who).items() if a.granted}
        household_offices = {pk for pk, a in accesses.items() if a.basis_kind not in ("consent", "referral")}
        r = tl.Readable(who, accesses, household_offices, TODAY, limit=100)
        cached = tl._union_rows(r, kinds)
        assert tl._COMPILED[tl._shape(r, kinds)] is not None, "the shape is compiled, not read uncompiled"
        assert cached == [tuple(row) for row in tl._union(r, kinds)]
        notes = {pk for _at, pk, _office, kind in cached if kind == "note"}
        assert notes == set(
            SectionEntry.objects.filter(
                person=who, office_id__in=r.covering("entries"), special_category=""
            ).values_list("pk", flat=True)
        )
        assert {pk for _at, pk, _office, kind in cached if kind == "case"} == set(
            Case.objects.filter(Q(person=who) | Q(household_id=who.household_id, household__isnull=False)).values_list(
                "pk", flat=True
            )
        )
    assert len(tl._COMPILED) == 2  # person and spouse share a shape (in a household); the loner not
