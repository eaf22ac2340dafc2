"""The routing as a pure function: who a desk calls, and when the forecast expects each call."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kurzweg.servicepoint import routing
from kurzweg.servicepoint.routing import DeskView, QueuedConcern, QueuedVisit

from .reference_forecast import naive_forecast

NINE = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
# Services: 1 residence permit (25 min), 2 Jobcenter application (25), 3 hand in documents (5),
# 4 interim certificate (10). The residence matter comes before the Jobcenter application.
MINUTES = {1: 25.0, 2: 25.0, 3: 5.0, 4: 10.0}
PRECEDENCE = frozenset({(1, 2)})


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def visit(visit_id: int, came: dt.datetime, *services: int, busy: bool = False, appointment=None) -> QueuedVisit:
    concerns = [
        QueuedConcern(
            id=visit_id * 10 + i,
            service_id=s,
            position=i,
            queued_at=came,
            appointment_at=appointment if i == 0 else None,
        )
        for i, s in enumerate(services)
    ]
    return QueuedVisit(id=visit_id, priority_at=came, waiting=concerns, busy=busy)


def desk(*services: int, desk_id: int = 1, free_at: dt.datetime = NINE) -> DeskView:
    return DeskView(desk_id, frozenset(services), free_at)


def chosen(desk_view, visits, policy="routed", now=NINE):
    choice = routing.choose_next(desk_view, visits, PRECEDENCE, policy, now, MINUTES)
    return None if choice is None else (choice.visit_id, choice.concern_id)


def test_a_visitor_at_another_desk_is_not_called():
    at_abh = visit(1, NINE - minutes(30), 3, busy=True)
    later = visit(2, NINE - minutes(5), 3)
    assert chosen(desk(3), [at_abh, later]) == (2, 20)


def test_the_residence_matter_comes_before_the_jobcenter_application():
    both = visit(1, NINE - minutes(30), 2, 1)  # named the Jobcenter first
    assert chosen(desk(2), [both]) is None
    assert chosen(desk(1), [both]) == (1, 11)
    both.waiting = [c for c in both.waiting if c.service_id == 2]
    both.in_progress_services = frozenset({1})  # at the ABH right now
    assert chosen(desk(2), [both]) is None


def test_fixed_order_offers_only_the_first_concern_named():
    both = visit(1, NINE - minutes(30), 3, 4)
    assert chosen(desk(4), [both], "fixed-order") is None
    assert chosen(desk(3), [both], "fixed-order") == (1, 10)
    assert chosen(desk(4), [both], "routed") == (1, 11)  # routed: every queue at once


def test_fixed_order_serves_each_queue_in_the_order_people_joined_it():
    back_from_abh = visit(1, NINE - minutes(60), 3)
    back_from_abh.waiting[0].queued_at = NINE - minutes(2)  # joined this queue after finishing at the ABH
    newer = visit(2, NINE - minutes(10), 3)
    assert chosen(desk(3), [back_from_abh, newer], "fixed-order") == (2, 20)
    assert chosen(desk(3), [back_from_abh, newer], "routed") == (1, 10)  # routed keeps the place


def test_routed_prefers_the_shorter_visit_among_those_who_came_about_together(monkeypatch):
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 2.0)
    long_one = visit(1, NINE - minutes(20), 1)  # 25 minutes to go
    short_one = visit(2, NINE - minutes(5), 3)  # 5 minutes to go: 40 minutes' head start
    assert chosen(desk(1, 3), [long_one, short_one]) == (2, 20)
    long_one.priority_at = NINE - minutes(50)  # came more than 40 minutes earlier
    assert chosen(desk(1, 3), [long_one, short_one]) == (1, 10)


def test_without_bias_routed_is_strictly_in_turn(monkeypatch):
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 0.0)
    long_one = visit(1, NINE - minutes(20), 1)
    short_one = visit(2, NINE - minutes(5), 3)
    assert chosen(desk(1, 3), [long_one, short_one]) == (1, 10)


@pytest.mark.parametrize("policy", routing.POLICIES)
def test_an_appointment_that_is_due_goes_first_and_not_much_before(policy):
    walk_in = visit(1, NINE - minutes(60), 3)
    booked = visit(2, NINE - minutes(1), 3, appointment=NINE + minutes(30))
    assert chosen(desk(3), [walk_in, booked], policy) == (1, 10)
    assert chosen(desk(3), [booked], policy) is None  # more than EARLY_CALL too early
    assert chosen(desk(3), [booked], policy, now=NINE + minutes(16)) == (2, 20)  # nobody else: a bit early
    assert chosen(desk(3), [walk_in, booked], policy, now=NINE + minutes(30)) == (2, 20)


def test_candidates_name_each_visitor_once_best_first():
    two = visit(1, NINE - minutes(30), 3, 4)
    one = visit(2, NINE - minutes(29), 3)
    found = routing.candidates(desk(3, 4), [two, one], PRECEDENCE, "routed", NINE, MINUTES)
    assert [c.visit_id for c in found] == [2, 1]  # the shorter visit first, then the longer


def test_the_forecast_plays_the_queue_forward_with_the_expected_minutes(monkeypatch):
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 0.0)
    visits = [visit(1, NINE - minutes(10), 1), visit(2, NINE - minutes(5), 1), visit(3, NINE - minutes(1), 1)]
    result = routing.forecast([desk(1)], visits, PRECEDENCE, "routed", NINE, MINUTES)
    assert result.concern_calls == {10: NINE, 20: NINE + minutes(25), 30: NINE + minutes(50)}
    assert result.next_call(visits[2]) == NINE + minutes(50)
    assert [len(v.waiting) for v in visits] == [1, 1, 1]  # the caller's state is left as it was


def test_the_forecast_sends_a_visitor_on_only_after_the_first_desk_is_done():
    both = visit(1, NINE, 1, 2)
    result = routing.forecast([desk(1), desk(2, desk_id=2)], [both], PRECEDENCE, "routed", NINE, MINUTES)
    assert result.concern_calls == {10: NINE, 11: NINE + minutes(25)}


def test_the_forecast_expects_recent_short_visits_to_keep_coming(monkeypatch):
    """A long concern behind short ones: the estimate allows for short visits that will still
    come (as many as came in the last ARRIVAL_WINDOW) and go first."""
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 3.0)
    long_one = visit(1, NINE - minutes(15), 1)  # its turn: 09:00 + 3 × 25 − 15 = 10:00
    earlier = [visit(10 + i, NINE - minutes(12 + i), 3) for i in range(3)]
    just_came = visit(20, NINE - minutes(2), 3)
    visits = [long_one, *earlier, just_came]
    with_arrivals = routing.forecast([desk(1, 3)], visits, PRECEDENCE, "routed", NINE, MINUTES)
    monkeypatch.setattr(routing, "ARRIVAL_WINDOW", dt.timedelta(0))
    without = routing.forecast([desk(1, 3)], visits, PRECEDENCE, "routed", NINE, MINUTES)
    assert without.concern_calls[10] == NINE + minutes(20)  # after the four short ones
    # One more short visit every ten minutes (09:08, 09:18, 09:28, …): the three that are there
    # when the desk is free go first.
    assert with_arrivals.concern_calls[10] == NINE + minutes(35)
    assert set(with_arrivals.concern_calls) == set(without.concern_calls)  # no made-up visitors reported


def test_the_forecast_expects_the_recent_visits_to_keep_coming_only_for_a_while(monkeypatch):
    """A visitor with a long concern whom every short visit may pass (a strong bias): were the
    last ten minutes' short visits to come for ever, the forecast would never reach them."""
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 100.0)
    long_one = visit(1, NINE - minutes(15), 1)
    short_ones = [visit(10 + i, NINE - minutes(2 + 2 * i), 3) for i in range(2)]  # 10 minutes' work
    visits = [long_one, *short_ones]
    monkeypatch.setattr(routing, "ARRIVAL_HORIZON", None)
    endless = routing.forecast([desk(1, 3)], visits, PRECEDENCE, "routed", NINE, MINUTES)
    assert 10 not in endless.concern_calls
    monkeypatch.setattr(routing, "ARRIVAL_HORIZON", dt.timedelta(hours=1))
    bounded = routing.forecast([desk(1, 3)], visits, PRECEDENCE, "routed", NINE, MINUTES)
    # The two at 09:00 and 09:05, then two more every ten minutes up to an hour from now
    # (09:56, 09:58), served until 10:10; then the long concern.
    assert bounded.concern_calls[10] == NINE + minutes(70)


