"""Register only after searching, the duplicate review of the data steward, merge and undo.

The cast: a data steward ("Datenpflege" in the Leitung office), the caseworker of the foreigners
authority, and two records of one man, Mohammad Ahmadi born 7 March 1995 — typed in once by the
foreigners authority and once by the Jobcenter, each with its own section entries, consent,
spellings and identifiers."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kurzweg.core.models import AuditEntry
from kurzweg.people import matching_store, merging
from kurzweg.people.models import (
    AlternativeName,
    Consent,
    DuplicateSuspicion,
    Household,
    Identifier,
    Merge,
    Nationality,
    Person,
    PersonKey,
    SectionEntry,
    SpokenLanguage,
)

from .conftest import client_for, make_person, make_staff, office
from .test_registry import formset_data

pytestmark = pytest.mark.django_db


def with_keys(*persons: Person) -> None:
    """Store the matching engine's keys, as registering through the form does."""
    matching_store.refresh_keys(persons)


@pytest.fixture
def steward(agency):
    return make_staff(agency, "datenpflege", ("leitung", "steward"))


@pytest.fixture
def older(agency, abh_caseworker):
    """The record of the foreigners authority, registered a year ago."""
    person = make_person(
        agency,
        given_names="Mohammad",
        family_name="Ahmadi",
        birth_year=1995,
        birth_month=3,
        birth_day=7,
        created_at=timezone.now() - datetime.timedelta(days=365),
    )
    SpokenLanguage.objects.create(person=person, code="prs", level="native")
    Identifier.objects.create(person=person, kind="azr", value="AZR-123456")
    SectionEntry.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "abh"),
        title="Aufenthaltsgestattung",
        created_by=abh_caseworker,
    )
    with_keys(person)
    return person


@pytest.fixture
def newer(agency, abh_caseworker, jobcenter_caseworker):
    """The record the Jobcenter typed in: the same man, another spelling on file, a household."""
    person = make_person(
        agency, given_names="Mohammad", family_name="Ahmadi", birth_year=1995, birth_month=3, birth_day=7
    )
    Nationality.objects.create(person=person, code="IRN")  # and AFG, like the older record
    SpokenLanguage.objects.create(person=person, code="prs", level="C1")  # the older record has it: skipped
    SpokenLanguage.objects.create(person=person, code="deu", level="A2")
    AlternativeName.objects.create(person=person, given_names="Muhammad", family_name="Ahmadi", note="Jobcenter")
    Identifier.objects.create(person=person, kind="azr", value="AZR-123456")  # an exact duplicate
    Identifier.objects.create(person=person, kind="ba", value="BA-998877")
    household = Household.objects.create(agency=agency)
    person.household, person.household_relation = household, "head"
    person.refresh_name_index()  # with the other spelling, as saving through the form does
    person.save()
    spouse = make_person(agency, given_names="Zahra", family_name="Ahmadi", birth_year=1997, household=household)
    spouse.household_relation = "spouse"
    spouse.save()
    SectionEntry.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "jobcenter"),
        title="Eingliederungsvereinbarung",
        created_by=jobcenter_caseworker,
    )
    Consent.objects.create(
        agency=agency,
        person=person,
        section_office=office(agency, "jobcenter"),
        recipient_office=office(agency, "integration"),
        recorded_by=jobcenter_caseworker,
    )
    with_keys(person, spouse)
    return person


def suspect(a: Person, b: Person, score: float = 0.97) -> DuplicateSuspicion:
    a, b = sorted((a, b), key=lambda p: str(p.pk))
    return DuplicateSuspicion.objects.create(agency_id=a.agency_id, person_a=a, person_b=b, score=score)


@pytest.fixture
def suspicion(older, newer):
    return suspect(older, newer)


def state(*persons: Person) -> dict:
    """Everything that hangs off the persons, by row: to compare before a merge and after undo."""
    ids = [p.pk for p in persons]
    rows = {}
    for model in (SectionEntry, Consent, Nationality, SpokenLanguage, AlternativeName, Identifier):
        rows[model.__name__] = sorted(model.objects.filter(person_id__in=ids).values_list("pk", "person_id"))
    rows["keys"] = sorted(PersonKey.objects.filter(person_id__in=ids).values_list("person_id", "key"))
    rows["persons"] = sorted(
        Person.objects.filter(pk__in=ids).values_list(
            "pk", "merged_into", "household", "household_relation", "name_index"
        )
    )
    return rows


