"""The lead's statistics and day end: a day played with a fixed clock, then the figures the
lead reads — waiting, way and service times, no-shows, walk-ins versus appointments, and how
far the waiting times shown on the tickets were off."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from kurzweg.servicepoint import clock, queue
from kurzweg.servicepoint.models import Appointment, Concern, ServicePoint, Visit
from kurzweg.servicepoint.statistics import day_figures, percentile
from tests.conftest import client_for
from tests.servicepoint.conftest import service

DAY = dt.date(2026, 3, 2)


def at(hour: int, minute: int, day: dt.date = DAY) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def set_time():
    def set_time(hour: int, minute: int, day: dt.date = DAY) -> None:
        moment = at(hour, minute, day)
        clock.set_clock(lambda: moment)

    yield set_time
    clock.set_clock(None)


@pytest.fixture
def played_day(house, agency, receptionist_at_house, abh_desk_1, jobcenter_desk_3, set_time) -> ServicePoint:
    """09:00 A (ABH and Jobcenter); the ABH serves A 09:10–09:20; B (09:13, ABH) is served
    09:20–09:31; the Jobcenter serves A 09:26–09:30; C (09:40) does not come when called at
    09:45; D checks in at 09:50 for a 10:00 appointment and is still waiting. Each call has
    one visitor to choose from, so the figures do not depend on the routing's choices."""
    set_time(9, 0)
    a = queue.issue_ticket(
        house, [service(agency, "abh-fiktion"), service(agency, "jobcenter-unterlagen")], actor=receptionist_at_house
    )
    set_time(9, 10)
    assert queue.call_next(abh_desk_1).visit_id == a.pk
    set_time(9, 12)
    queue.visitor_arrived(abh_desk_1)
    set_time(9, 13)
    b = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    set_time(9, 20)
    queue.finish(abh_desk_1)
    assert queue.call_next(abh_desk_1).visit_id == b.pk
    set_time(9, 21)
    queue.visitor_arrived(abh_desk_1)
    set_time(9, 26)
    assert queue.call_next(jobcenter_desk_3).visit_id == a.pk
    set_time(9, 27)
    queue.visitor_arrived(jobcenter_desk_3)
    set_time(9, 30)
    queue.finish(jobcenter_desk_3)
    set_time(9, 31)
    queue.finish(abh_desk_1)
    set_time(9, 40)
    c = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    set_time(9, 45)
    assert queue.call_next(abh_desk_1).visit_id == c.pk
    queue.no_show(abh_desk_1)
    Appointment.objects.create(
        agency=agency,
        service_point=house,
        service=service(agency, "abh-aufenthalt"),
        starts_at=at(10, 0),
        minutes=25,
        code="DTERMIN2",
        name="Dana",
    )
    set_time(9, 50)
    queue.check_in(house, "DTERMIN2")
    # The waiting times the tickets showed: A 5 minutes (waited 10), B 12 (waited 7), C none.
    Visit.objects.filter(pk=a.pk).update(estimated_wait_minutes=5)
    Visit.objects.filter(pk=b.pk).update(estimated_wait_minutes=12)
    Visit.objects.exclude(pk__in=[a.pk, b.pk]).update(estimated_wait_minutes=None)
    return house


