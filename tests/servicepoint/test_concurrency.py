"""The queue under real concurrency on PostgreSQL: many desks pressing "call next" at the same
moment, a double-click on one button, and many check-ins at once. Each desk or kiosk is a
thread with its own database connection; a barrier starts them together.

SQLite serialises every writer (one database lock), so these races cannot happen there and the
tests run on PostgreSQL only (set DATABASE_URL)."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pytest
from django.db import connection, connections
from django.utils import timezone

from kurzweg.core.models import Agency, Desk, Room
from kurzweg.servicepoint import clock, queue, routing
from kurzweg.servicepoint.models import Appointment, Call, Concern, DeskSession, Service, ServicePoint, Visit
from kurzweg.servicepoint.setup import create_service_point, create_standard_services
from tests.conftest import make_staff, office

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (row locks, SKIP LOCKED); SQLite serialises all writers. "
        "Run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True),
]

T = TypeVar("T")
ABH_DESKS, JOBCENTER_DESKS = 20, 10


def at_once(work: Callable[[T], Any], items: Sequence[T]) -> list[Any]:
    """Runs work(item) for every item in its own thread, all released together by a barrier;
    returns the results in the items' order and re-raises the first error."""
    barrier = threading.Barrier(len(items))
    results: list[Any] = [None] * len(items)
    errors: list[BaseException] = []

    def run(index: int, item: T) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(item)
        except BaseException as error:  # handed to the test thread
            errors.append(error)
        finally:
            connections.close_all()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(i, item)) for i, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hangs (deadlock?)"
    if errors:
        raise errors[0]
    return results


@pytest.fixture
def big_house(agency: Agency) -> ServicePoint:
    """30 desks: 20 of the foreigners authority, 10 of the Jobcenter, each with a caseworker
    signed in."""
    for n, (code, count) in enumerate((("abh", ABH_DESKS), ("jobcenter", JOBCENTER_DESKS))):
        room = Room.objects.create(agency=agency, office=office(agency, code), floor=n, number=f"R.{n}")
        for i in range(count):
            desk = Desk.objects.create(agency=agency, room=room, office=office(agency, code), name=f"{code} {i + 1}")
            queue.open_desk(make_staff(agency, f"{code}-{i}", (code, "caseworker")), desk)
    service_point = create_service_point(agency, "Haus", ticket_prefix="C")
    create_standard_services(agency)
    return service_point


def sessions(office_code: str | None = None) -> list[DeskSession]:
    found = DeskSession.objects.filter(ended_at__isnull=True).select_related("desk__office").order_by("desk__name")
    return list(found.filter(desk__office__code=office_code) if office_code else found)


def services(agency: Agency, *codes: str) -> list[Service]:
    return [Service.objects.get(agency=agency, code=code) for code in codes]


def turn_order(service_point: ServicePoint, session: DeskSession) -> list[int]:
    """The visitors a desk would call now, best first, as the routing ranks them (walk-ins in
    turn, or with the routing's preference for short concerns when it has one)."""
    now = clock.now()
    state = queue.live_state(service_point, now=now)
    desk = routing.DeskView(
        session.desk_id, frozenset(session.desk.services.filter(active=True).values_list("id", flat=True)), now
    )
    policy: routing.Policy = "fixed-order" if service_point.routing == "fixed-order" else "routed"
    ranked = routing.candidates(desk, state.visits, state.precedence, policy, now, state.expected_minutes)
    return [choice.visit_id for choice in ranked]


@pytest.fixture
def frozen_clock():
    """Every desk's "now" in a round is the same moment, as if they pressed at the same instant."""

    def freeze() -> None:
        moment = timezone.now()
        clock.set_clock(lambda: moment)

    yield freeze
    clock.set_clock(None)


