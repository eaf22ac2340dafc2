"""GET /api/v1/persons/search: signed-in staff only, their own agency only, same as find_persons."""

from __future__ import annotations

import pytest
from django.test import Client

from kurzweg.people.search import PersonQuery, find_persons, parse_birth

from .conftest import client_for, make_person

pytestmark = pytest.mark.django_db
URL = "/api/v1/persons/search"


@pytest.fixture
def jafari(agency):
    return make_person(
        agency, given_names="Mohammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3
    )


def test_staff_get_the_same_results_as_find_persons(jafari, receptionist):
    response = client_for(receptionist).get(URL, {"name": "Dschafari Muhammad", "birth_date": "03.05.1990"})
    assert response.status_code == 200
    results = response.json()["results"]
    expected = find_persons(receptionist, PersonQuery(name="Dschafari Muhammad", birth=parse_birth("03.05.1990")))
    assert [r["id"] for r in results] == [str(m.person.pk) for m in expected] == [str(jafari.pk)]
    first = results[0]
    assert first["family_name"] == "Jafari" and first["birth_date"] == "03.05.1990"
    assert first["nationalities"] == ["AFG"] and first["level"] in ("likely", "exact")
    assert 0 < first["score"] <= 1 and first["reasons"] == expected[0].reasons


def test_filters_and_limit(jafari, receptionist):
    client = client_for(receptionist)
    assert client.get(URL, {"name": "Jafari", "nationality": "syr"}).json()["results"] == []
    assert len(client.get(URL, {"name": "Jafari Mohammad", "limit": 1}).json()["results"]) == 1
    assert client.get(URL, {"name": "Jafari", "limit": 500}).status_code == 422
    assert client.get(URL, {"name": "Jafari", "birth_date": "32.13.1990"}).status_code == 422


def test_unauthenticated_clients_get_401(jafari):
    assert Client().get(URL, {"name": "Jafari"}).status_code == 401


def test_staff_of_another_agency_never_see_these_persons(jafari, outsider, other_agency):
    theirs = make_person(other_agency, given_names="Mohammad", family_name="Jafari", birth_year=1990)
    results = client_for(outsider).get(URL, {"name": "Mohammad Jafari"}).json()["results"]
    assert [r["id"] for r in results] == [str(theirs.pk)]


def test_openapi_description_is_published(receptionist):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/persons/search" in response.json()["paths"]


def test_another_system_searches_with_a_bearer_token(jafari, receptionist):
    from django.core.management import call_command

    from kurzweg.core.models import ApiToken

    out = __import__("io").StringIO()
    call_command("create_api_token", "kiosk", acts_as="empfang", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("kzw_")
    assert token not in str(ApiToken.objects.values_list()), "only a hash is stored"

    answer = Client().get(URL, {"name": "Mohammad Jafari"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200 and answer.json()["results"][0]["id"] == str(jafari.pk)

    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert Client().get(URL, {"name": "Jafari"}, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert Client().get(URL, {"name": "Jafari"}, HTTP_AUTHORIZATION="Bearer kzw_wrong").status_code == 401


def test_a_token_acts_within_its_accounts_agency(jafari, outsider, other_agency):
    from kurzweg.core import tokens

    _row, token = tokens.issue(outsider, "their kiosk")
    results = Client().get(URL, {"name": "Mohammad Jafari"}, HTTP_AUTHORIZATION=f"Bearer {token}").json()["results"]
    assert results == []


def test_a_tokens_last_use_is_written_once_a_minute_not_on_every_request(jafari, receptionist):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kurzweg.core import tokens
    from kurzweg.core.models import ApiToken

    row, token = tokens.issue(receptionist, "kiosk")
    assert tokens.user_for(token) == receptionist
    first = ApiToken.objects.get(pk=row.pk).last_used_at
    assert first is not None
    with CaptureQueriesContext(connection) as queries:
        assert tokens.user_for(token) == receptionist
    assert not [q for q in queries if q["sql"].startswith("UPDATE")], "no write within the minute"
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    tokens.user_for(token)
    assert ApiToken.objects.get(pk=row.pk).last_used_at > first