def test_the_figures_of_a_day(played_day, agency):
    figures = day_figures(played_day, DAY)
    assert (figures.visits, figures.visits_done, figures.visits_no_show, figures.visits_unfinished) == (4, 2, 1, 1)
    assert (figures.visits_walk_in, figures.visits_by_appointment) == (3, 1)
    # Waits: A 10 (ticket → first call), B 7, A at the Jobcenter 6 (free at 09:20 → called
    # 09:26: the time at the ABH desk is not waiting), C 5.
    assert sorted(figures.total.waits) == [5, 6, 7, 10]
    assert figures.total.mean_wait == 7
    assert figures.total.p90_wait == 10
    assert (figures.total.walk_ins, figures.total.appointments) == (4, 1)
    assert figures.mean_time_in_house == pytest.approx((30 + 18) / 2)  # A 09:00–09:30, B 09:13–09:31

    offices = {o.figures.label: o for o in figures.offices}
    abh = offices["Ausländerbehörde"]
    assert (abh.figures.concerns, abh.figures.visit_count, abh.figures.no_shows) == (4, 4, 1)
    assert abh.figures.mean_wait == pytest.approx((10 + 7 + 5) / 3)  # D has not been called
    assert abh.figures.mean_way == 1.5  # 2 and 1 minutes
    assert abh.figures.mean_service == 9  # 8 and 10 minutes
    jobcenter = offices["Jobcenter"]
    assert (jobcenter.figures.mean_wait, jobcenter.figures.mean_way, jobcenter.figures.mean_service) == (6, 1, 3)
    assert [s.label for s in abh.services] == [
        "Aufenthaltserlaubnis beantragen oder verlängern",
        "Fiktionsbescheinigung",
    ]
    assert abh.services[0].appointments == 1

    # Estimates shown: A off by 5 (too short), B off by 5 (too long); C had none.
    assert (figures.estimates_compared, figures.estimate_mae, figures.estimate_bias) == (2, 5, 0)


def test_another_day_is_not_counted(played_day):
    assert day_figures(played_day, DAY + dt.timedelta(days=1)).visits == 0


def test_a_service_time_without_a_recorded_arrival_counts_from_the_call(
    house, agency, receptionist_at_house, abh_desk_1, set_time
):
    set_time(8, 0)
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    set_time(8, 3)
    queue.call_next(abh_desk_1)
    set_time(8, 10)
    queue.finish(abh_desk_1)  # the desk never pressed "arrived"
    figures = day_figures(house, DAY)
    assert (figures.total.ways, figures.total.services, figures.total.waits) == ([], [7], [3])


def test_percentile_is_a_value_that_occurred():
    assert percentile([], 0.9) is None
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([4], 0.9) == 4


# --- Pages ------------------------------------------------------------------------------------


def test_the_lead_reads_the_day(played_day, abh_lead):
    response = client_for(abh_lead).get(reverse("servicepoint:statistics"), {"day": "2026-03-02"})
    assert response.status_code == 200
    assert response.context["figures"].visits == 4
    html = response.content.decode()
    assert "Fiktionsbescheinigung" in html
    assert "Dana" not in html  # figures, not persons


def test_the_day_defaults_to_today(played_day, abh_lead, set_time):
    set_time(16, 0)
    response = client_for(abh_lead).get(reverse("servicepoint:statistics"))
    assert response.context["day"] == DAY and response.context["figures"].visits == 4


