"""What a call costs the database: the same few queries however many people wait. Thirty desks
call at once in a busy morning, and every query inside `call_next` holds the desk's lock."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Visit
from tests.servicepoint.conftest import service


def _queries_for_a_call(session, *, cold: bool = True) -> int:
    if cold:
        # Each count starts from an empty per-process cache (the desk's setup, the order of
        # services, expected minutes), so that counts compare like with like.
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        called = queue.call_next(session)
    assert called is not None
    queue.finish(session)
    return len(queries)


def test_a_call_costs_as_many_queries_with_forty_waiting_as_with_two(house, agency, receptionist_at_house, abh_desk_1):
    fiktion, jobcenter = service(agency, "abh-fiktion"), service(agency, "jobcenter-unterlagen")
    for _ in range(2):
        queue.issue_ticket(house, [fiktion, jobcenter], actor=receptionist_at_house)
    few = _queries_for_a_call(abh_desk_1)
    for _ in range(40):
        queue.issue_ticket(house, [fiktion, jobcenter], actor=receptionist_at_house)
    many = _queries_for_a_call(abh_desk_1)
    assert many == few
    # Everyone still waits: the two called went back to wait for the Jobcenter.
    assert Visit.objects.filter(status=Visit.Status.WAITING).count() == 42


def test_a_call_needs_few_queries(house, agency, receptionist_at_house, abh_desk_1):
    for _ in range(5):
        queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    # 13 queries and the savepoint around them, the desk's setup read once (the tickets'
    # estimates have read the rest that is cached).
    assert _queries_for_a_call(abh_desk_1, cold=False) <= 15


def test_a_desk_reads_its_service_point_and_services_once_per_half_minute(
    house, agency, receptionist_at_house, abh_desk_1
):
    for _ in range(3):
        queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    _queries_for_a_call(abh_desk_1)
    warm = _queries_for_a_call(abh_desk_1, cold=False)
    cache.delete(queue.desk_setup_key(abh_desk_1.desk_id))
    without_setup = _queries_for_a_call(abh_desk_1, cold=False)
    # The service point and the desk's services (two queries) come from the process cache.
    assert warm == without_setup - 2