def test_thirty_desks_calling_at_once_call_everyone_once_in_turn(big_house, agency, frozen_clock):
    # 60 visitors for the ABH, 25 for the Jobcenter, 20 for both, arriving mixed.
    kinds = [("abh-fiktion",)] * 60 + [("jobcenter-unterlagen",)] * 25 + [("abh-fiktion", "jobcenter-unterlagen")] * 20
    random.Random(3).shuffle(kinds)
    for codes in kinds:
        queue.issue_ticket(big_house, services(agency, *codes), actor=None)
    concerns_before = Concern.objects.count()
    desks = sessions()
    calls = 0
    for round_ in range(4):
        frozen_clock()
        abh_turn = turn_order(big_house, sessions("abh")[0])
        jobcenter_turn = turn_order(big_house, sessions("jobcenter")[0])
        called = at_once(queue.call_next, desks)
        got: dict[str, list[int]] = {"abh": [], "jobcenter": []}
        for session, concern in zip(desks, called, strict=True):
            if concern is not None:
                got[session.desk.office.code].append(concern.visit_id)
        abh, jobcenter = got["abh"], got["jobcenter"]
        everyone = abh + jobcenter
        assert len(everyone) == len(set(everyone)), "a visitor was called by two desks"
        # Nobody skipped: each office called the first in its turn that no other desk took.
        assert sorted(abh) == sorted([v for v in abh_turn if v not in jobcenter][:ABH_DESKS])
        assert sorted(jobcenter) == sorted([v for v in jobcenter_turn if v not in abh][:JOBCENTER_DESKS])
        if round_ == 0:
            assert len(everyone) == ABH_DESKS + JOBCENTER_DESKS  # every desk got someone
        calls += len(everyone)
        at_once(queue.finish, [s for s, c in zip(desks, called, strict=True) if c is not None])

    # No visitor lost, no concern called twice, every call shown once on the displays.
    assert Concern.objects.count() == concerns_before
    assert Concern.objects.filter(calls__gt=1).count() == 0
    assert Concern.objects.filter(status=Concern.Status.DONE).count() == calls == Call.objects.count()
    assert not Visit.objects.filter(status=Visit.Status.AT_DESK).exists()
    for visit in Visit.objects.prefetch_related("concerns"):
        statuses = {c.status for c in visit.concerns.all()}
        assert statuses <= {Concern.Status.DONE, Concern.Status.WAITING}
        assert visit.status == (Visit.Status.WAITING if Concern.Status.WAITING in statuses else Visit.Status.DONE)


def test_thirty_desks_and_one_visitor_only_one_desk_gets_them(big_house, agency):
    visit = queue.issue_ticket(big_house, services(agency, "abh-fiktion", "jobcenter-unterlagen"), actor=None)
    called = [c for c in at_once(queue.call_next, sessions()) if c is not None]
    assert len(called) == 1 and called[0].visit_id == visit.pk
    assert Call.objects.filter(visit=visit).count() == 1


def test_two_clicks_on_call_next_at_one_desk_call_one_visitor(big_house, agency):
    first, second = (queue.issue_ticket(big_house, services(agency, "abh-fiktion"), actor=None) for _ in range(2))
    desk = sessions("abh")[0]
    one, other = at_once(queue.call_next, [desk, desk])
    assert one.pk == other.pk and one.visit_id == first.pk
    assert Call.objects.count() == 1
    assert Visit.objects.get(pk=second.pk).status == Visit.Status.WAITING
    # The next call after serving calls the second visitor: nobody was skipped.
    queue.finish(desk)
    assert queue.call_next(desk).visit_id == second.pk


def test_twenty_tickets_at_once_are_numbered_1_to_20(big_house, agency):
    fiktion = services(agency, "abh-fiktion")
    visits = at_once(lambda _: queue.issue_ticket(big_house, fiktion, actor=None), range(20))
    assert sorted(v.number for v in visits) == list(range(1, 21))
    assert sorted(Visit.objects.values_list("number", flat=True)) == list(range(1, 21))


def book(agency: Agency, service_point: ServicePoint, count: int) -> list[str]:
    service = Service.objects.get(agency=agency, code="abh-aufenthalt")
    return [
        Appointment.objects.create(
            agency=agency,
            service_point=service_point,
            service=service,
            starts_at=timezone.now(),
            minutes=25,
            name=f"Termin {i}",
        ).code
        for i in range(count)
    ]


def test_twenty_check_ins_at_once_are_numbered_1_to_20(big_house, agency):
    codes = book(agency, big_house, 20)
    visits = at_once(lambda code: queue.check_in(big_house, code), codes)
    assert sorted(v.number for v in visits) == list(range(1, 21))
    assert Appointment.objects.filter(status=Appointment.Status.CHECKED_IN).count() == 20


def test_check_ins_and_reception_tickets_at_once_share_one_sequence(big_house, agency):
    codes = book(agency, big_house, 10)
    fiktion = services(agency, "abh-fiktion")

    def work(item: str | None) -> Visit:
        return queue.check_in(big_house, item) if item else queue.issue_ticket(big_house, fiktion, actor=None)

    at_once(work, [*codes, *([None] * 10)])
    assert sorted(Visit.objects.values_list("number", flat=True)) == list(range(1, 21))