def test_a_long_forecast_is_shown_shorter_where_the_house_keeps_the_promise():
    assert routing.shown_minutes(12.4, "routed") == 12
    assert routing.shown_minutes(routing.LONG_WAIT_MINUTES, "routed") == round(routing.LONG_WAIT_MINUTES)
    beyond = routing.LONG_WAIT_MINUTES + 40
    assert routing.shown_minutes(beyond, "routed") == round(routing.LONG_WAIT_MINUTES + 40 * routing.LONG_WAIT_SHARE)
    assert routing.shown_minutes(beyond, "fixed-order") == round(beyond)
    assert routing.shown_minutes(-0.4, "routed") == 0


def test_the_forecast_lets_booked_appointments_go_first_at_their_time(monkeypatch):
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 0.0)
    first, second = visit(1, NINE - minutes(5), 4), visit(2, NINE - minutes(4), 4)
    booked = [(4, NINE + minutes(5))]  # not checked in yet
    result = routing.forecast([desk(4)], [first, second], PRECEDENCE, "routed", NINE, MINUTES, booked=booked)
    # The appointment (09:05) is called when the desk is free at 09:10, the second walk-in after it.
    assert result.concern_calls == {10: NINE, 20: NINE + minutes(20)}


def test_a_forecast_for_one_visitor_stops_at_their_call(monkeypatch):
    monkeypatch.setattr(routing, "SHORT_JOB_BIAS", 0.0)
    visits = [visit(1, NINE - minutes(10), 1), visit(2, NINE - minutes(5), 1), visit(3, NINE - minutes(1), 1)]
    result = routing.forecast([desk(1)], visits, PRECEDENCE, "routed", NINE, MINUTES, until_called=2)
    assert result.concern_calls == {10: NINE, 20: NINE + minutes(25)}
    assert result.next_call(visits[1]) == NINE + minutes(25)


