"""The queue as the desks use it: tickets, calls, hand-overs, keeping one's place."""

from __future__ import annotations

from kurzweg.core.models import AuditEntry
from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Call, Concern, Visit
from tests.servicepoint.conftest import service


def test_one_ticket_for_several_concerns_numbered_per_day(house, agency, receptionist_at_house):
    first = queue.issue_ticket(house, [service(agency, "abh-aufenthalt")], actor=receptionist_at_house)
    second = queue.issue_ticket(
        house,
        [service(agency, "abh-aufenthalt"), service(agency, "jobcenter-antrag")],
        actor=receptionist_at_house,
        first_name="Amina",
    )
    assert (first.ticket, second.ticket) == ("B-001", "B-002")
    assert [c.service.code for c in second.concerns.all()] == ["abh-aufenthalt", "jobcenter-antrag"]


def test_a_desk_calls_the_visitor_who_came_first(house, agency, receptionist_at_house, abh_desk_1):
    early = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    called = queue.call_next(abh_desk_1)
    assert called is not None and called.visit_id == early.pk
    assert Call.objects.filter(visit=early, desk=abh_desk_1.desk).count() == 1


def test_pressing_call_twice_does_not_skip_anyone(house, agency, receptionist_at_house, abh_desk_1):
    first = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    assert queue.call_next(abh_desk_1).visit_id == first.pk
    assert queue.call_next(abh_desk_1).visit_id == first.pk
    assert Visit.objects.get(pk=first.pk).status == Visit.Status.AT_DESK
    assert Visit.objects.filter(status=Visit.Status.WAITING).count() == 1


def test_residence_matter_comes_before_the_jobcenter(
    house, agency, receptionist_at_house, abh_desk_1, jobcenter_desk_3
):
    visit = queue.issue_ticket(
        house,
        [service(agency, "jobcenter-antrag"), service(agency, "abh-aufenthalt")],
        actor=receptionist_at_house,
    )
    assert queue.call_next(jobcenter_desk_3) is None  # the ABH must see them first
    assert queue.call_next(abh_desk_1).visit_id == visit.pk
    queue.finish(abh_desk_1)
    assert queue.call_next(jobcenter_desk_3).visit_id == visit.pk


def test_hand_over_keeps_the_place_and_says_why(house, agency, receptionist_at_house, abh_desk_1):
    handed = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    later = queue.issue_ticket(house, [service(agency, "integration-beratung")], actor=receptionist_at_house)
    queue.call_next(abh_desk_1)
    new = queue.hand_over(abh_desk_1, service(agency, "integration-beratung"), "Needs counselling on family reunion")
    assert new.handed_over_from.code == "abh" and new.handover_note.startswith("Needs")
    assert Visit.objects.filter(pk=handed.pk).values_list("number", flat=True).get() == 1  # same ticket
    from kurzweg.core.models import Desk

    integration_desk = queue.open_desk(
        __import__("tests.conftest", fromlist=["make_staff"]).make_staff(agency, "int", ("integration", "caseworker")),
        Desk.objects.get(agency=agency, name="Platz 5"),
    )
    # The handed-over visitor came earlier than the one waiting for integration: called first.
    assert queue.call_next(integration_desk).visit_id == handed.pk
    assert later.pk != handed.pk


def test_no_show_ends_the_visit_and_reception_can_bring_it_back(house, agency, receptionist_at_house, abh_desk_1):
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.call_next(abh_desk_1)
    queue.no_show(abh_desk_1)
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.NO_SHOW
    queue.resume(receptionist_at_house, visit)
    assert queue.call_next(abh_desk_1).visit_id == visit.pk


def test_changes_to_a_registered_persons_visit_are_audited(house, agency, receptionist_at_house, abh_desk_1, person):
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house, person=person)
    queue.call_next(abh_desk_1)
    queue.finish(abh_desk_1)
    entries = AuditEntry.objects.filter(person_id=person.pk, object_type="visit", object_id=str(visit.pk))
    assert entries.count() == 3
    assert Concern.objects.get(visit=visit).status == Concern.Status.DONE