def test_one_booking_code_checked_in_at_once_on_several_kiosks_gives_one_ticket(big_house, agency):
    (code,) = book(agency, big_house, 1)
    visits = at_once(lambda _: queue.check_in(big_house, code), range(5))
    assert {v.pk for v in visits} == {visits[0].pk}
    assert Visit.objects.count() == 1


def test_a_desk_whose_view_of_the_queue_is_a_moment_old_does_not_fail(big_house, agency, monkeypatch):
    both = queue.issue_ticket(big_house, services(agency, "abh-fiktion", "jobcenter-unterlagen"), actor=None)
    slow_desk, quick_desk = sessions("abh")[:2]
    original = queue.routing.candidates
    interleaved = threading.Event()

    def candidates_then_another_desk_serves(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = original(*args, **kwargs)
        if not interleaved.is_set():
            interleaved.set()
            # Between reading the queue and claiming the first visitor, another desk calls and
            # serves that visitor's ABH concern (they now wait for the Jobcenter only).
            at_once(lambda desk: (queue.call_next(desk), queue.finish(desk)), [quick_desk])
        return found

    monkeypatch.setattr(queue.routing, "candidates", candidates_then_another_desk_serves)
    called = queue.call_next(slow_desk)
    assert Concern.objects.get(visit=both, service__code="abh-fiktion").status == Concern.Status.DONE
    assert called is None  # nobody else waits for the ABH; the visitor waits for the Jobcenter now
    assert Visit.objects.get(pk=both.pk).status == Visit.Status.WAITING


def test_a_concern_added_meanwhile_that_must_come_first_is_respected(big_house, agency, monkeypatch):
    receptionist = make_staff(agency, "empfang-sp", ("empfang", "reception"))
    visit = queue.issue_ticket(big_house, services(agency, "jobcenter-antrag"), actor=receptionist)
    jobcenter_desk = sessions("jobcenter")[0]
    original = queue.routing.candidates
    interleaved = threading.Event()

    def candidates_then_reception_adds_a_concern(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = original(*args, **kwargs)
        if not interleaved.is_set():
            interleaved.set()
            # The residence permit matter must come before the Jobcenter (standard catalogue).
            at_once(lambda v: queue.add_concern(receptionist, v, services(agency, "abh-aufenthalt")[0]), [visit])
        return found

    monkeypatch.setattr(queue.routing, "candidates", candidates_then_reception_adds_a_concern)
    called = queue.call_next(jobcenter_desk)
    assert called is None, "the Jobcenter called a visitor who must see the foreigners authority first"
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.WAITING


def test_a_display_never_misses_a_call_made_while_it_asks(big_house, agency):
    """The displays ask for the calls after the last id they showed. A call whose transaction
    commits after a later call's would be skipped; calls become visible in id order instead."""
    from kurzweg.servicepoint import status

    for _ in range(90):
        queue.issue_ticket(big_house, services(agency, "abh-fiktion"), actor=None)
    seen: list[int] = []
    stop = threading.Event()

    def display() -> None:
        after = 0
        try:
            while not stop.is_set():
                for call in reversed(status.recent_calls(big_house, after)):
                    seen.append(call["id"])
                    after = max(after, call["id"])
            for call in reversed(status.recent_calls(big_house, after)):  # the last ones
                seen.append(call["id"])
        finally:
            connections.close_all()

    poller = threading.Thread(target=display)
    poller.start()
    try:
        for _ in range(3):
            desks = sessions("abh")
            at_once(queue.call_next, desks)
            at_once(queue.finish, desks)
    finally:
        stop.set()
        poller.join(timeout=60)
    made = list(Call.objects.order_by("id").values_list("id", flat=True))
    assert len(made) == 3 * ABH_DESKS
    assert sorted(seen) == made, "every call shown once, none skipped"


def test_a_second_call_waits_until_the_first_is_committed(big_house, agency):
    from django.db import transaction

    for _ in range(2):
        queue.issue_ticket(big_house, services(agency, "abh-fiktion"), actor=None)
    first_desk, second_desk = sessions("abh")[:2]
    first_called, second_done = threading.Event(), threading.Event()
    release = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                queue.call_next(first_desk)
                first_called.set()
                release.wait(timeout=30)  # the transaction stays open
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_called.wait(timeout=30)
            queue.call_next(second_desk)
            second_done.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert first_called.wait(timeout=30)
    # While the first call is not committed, the second cannot write its call.
    assert not second_done.wait(timeout=0.5)
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert second_done.is_set()
    first_id, second_id = Call.objects.order_by("id").values_list("id", flat=True)
    assert first_id < second_id
