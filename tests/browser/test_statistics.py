"""The team lead reads the day's figures and ends the day: one visitor parked overnight on
purpose, the others closed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Visit
from tests.servicepoint import conftest as servicepoint_cast
from tests.servicepoint.conftest import service

from .conftest import arrived, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The service point's cast (a house with desks of three offices), shared with its unit tests.
house = servicepoint_cast.house
receptionist_at_house = servicepoint_cast.receptionist_at_house
abh_desk_1 = servicepoint_cast.abh_desk_1


@pytest.fixture
def a_day(house, agency, receptionist_at_house, abh_desk_1):
    """Two visitors served at the ABH, one not coming, two still waiting at closing time."""
    for _ in range(2):
        queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
        queue.call_next(abh_desk_1)
        queue.visitor_arrived(abh_desk_1)
        queue.finish(abh_desk_1)
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.call_next(abh_desk_1)
    queue.no_show(abh_desk_1)
    tomorrow = queue.issue_ticket(house, [service(agency, "integration-beratung")], actor=receptionist_at_house)
    closed = queue.issue_ticket(house, [service(agency, "vhs-kurs")], actor=receptionist_at_house)
    return tomorrow, closed


def test_the_lead_reads_the_figures_and_ends_the_day(page, sign_in, abh_lead, a_day):
    tomorrow, closed = a_day
    sign_in(abh_lead)
    visit(page, "/servicepoint/statistics/")
    assert page.locator("#figures").is_visible()
    assert "Fiktionsbescheinigung" in page.locator("#figures").inner_text()
    page.fill("#id_day", timezone.localdate().isoformat())
    page.locator("#show-day").click()
    arrived(page, f"/servicepoint/statistics/?day={timezone.localdate().isoformat()}")

    page.locator("#day-end-link").click()
    day_end = f"/servicepoint/statistics/day-end/?point={tomorrow.service_point_id}"
    arrived(page, day_end)
    page.locator("#close-day").click()  # without confirming, the browser does not send the form
    assert page.locator("#id_confirm:invalid").count() == 1
    assert Visit.objects.filter(status=Visit.Status.WAITING).count() == 2

    page.locator(f"#overnight-{tomorrow.pk}").check()
    page.locator("#id_confirm").check()
    page.locator("#close-day").click()
    page.wait_for_selector("#all-finished")
    arrived(page, day_end)
    assert Visit.objects.get(pk=tomorrow.pk).status == Visit.Status.OVERNIGHT
    assert Visit.objects.get(pk=closed.pk).status == Visit.Status.CLOSED


def test_a_caseworker_is_refused(page, sign_in, abh_caseworker, house):
    sign_in(abh_caseworker)
    visit(page, "/servicepoint/statistics/", status=403)
