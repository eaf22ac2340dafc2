"""Registering persons and finding them with the simple search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Person
from kurzweg.people.search import InvalidQuery, PersonQuery, find_persons, parse_birth

from .conftest import client_for, make_person

pytestmark = pytest.mark.django_db


def formset_data(**rows):
    data = {}
    for prefix in ("nationalities", "languages", "alternative_names", "identifiers"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= rows
    return data


def registration(**fields):
    base = {"given_names": "Ștefan", "family_name": "Popescu", "birth_year": "1990", "sex": "M"}
    return formset_data(**(base | fields))


def test_reception_registers_a_person_with_a_year_of_birth_only(receptionist):
    data = registration() | formset_data(**{"nationalities-TOTAL_FORMS": "1", "nationalities-0-code": "ROU"})
    response = client_for(receptionist).post(reverse("people:new"), data)
    person = Person.objects.get()
    assert response.status_code == 302 and response.url == reverse("people:file", args=[person.pk])
    assert (person.birth_year, person.birth_month, person.birth_day) == (1990, None, None)
    assert person.birth_date_display == "xx.xx.1990"
    assert list(person.nationalities.values_list("code", flat=True)) == ["ROU"]
    entry = AuditEntry.objects.get(person_id=person.pk)
    assert entry.action == AuditEntry.Action.CREATE and entry.actor == receptionist
    assert "given_names" in entry.fields and "nationalities" in entry.fields


def test_a_day_without_a_month_is_refused_and_the_form_keeps_what_was_typed(receptionist):
    response = client_for(receptionist).post(reverse("people:new"), registration(birth_day="7"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Popescu" in body and 'value="7"' in body
    assert not Person.objects.exists()


def test_an_impossible_date_is_refused(receptionist):
    data = registration(birth_day="31", birth_month="2")
    assert client_for(receptionist).post(reverse("people:new"), data).status_code == 200
    assert not Person.objects.exists()


def test_an_unknown_nationality_code_is_refused(receptionist):
    data = registration() | formset_data(**{"nationalities-TOTAL_FORMS": "1", "nationalities-0-code": "ZZZ"})
    assert client_for(receptionist).post(reverse("people:new"), data).status_code == 200
    assert not Person.objects.exists()


def test_registering_a_family_member_joins_the_household(person, receptionist):
    url = reverse("people:new") + f"?household_of={person.pk}"
    response = client_for(receptionist).post(url, registration(given_names="Zahra", household_relation="spouse"))
    assert response.status_code == 302
    spouse = Person.objects.get(given_names="Zahra")
    person.refresh_from_db()
    assert spouse.household_id == person.household_id is not None
    assert person.household_relation == "head"


def test_editing_audits_the_changed_field_names_not_the_values(person, abh_caseworker):
    data = formset_data(given_names="Muhammad", family_name="Ahmadi", birth_year="1995", birth_month="3", sex="M")
    client_for(abh_caseworker).post(reverse("people:edit", args=[person.pk]), data)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.fields == ["given_names"]
    assert "Muhammad" not in str(entry.__dict__)


def test_the_dpo_cannot_register_persons(dpo):
    assert client_for(dpo).post(reverse("people:new"), registration()).status_code == 403


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07.03.1991", (1991, 1991, 3, 7)),
        ("1991-03-07", (1991, 1991, 3, 7)),
        ("03.1991", (1991, 1991, 3, None)),
        ("1991", (1991, 1991, None, None)),
        ("1995-1990", (1990, 1995, None, None)),
    ],
)
def test_birth_dates_are_understood_in_the_usual_forms(text, expected):
    birth = parse_birth(text)
    assert (birth.year_from, birth.year_to, birth.month, birth.day) == expected


def test_a_birth_date_that_is_no_date_is_a_clear_error():
    with pytest.raises(InvalidQuery):
        parse_birth("32.13.1991")


def test_search_finds_name_fragments_in_any_order_and_other_scripts(agency, receptionist):
    stefan = make_person(agency, given_names="Ștefan", family_name="Popescu", birth_year=1990)
    make_person(agency, given_names="Ion", family_name="Popa", birth_year=1970)
    olek = make_person(
        agency,
        given_names="Oleksandr",
        family_name="Kovalenko",
        given_names_original="Олександр",
        family_name_original="Коваленко",
    )

    def names(**query):
        return [m.person for m in find_persons(receptionist, PersonQuery(**query))]

    assert names(name="popescu ştefan") == [stefan]  # cedilla typed, comma-below stored
    assert names(name="Stefan Popesku") == [stefan]  # a typo the engine weighs
    assert names(name="Stef Pop") == [stefan]  # typing: fragments that begin words
    assert names(name="Коваленко") == [olek]
    assert names(name="popescu", birth=parse_birth("1985-1995")) == [stefan]
    assert names(name="popescu", nationality="UKR") == []


def test_search_never_shows_persons_of_another_agency(person, other_person, outsider):
    assert find_persons(outsider, PersonQuery(name="Ahmadi")) == []
    response = client_for(outsider).post(reverse("people:search"), {"name": "Ahmadi"})
    assert "AHMADI" not in response.content.decode()


def test_search_results_are_posted_so_names_stay_out_of_urls(person, receptionist):
    client = client_for(receptionist)
    assert client.get(reverse("people:search"), {"name": "Ahmadi"}).status_code == 405
    response = client.post(reverse("people:search"), {"name": "Ahmadi"}, HTTP_HX_REQUEST="true")
    assert "AHMADI, Mohammad" in response.content.decode()
    assert "<html" not in response.content.decode()  # htmx gets only the results