def test_a_visitor_who_stepped_out_is_left_out_of_the_forecast():
    out = visit(1, NINE - minutes(30), 3, busy=True)  # busy with no end: parked
    result = routing.forecast([desk(3)], [out], PRECEDENCE, "routed", NINE, MINUTES)
    assert result.concern_calls == {}


# --- Properties over random queues ----------------------------------------------------------


@st.composite
def queues(draw):
    services = [1, 2, 3, 4]
    desks = [
        DeskView(i, frozenset(draw(st.lists(st.sampled_from(services), min_size=1, max_size=3))), NINE)
        for i in range(draw(st.integers(1, 4)))
    ]
    visits = []
    for i in range(1, draw(st.integers(0, 12)) + 1):
        concerns = draw(st.lists(st.sampled_from(services), min_size=1, max_size=3, unique=True))
        came = NINE - minutes(draw(st.integers(0, 120)))
        v = visit(i, came, *concerns)
        if draw(st.booleans()) and len(v.waiting) > 1:  # at a desk for one of them right now
            at_desk = v.waiting.pop(0)
            v.in_progress_services = frozenset({at_desk.service_id})
            v.busy = True
            v.busy_until = NINE + minutes(draw(st.integers(1, 30)))
        visits.append(v)
    return desks, visits


@settings(max_examples=150, deadline=None)
@given(queues(), st.sampled_from(routing.POLICIES), st.sampled_from([0.0, 1.0, 3.0]))
def test_a_desk_only_calls_a_free_visitor_for_a_concern_it_serves_in_allowed_order(state, policy, bias):
    desks, visits = state
    routing.SHORT_JOB_BIAS, old = bias, routing.SHORT_JOB_BIAS
    try:
        for d in desks:
            choice = routing.choose_next(d, visits, PRECEDENCE, policy, NINE, MINUTES)
            if choice is None:
                continue
            v = next(v for v in visits if v.id == choice.visit_id)
            concern = next(c for c in v.waiting if c.id == choice.concern_id)
            assert not v.busy
            assert concern.service_id in d.service_ids
            if policy == "fixed-order":
                assert concern.position == min(c.position for c in v.waiting)
            else:
                open_services = {c.service_id for c in v.waiting} | v.in_progress_services
                assert not any(
                    (before, concern.service_id) in PRECEDENCE for before in open_services - {concern.service_id}
                )
    finally:
        routing.SHORT_JOB_BIAS = old