# Register only after searching -------------------------------------------------------------------


def registration(**fields):
    base = {"given_names": "Mohammad", "family_name": "Ahmadi", "birth_day": "7", "birth_month": "3"}
    return formset_data(**(base | {"birth_year": "1995", "sex": "M"} | fields))


def test_while_typing_the_form_shows_who_the_person_may_be(older, receptionist):
    client = client_for(receptionist)
    url = reverse("people:new_matches")
    response = client.post(url, registration(), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body, "a partial, swapped into the form"
    assert 'id="matches-title"' in body and reverse("people:file", args=[older.pk]) in body
    assert 'name="confirm_different"' in body
    assert "id_confirm_different_error" not in body, "no error while still typing"

    nobody = client.post(url, registration(given_names="Amina", family_name="Haidari"))
    assert nobody.content.decode().strip() == ""


def test_registering_a_likely_duplicate_needs_a_confirmation_that_is_recorded(older, receptionist):
    client = client_for(receptionist)
    data = registration(phone="0151 2345678")

    response = client.post(reverse("people:new"), data)
    assert response.status_code == 200, "the form comes back with the matches"
    body = response.content.decode()
    assert 'id="matches-title"' in body and reverse("people:file", args=[older.pk]) in body
    assert "id_confirm_different_error" in body, "the box must be ticked"
    assert 'value="0151 2345678"' in body, "what was typed is kept"
    assert Person.objects.count() == 1

    response = client.post(reverse("people:new"), data | {"confirm_different": "on"})
    new = Person.objects.exclude(pk=older.pk).get()
    assert response.status_code == 302 and response.url == reverse("people:file", args=[new.pk])
    entry = AuditEntry.objects.get(person_id=new.pk, action=AuditEntry.Action.CREATE)
    assert entry.reason == f"registered_despite_match:{older.pk}" and entry.actor == receptionist
    pair = DuplicateSuspicion.objects.get()
    assert {pair.person_a_id, pair.person_b_id} == {older.pk, new.pk}
    assert (pair.status, pair.decided_by) == (DuplicateSuspicion.Status.DIFFERENT, receptionist)


def test_someone_nobody_resembles_is_registered_at_once(older, receptionist):
    response = client_for(receptionist).post(
        reverse("people:new"), registration(given_names="Amina", family_name="Haidari")
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
    assert entry.reason == "" and not DuplicateSuspicion.objects.exists()


# The queue and the pair ----------------------------------------------------------------------------


def test_the_queue_lists_open_pairs_highest_score_first(agency, steward, suspicion):
    low = suspect(
        make_person(agency, given_names="Ali", family_name="Rezai"),
        make_person(agency, given_names="Ali", family_name="Rezaei"),
        0.81,
    )
    decided = suspect(make_person(agency, given_names="Sara"), make_person(agency, given_names="Sarah"), 0.99)
    decided.status = DuplicateSuspicion.Status.DIFFERENT
    decided.save()
    body = client_for(steward).get(reverse("people:duplicates")).content.decode()
    pairs = [reverse("people:duplicate_pair", args=[s.pk]) for s in (suspicion, low, decided)]
    assert pairs[0] in body and pairs[1] in body and pairs[2] not in body
    assert body.index(pairs[0]) < body.index(pairs[1])


def test_the_queue_needs_the_same_number_of_queries_for_many_pairs(agency, steward, suspicion):
    client = client_for(steward)
    client.get(reverse("people:duplicates"))  # warm up: sessions, content types

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("people:duplicates")).status_code == 200
        return len(captured)

    few = queries()
    for i in range(60):  # more than a page
        suspect(make_person(agency, given_names=f"Person{i}"), make_person(agency, given_names=f"Persona{i}"), 0.5)
    assert queries() == few


def test_the_pair_page_shows_both_records_with_the_differences_marked_and_no_section(steward, suspicion, older):
    response = client_for(steward).get(reverse("people:duplicate_pair", args=[suspicion.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Muhammad Ahmadi" in body and "BA-998877" in body, "spellings and identifiers"
    assert "Zahra" in body, "the household"
    assert (
        body.count('class="kurzweg-differs__mark"') >= 4
    )  # nationalities, languages, spellings, identifiers, household
    assert "Eingliederungsvereinbarung" not in body and "Aufenthaltsgestattung" not in body
    assert f'value="{older.pk}" aria-describedby="survivor-hint" checked' in body, "the older record is kept by default"
    opened = AuditEntry.objects.filter(actor=steward, action=AuditEntry.Action.OPEN_FILE, reason="duplicate_review")
    assert {e.person_id for e in opened} == {suspicion.person_a_id, suspicion.person_b_id}


def test_different_persons_is_remembered_and_never_suggested_again(agency, steward, suspicion):
    client = client_for(steward)
    response = client.post(reverse("people:duplicate_different", args=[suspicion.pk]))
    assert response.status_code == 302 and response.url == reverse("people:duplicates")
    suspicion.refresh_from_db()
    assert (suspicion.status, suspicion.decided_by) == (DuplicateSuspicion.Status.DIFFERENT, steward)
    # The nightly detection finds the pair again, and leaves the decision as it is.
    matching_store.detect_duplicates(agency.pk)
    suspicion.refresh_from_db()
    assert suspicion.status == DuplicateSuspicion.Status.DIFFERENT
    assert DuplicateSuspicion.objects.filter(status=DuplicateSuspicion.Status.OPEN).count() == 0
    body = client.get(reverse("people:duplicates")).content.decode()
    assert reverse("people:duplicate_pair", args=[suspicion.pk]) not in body


# Merge and undo ------------------------------------------------------------------------------------


def test_merging_moves_everything_to_the_survivor_and_undo_restores_it_exactly(steward, suspicion, older, newer):
    before = state(older, newer)
    household_id = newer.household_id
    client = client_for(steward)
    response = client.post(reverse("people:duplicate_merge", args=[suspicion.pk]), {"survivor": str(older.pk)})
    assert response.status_code == 302 and response.url == reverse("people:file", args=[older.pk])

    newer.refresh_from_db()
    assert newer.merged_into_id == older.pk
    assert set(SectionEntry.objects.filter(person=older).values_list("title", flat=True)) == {
        "Aufenthaltsgestattung",
        "Eingliederungsvereinbarung",
    }
    assert older.consents.count() == 1
    assert sorted(older.nationalities.values_list("code", flat=True)) == ["AFG", "IRN"]
    assert sorted(older.languages.values_list("code", "level")) == [("deu", "A2"), ("prs", "native")]
    assert sorted(older.identifiers.values_list("value", flat=True)) == ["AZR-123456", "BA-998877"]
    spellings = set(older.alternative_names.values_list("given_names", "family_name"))
    assert spellings == {("Muhammad", "Ahmadi")}, "the merged name equals the survivor's: not added twice"
    older.refresh_from_db()
    assert (older.household_id, older.household_relation) == (household_id, "head"), "newer's household"
    assert " muhammad " in older.name_index
    entry = Merge.objects.get()
    skipped = {label: ids for label, ids in entry.moved["skipped"].items() if label != "people.personkey"}
    assert skipped == {
        "people.nationality": [newer.nationalities.get(code="AFG").pk],
        "people.spokenlanguage": [newer.languages.get(code="prs").pk],
        "people.identifier": [newer.identifiers.get(value="AZR-123456").pk],
    }
    suspicion.refresh_from_db()
    assert suspicion.status == DuplicateSuspicion.Status.MERGED
    audited = AuditEntry.objects.filter(object_type="merge", actor=steward)
    assert {e.person_id for e in audited} == {older.pk, newer.pk}

    # The merged record's file leads to the survivor; the survivor's access log shows both trails.
    followed = client.get(reverse("people:file", args=[newer.pk]))
    assert followed.status_code == 302 and followed.url == reverse("people:file", args=[older.pk])
    lead = make_staff(older.agency, "leitung-abh", ("abh", "lead"))
    log = client_for(lead).get(reverse("people:access_log", args=[older.pk])).content.decode()
    assert "kurzweg-merged-entry" in log

    response = client.post(reverse("people:merge_undo", args=[entry.pk]))
    assert response.status_code == 302 and response.url == reverse("people:file", args=[older.pk])
    assert state(older, newer) == before
    entry.refresh_from_db()
    assert entry.undone_by == steward and entry.undone_at is not None
    suspicion.refresh_from_db()
    assert suspicion.status == DuplicateSuspicion.Status.OPEN, "back in the queue"
    assert AuditEntry.objects.filter(reason__startswith="undo_merge").count() == 2


def test_the_merged_persons_own_name_becomes_another_spelling(agency, steward, older):
    other = make_person(
        agency, given_names="Mohamad", family_name="Ahmady", birth_year=1995, birth_month=3, birth_day=7
    )
    merging.merge(steward, older, other)
    assert ("Mohamad", "Ahmady") in set(older.alternative_names.values_list("given_names", "family_name"))
    entry = Merge.objects.get()
    merging.undo_merge(steward, entry)
    assert not older.alternative_names.exists()


def test_a_merge_is_undone_only_once(steward, suspicion, older, newer):
    entry = merging.merge(steward, older, newer)
    merging.undo_merge(steward, entry)
    with pytest.raises(merging.MergeRefused):
        merging.undo_merge(steward, entry)


def test_the_survivors_file_offers_the_undo_to_stewards_only(steward, abh_caseworker, suspicion, older, newer):
    entry = merging.merge(steward, older, newer)
    undo = reverse("people:merge_undo", args=[entry.pk])
    assert undo in client_for(steward).get(reverse("people:file", args=[older.pk])).content.decode()
    assert undo in client_for(steward).get(reverse("people:merges")).content.decode()
    assert undo not in client_for(abh_caseworker).get(reverse("people:file", args=[older.pk])).content.decode()


# Access -----------------------------------------------------------------------------------------------


def test_leads_steward_and_the_header_shows_them_the_way(abh_lead, abh_caseworker, steward):
    link = f'href="{reverse("people:duplicates")}"'
    assert link in client_for(steward).get("/").content.decode()
    assert link in client_for(abh_lead).get("/").content.decode()
    assert link not in client_for(abh_caseworker).get("/").content.decode()


@pytest.mark.parametrize("role", ["caseworker", "specialist", "reception", "dpo", "admin"])
def test_staff_who_may_not_steward_get_403(agency, role, suspicion, older, newer, steward):
    entry = merging.merge(steward, older, newer)
    client = client_for(make_staff(agency, f"u-{role}", ("abh", role)))
    gets = [
        reverse("people:duplicates"),
        reverse("people:duplicate_pair", args=[suspicion.pk]),
        reverse("people:merges"),
    ]
    posts = [
        reverse("people:duplicate_merge", args=[suspicion.pk]),
        reverse("people:duplicate_different", args=[suspicion.pk]),
        reverse("people:merge_undo", args=[entry.pk]),
    ]
    assert [client.get(url).status_code for url in gets] == [403, 403, 403]
    assert [client.post(url, {"survivor": str(older.pk)}).status_code for url in posts] == [403, 403, 403]
    assert Merge.objects.get().undone_at is None


def test_stewards_of_another_agency_find_nothing(outsider, suspicion, older, newer, steward):
    entry = merging.merge(steward, older, newer)
    client = client_for(outsider)  # a lead, so a steward, of the other agency
    assert client.get(reverse("people:duplicate_pair", args=[suspicion.pk])).status_code == 404
    assert client.post(reverse("people:duplicate_different", args=[suspicion.pk])).status_code == 404
    assert client.post(reverse("people:merge_undo", args=[entry.pk])).status_code == 404
    assert client.get(reverse("people:file", args=[newer.pk])).status_code == 404, "no redirect to the survivor"
    assert str(older.pk) not in client.get(reverse("people:merges")).content.decode()
    assert str(older.pk) not in client.get(reverse("people:duplicates")).content.decode()


def test_the_steward_role_is_made_with_every_agency(agency):
    roles = {r.code: r for r in agency.roles.all()}
    assert roles["steward"].may_steward_data and roles["lead"].may_steward_data
    assert not roles["steward"].may_read_section, "stewards move sections without reading them"
    assert not any(roles[code].may_steward_data for code in ("caseworker", "specialist", "reception", "dpo", "admin"))
