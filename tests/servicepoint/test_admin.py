"""Administrators edit the catalogue of services, the service points and appointments in the
administration — their own agency's only, and they can pick only their own agency's offices,
rooms, desks and services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kurzweg.core.models import Desk, Room
from kurzweg.servicepoint.models import Appointment, Service, ServiceName, ServicePoint
from kurzweg.servicepoint.setup import create_service_point, create_standard_services
from tests.conftest import client_for, office
from tests.servicepoint.conftest import desk, service


@pytest.fixture
def their_house(other_agency) -> ServicePoint:
    room = Room.objects.create(agency=other_agency, office=office(other_agency, "abh"), floor=1, number="S.01")
    Desk.objects.create(agency=other_agency, room=room, office=office(other_agency, "abh"), name="Süd 1")
    service_point = create_service_point(other_agency, "Süd")
    create_standard_services(other_agency)
    return service_point


def service_form(agency, **changes) -> dict:
    data = {
        "office": office(agency, "abh").pk,
        "code": "abh-verpflichtung",
        "name": "Verpflichtungserklärung",
        "pictogram": "residence",
        "position": "30",
        "active": "on",
        "expected_minutes": "20",
        "walk_in": "on",
        "desks": [desk(agency, "Platz 1").pk, desk(agency, "Platz 2").pk],
        "comes_before": [],
        "leika_key": "",
        "names-TOTAL_FORMS": "2",
        "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "1000",
        "names-0-language": "en",
        "names-0-name": "Formal obligation (guarantee of costs)",
        "names-1-language": "ar",
        "names-1-name": "إعلان الالتزام",
    }
    return data | changes


def test_the_administrator_adds_a_service_with_its_names_and_desks(house, agency, administrator):
    response = client_for(administrator).post(reverse("admin:servicepoint_service_add"), service_form(agency))
    assert response.status_code == 302, response.context["adminform"].form.errors
    added = Service.objects.get(code="abh-verpflichtung")
    assert added.agency == agency
    assert {d.name for d in added.desks.all()} == {"Platz 1", "Platz 2"}
    assert dict(ServiceName.objects.filter(service=added).values_list("language", "name"))["ar"] == "إعلان الالتزام"
    assert added.name_in("en").startswith("Formal obligation")


def test_a_service_code_is_unique_in_the_agency(house, agency, administrator):
    response = client_for(administrator).post(
        reverse("admin:servicepoint_service_add"), service_form(agency, code="abh-fiktion")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"]


def test_the_same_code_is_free_in_another_agency(house, their_house, agency, administrator):
    assert Service.objects.filter(code="abh-fiktion").count() == 2  # one per agency
    response = client_for(administrator).post(
        reverse("admin:servicepoint_service_add"), service_form(agency, code="abh-neu")
    )
    assert response.status_code == 302


def test_forms_offer_only_the_own_agencys_offices_desks_rooms_and_services(
    house, their_house, agency, other_agency, administrator
):
    client = client_for(administrator)
    form = client.get(reverse("admin:servicepoint_service_add")).context["adminform"].form
    for name in ("office", "desks", "comes_before"):
        assert {o.agency_id for o in form.fields[name].queryset} == {agency.pk}, name
    form = client.get(reverse("admin:servicepoint_servicepoint_add")).context["adminform"].form
    assert {r.agency_id for r in form.fields["rooms"].queryset} == {agency.pk}
    form = client.get(reverse("admin:servicepoint_appointment_add")).context["adminform"].form
    for name in ("service_point", "service", "desk"):
        assert {o.agency_id for o in form.fields[name].queryset} == {agency.pk}, name


def test_another_agencys_desk_cannot_be_posted(house, their_house, agency, other_agency, administrator):
    theirs = Desk.objects.get(agency=other_agency, name="Süd 1")
    response = client_for(administrator).post(
        reverse("admin:servicepoint_service_add"), service_form(agency, desks=[theirs.pk])
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["desks"]
    assert not Service.objects.filter(code="abh-verpflichtung").exists()


def test_a_service_cannot_come_before_itself(house, agency, administrator):
    fiktion = service(agency, "abh-fiktion")
    data = service_form(agency, code="abh-fiktion", name=fiktion.name, comes_before=[fiktion.pk])
    data |= {"names-TOTAL_FORMS": "0"}
    response = client_for(administrator).post(reverse("admin:servicepoint_service_change", args=[fiktion.pk]), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["comes_before"]


def test_the_administrator_sees_only_the_own_agencys_rows(house, their_house, agency, administrator):
    client = client_for(administrator)
    listed = client.get(reverse("admin:servicepoint_service_changelist")).context["cl"].result_list
    assert {s.agency_id for s in listed} == {agency.pk}
    points = client.get(reverse("admin:servicepoint_servicepoint_changelist")).context["cl"].result_list
    assert list(points) == [house]
    theirs = Service.objects.get(agency=their_house.agency, code="abh-fiktion")
    response = client.get(reverse("admin:servicepoint_service_change", args=[theirs.pk]))
    assert response.status_code == 302  # "does not exist", back to the index
    response = client.post(reverse("admin:servicepoint_service_delete", args=[theirs.pk]), {"post": "yes"})
    assert Service.objects.filter(pk=theirs.pk).exists()


def test_the_office_filter_lists_only_the_own_offices(house, their_house, agency, administrator):
    response = client_for(administrator).get(reverse("admin:servicepoint_service_changelist"))
    office_filter = next(f for f in response.context["cl"].filter_specs if f.parameter_name == "office")
    offered = {int(value) for value, _name in office_filter.lookup_choices}
    assert offered and offered <= set(agency.offices.values_list("pk", flat=True))


def test_the_administrator_books_an_appointment(house, agency, administrator):
    response = client_for(administrator).post(
        reverse("admin:servicepoint_appointment_add"),
        {
            "service_point": house.pk,
            "service": service(agency, "abh-aufenthalt").pk,
            "desk": desk(agency, "Platz 1").pk,
            "starts_at_0": "2026-03-02",
            "starts_at_1": "10:00",
            "minutes": "25",
            "name": "Dana",
            "language": "ar",
            "status": "booked",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    appointment = Appointment.objects.get()
    assert appointment.agency == agency and len(appointment.code) == 8


@pytest.mark.parametrize("who", ["abh_lead", "abh_caseworker", "receptionist"])
def test_only_administrators_are_let_in(house, who, request):
    client = client_for(request.getfixturevalue(who))
    for name in ("servicepoint_service_changelist", "servicepoint_servicepoint_changelist"):
        response = client.get(reverse(f"admin:{name}"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