@settings(max_examples=150, deadline=None)
@given(queues(), st.sampled_from(routing.POLICIES), st.sampled_from([0.0, 3.0]))
def test_the_forecast_covers_every_waiting_concern_a_desk_serves(state, policy, bias):
    desks, visits = state
    every_service = DeskView(99, frozenset({1, 2, 3, 4}), NINE + minutes(5))
    routing.SHORT_JOB_BIAS, old = bias, routing.SHORT_JOB_BIAS
    try:
        # A horizon long enough for any generated queue: what the forecast leaves out is only
        # what lies beyond its horizon.
        result = routing.forecast(
            [*desks, every_service], visits, PRECEDENCE, policy, NINE, MINUTES, horizon=dt.timedelta(days=3)
        )
    finally:
        routing.SHORT_JOB_BIAS = old
    waiting = {c.id: (v, c) for v in visits for c in v.waiting}
    assert set(result.concern_calls) == set(waiting)
    for v in visits:
        calls = sorted((result.concern_calls[c.id], c) for c in v.waiting)
        first = calls[0][0]
        assert first >= (v.busy_until or NINE)
        # One desk at a time: each next call comes after the previous concern's expected minutes.
        for (at, c), (next_at, _next) in itertools.pairwise(calls):
            assert next_at >= at + minutes(MINUTES[c.service_id])
        if policy == "routed":
            order = {c.service_id: at for at, c in calls}
            for before, after in PRECEDENCE:
                if before in order and after in order:
                    assert order[before] < order[after]


def test_a_shorter_concern_goes_first_until_the_longer_ones_ticket_time_has_passed():
    long_wait = visit(1, NINE - minutes(20), 1)  # residence permit, 25 minutes
    short = visit(2, NINE - minutes(5), 3)  # hand in documents, 5 minutes
    assert chosen(desk(1, 3), [long_wait, short]) == (2, 20)
    # The ticket said 10 minutes; with the slack that time is over: the promise is kept.
    long_wait.promised_at = NINE - minutes(20) + minutes(10) + routing.PROMISE_SLACK
    assert long_wait.promised_at <= NINE
    assert chosen(desk(1, 3), [long_wait, short]) == (1, 10)


@st.composite
def houses(draw):
    """Queues with what makes the forecast's order change over time: promises that fall due,
    appointments (early, due, later), visitors at desks, booked appointments still to come
    and recent arrivals that the forecast expects to come again."""
    desks, visits = draw(queues())
    desks = [replace(d, free_at=NINE + minutes(draw(st.integers(0, 20)))) for d in desks]
    for v in visits:
        if draw(st.booleans()):
            v.promised_at = NINE + minutes(draw(st.integers(-10, 90)))
        if draw(st.integers(0, 4)) == 0:
            v.waiting[0].appointment_at = NINE + minutes(draw(st.integers(-10, 120)))
        v.priority_at = v.waiting[0].queued_at = NINE - minutes(draw(st.integers(0, 40)))
    booked = [(draw(st.sampled_from([1, 2, 3, 4])), NINE + minutes(draw(st.integers(-20, 180)))) for _ in range(2)]
    return desks, visits, booked[: draw(st.integers(0, 2))]


@settings(max_examples=300, deadline=None)
@given(houses(), st.sampled_from(routing.POLICIES), st.sampled_from([0.0, 3.0, 14.0]), st.integers(0, 12))
def test_the_fast_forecast_predicts_exactly_what_asking_the_desks_at_every_call_predicts(state, policy, bias, until):
    desks, visits, booked = state
    routing.SHORT_JOB_BIAS, old = bias, routing.SHORT_JOB_BIAS
    try:
        expected = naive_forecast(
            desks, copy.deepcopy(visits), PRECEDENCE, policy, NINE, MINUTES, booked=booked, until_called=until
        )
        result = routing.forecast(
            desks, copy.deepcopy(visits), PRECEDENCE, policy, NINE, MINUTES, booked=booked, until_called=until
        )
    finally:
        routing.SHORT_JOB_BIAS = old
    assert result.concern_calls == expected.concern_calls
