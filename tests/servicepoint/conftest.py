"""The service point's cast: a house with a reception and desks of three offices, the standard
catalogue, and staff signed in at desks."""

from __future__ import annotations

import pytest

from kurzweg.core.models import Desk, Room
from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Service, ServicePoint
from kurzweg.servicepoint.setup import create_service_point, create_standard_services
from tests.conftest import make_staff, office


@pytest.fixture
def house(agency) -> ServicePoint:
    """Rooms E.01 (ABH, desks 1–2), E.02 (Jobcenter, desks 3–4), E.03 (Integration, desk 5),
    E.04 (reception); the standard services; one service point with ticket prefix B."""
    layout = [("E.01", "abh", ["Platz 1", "Platz 2"]), ("E.02", "jobcenter", ["Platz 3", "Platz 4"]),
              ("E.03", "integration", ["Platz 5"]), ("E.04", "empfang", ["Empfang 1"])]  # fmt: skip
    for number, code, names in layout:
        room = Room.objects.create(agency=agency, office=office(agency, code), floor=0, number=number)
        for name in names:
            Desk.objects.create(agency=agency, room=room, office=office(agency, code), name=name)
    service_point = create_service_point(agency, "Haus der kurzen Wege", ticket_prefix="B")
    create_standard_services(agency)
    return service_point


def service(agency, code: str) -> Service:
    return Service.objects.get(agency=agency, code=code)


def desk(agency, name: str) -> Desk:
    return Desk.objects.get(agency=agency, name=name)


@pytest.fixture
def receptionist_at_house(house, agency):
    return make_staff(agency, "empfang-sp", ("empfang", "reception"))


@pytest.fixture
def abh_desk_1(house, agency, abh_caseworker):
    return queue.open_desk(abh_caseworker, desk(agency, "Platz 1"))


@pytest.fixture
def jobcenter_desk_3(house, agency, jobcenter_caseworker):
    return queue.open_desk(jobcenter_caseworker, desk(agency, "Platz 3"))
