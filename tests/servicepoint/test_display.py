"""The call display in the waiting area: today's calls of its own service point, ticket numbers,
rooms and desks only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Call
from kurzweg.servicepoint.setup import create_service_point
from tests.servicepoint.conftest import service


def display_url(service_point, name="display") -> str:
    return reverse(f"servicepoint:{name}", args=[service_point.device_key])


def called(house, agency, receptionist, desk_session, **ticket):
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist, **ticket)
    concern = queue.call_next(desk_session)
    queue.finish(desk_session)
    return concern.visit


def test_a_wrong_key_finds_no_display(house):
    assert Client().get(reverse("servicepoint:display", args=["not-the-key"])).status_code == 404
    assert Client().get(reverse("servicepoint:display-calls", args=["not-the-key"])).status_code == 404


def test_the_display_shows_the_newest_call_big_without_signing_in(house, agency, receptionist_at_house, abh_desk_1):
    called(house, agency, receptionist_at_house, abh_desk_1)
    newest = called(house, agency, receptionist_at_house, abh_desk_1)
    response = Client().get(display_url(house))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    big = response.text.split('id="display-newest"', 1)[1].split("</section>", 1)[0]
    assert newest.ticket in big and "E.01" in big and "Platz 1" in big
    assert "B-001" in response.text.split('id="display-previous"', 1)[1]
    assert 'aria-live="assertive"' in response.text


def test_calls_after_the_last_one_shown(house, agency, receptionist_at_house, abh_desk_1):
    first = called(house, agency, receptionist_at_house, abh_desk_1)
    second = called(house, agency, receptionist_at_house, abh_desk_1)
    everything = Client().get(display_url(house, "display-calls")).json()["calls"]
    assert [c["ticket"] for c in everything] == [second.ticket, first.ticket], "newest first"
    after = Client().get(display_url(house, "display-calls"), {"after": everything[1]["id"]}).json()["calls"]
    assert [c["ticket"] for c in after] == [second.ticket]
    assert Client().get(display_url(house, "display-calls"), {"after": everything[0]["id"]}).json()["calls"] == []


def test_a_call_says_where_to_go_and_nothing_about_the_person(house, agency, receptionist_at_house, abh_desk_1, person):
    called(house, agency, receptionist_at_house, abh_desk_1, person=person)
    response = Client().get(display_url(house, "display-calls"))
    assert "no-store" in response["Cache-Control"]
    (call,) = response.json()["calls"]
    assert set(call) == {"id", "ticket", "room", "floor", "desk", "kind", "at"}
    assert (call["ticket"], call["room"], call["floor"], call["desk"], call["kind"]) == (
        "B-001",
        "E.01",
        0,
        "Platz 1",
        "call",
    )
    assert person.family_name not in response.text and person.given_names not in response.text
    assert "Fiktion" not in response.text
    page = Client().get(display_url(house))
    assert person.family_name not in page.text and "Fiktion" not in page.text


def test_call_again_shows_the_ticket_again(house, agency, receptionist_at_house, abh_desk_1):
    queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    queue.call_next(abh_desk_1)
    queue.call_again(abh_desk_1)
    calls = Client().get(display_url(house, "display-calls")).json()["calls"]
    assert [(c["ticket"], c["kind"]) for c in calls] == [("B-001", "recall"), ("B-001", "call")]


def test_only_this_service_points_calls_of_today(house, agency, receptionist_at_house, abh_desk_1):
    ours = called(house, agency, receptionist_at_house, abh_desk_1)
    elsewhere = create_service_point(agency, "Außenstelle", ticket_prefix="C")
    elsewhere.rooms.clear()
    other_visit = queue.issue_ticket(elsewhere, [service(agency, "abh-fiktion")], actor=receptionist_at_house)
    Call.objects.create(service_point=elsewhere, visit=other_visit, desk=abh_desk_1.desk, at=timezone.now())
    Call.objects.create(service_point=house, visit=ours, desk=abh_desk_1.desk, at=timezone.now() - dt.timedelta(days=1))
    calls = Client().get(display_url(house, "display-calls")).json()["calls"]
    assert [c["ticket"] for c in calls] == [ours.ticket]
    assert [c["ticket"] for c in Client().get(display_url(elsewhere, "display-calls")).json()["calls"]] == ["C-001"]


@pytest.mark.parametrize(
    "announce, expected", [(None, ["de-DE"]), ("", []), ("de,en", ["de-DE", "en-GB"]), ("xx,ar", ["ar"])]
)
def test_the_announcement_languages_are_chosen_in_the_address(house, announce, expected):
    import json
    import re

    page = Client().get(display_url(house), {} if announce is None else {"announce": announce}).text
    config = json.loads(re.search(r'id="display-config" type="application/json">(.*?)</script>', page).group(1))
    assert [a["lang"] for a in config["announce"]] == expected
    assert all("{ticket}" in a["text"] and "{room}" in a["text"] for a in config["announce"])