def test_the_figures_as_csv(played_day, abh_lead):
    response = client_for(abh_lead).get(reverse("servicepoint:statistics-csv"), {"day": "2026-03-02"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    day_row = rows[0]
    assert (day_row["office"], day_row["concerns"], day_row["mean_wait_min"]) == ("", "5", "7.0")
    fiktion = next(r for r in rows if r["service"] == "Fiktionsbescheinigung")
    assert (fiktion["no_shows"], fiktion["mean_way_min"]) == ("1", "1.5")


@pytest.mark.parametrize("name", ["statistics", "statistics-csv", "day-end"])
def test_caseworkers_and_reception_may_not_see_statistics(house, abh_caseworker, receptionist, name):
    for user in (abh_caseworker, receptionist):
        assert client_for(user).get(reverse(f"servicepoint:{name}")).status_code == 403


def test_another_agencys_service_point_is_not_found(house, abh_lead, other_agency):
    from kurzweg.servicepoint.setup import create_service_point

    theirs = create_service_point(other_agency, "Süd")
    client = client_for(abh_lead)
    assert client.get(reverse("servicepoint:statistics"), {"point": theirs.pk}).status_code == 404
    assert client.get(reverse("servicepoint:day-end"), {"point": theirs.pk}).status_code == 404


def test_the_statistics_page_needs_the_same_queries_for_a_busy_day(
    house, agency, receptionist_at_house, abh_lead, django_assert_max_num_queries
):
    client = client_for(abh_lead)
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    client.get(reverse("servicepoint:statistics"))  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("servicepoint:statistics"))
    for _ in range(20):
        queue.issue_ticket(
            house, [service(agency, "abh-fiktion"), service(agency, "vhs-kurs")], actor=receptionist_at_house
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("servicepoint:statistics"))


# --- Day end ----------------------------------------------------------------------------------


@pytest.fixture
def evening(house, agency, receptionist_at_house, abh_desk_1):
    """At closing time: one visitor at the ABH desk, two waiting."""
    at_desk = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.call_next(abh_desk_1)
    back_tomorrow = queue.issue_ticket(house, [service(agency, "integration-beratung")], actor=receptionist_at_house)
    closed = queue.issue_ticket(house, [service(agency, "vhs-kurs")], actor=receptionist_at_house)
    return at_desk, back_tomorrow, closed


def test_the_day_end_lists_unfinished_visits(evening, abh_lead):
    response = client_for(abh_lead).get(reverse("servicepoint:day-end"))
    assert response.status_code == 200
    assert [v.ticket for v in response.context["visits"]] == ["B-001", "B-002", "B-003"]
    html = response.content.decode()
    assert "Integrationsberatung" in html and "Platz 1" in html


def test_nothing_is_closed_without_confirmation(evening, abh_lead):
    back_tomorrow = evening[1]
    response = client_for(abh_lead).post(reverse("servicepoint:day-end"), {"overnight": [back_tomorrow.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert Visit.objects.filter(status__in=Visit.ACTIVE).count() == 3
    assert str(back_tomorrow.pk) in response.context["chosen"]  # the ticks stay


def test_the_lead_closes_the_day_and_parks_one_visit_overnight(evening, abh_lead, abh_desk_1):
    at_desk, back_tomorrow, closed = evening
    response = client_for(abh_lead).post(
        reverse("servicepoint:day-end"), {"overnight": [back_tomorrow.pk], "confirm": "on"}, follow=True
    )
    assert response.status_code == 200
    statuses = dict(Visit.objects.values_list("pk", "status"))
    assert statuses == {
        at_desk.pk: Visit.Status.CLOSED,
        back_tomorrow.pk: Visit.Status.OVERNIGHT,
        closed.pk: Visit.Status.CLOSED,
    }
    assert not Concern.objects.filter(visit__in=[at_desk, closed], status__in=Concern.OPEN).exists()
    assert Concern.objects.get(visit=back_tomorrow).status == Concern.Status.WAITING
    abh_desk_1.refresh_from_db()
    assert abh_desk_1.ended_at is not None  # signed out
    assert response.context["visits"] == []
    assert response.context["overnight_waiting"] == 1


def test_only_this_service_points_unfinished_visits_can_be_parked(evening, abh_lead, agency):
    done = Visit.objects.create(
        agency=agency,
        service_point=evening[0].service_point,
        day=evening[0].day,
        number=99,
        prefix="B",
        status=Visit.Status.DONE,
        priority_at=timezone.now(),
        issued_at=timezone.now(),
    )
    response = client_for(abh_lead).post(reverse("servicepoint:day-end"), {"overnight": [done.pk], "confirm": "on"})
    assert response.status_code == 200 and response.context["form"].errors["overnight"]
    assert Visit.objects.filter(status__in=Visit.ACTIVE).count() == 3


def test_the_demo_gives_the_statistics_ten_working_days_and_a_queue_now(house, agency, abh_caseworker):
    import random

    from kurzweg.demo.servicepoint import create_service_point_demo, working_days_before

    today = timezone.localdate()
    create_service_point_demo(agency, random.Random(1), today)
    days = working_days_before(today, 10)
    assert len(days) == 10 and all(d.weekday() < 5 for d in days)
    figures = day_figures(house, days[-1])
    assert figures.visits >= 70 and figures.visits_unfinished == 0
    assert figures.total.mean_wait is not None and figures.total.mean_service is not None
    assert figures.estimate_mae is not None and figures.estimate_mae < 10
    assert Visit.objects.filter(day=today, status=Visit.Status.WAITING).count() == 6
    assert Appointment.objects.filter(starts_at__date=today, status=Appointment.Status.BOOKED).exists()
    # The next ticket today continues after the visitors already waiting.
    assert queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=None).number == 7
