"""The demo agency: refused outside demo mode; when loaded, believable and coherent data that
shows every path of the access policy."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

from kurzweg.core.models import Agency, AuditEntry, LegalBasis, Membership, Office, User
from kurzweg.demo import DEMO_PASSWORD, DEMO_SLUG, SIGN_INS, DemoError, delete_demo, load_demo
from kurzweg.people import access
from kurzweg.people.countries import is_valid_nationality
from kurzweg.people.models import AlternativeName, Consent, Nationality, Person
from kurzweg.people.names import fold_name

PERSONS = 200
HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo agency with 200 persons, loaded once for this module through the command."""
    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True):
        call_command("load_demo", persons=PERSONS, stdout=out)
        agency = Agency.objects.get(slug=DEMO_SLUG)
    yield agency, out.getvalue()
    with django_db_blocker.unblock():
        delete_demo(agency)


@pytest.fixture
def demo(loaded, db) -> Agency:
    return loaded[0]


def persons(agency: Agency):
    return Person.objects.filter(agency=agency)


# --- demo mode -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    agencies = Agency.objects.count()
    with pytest.raises(CommandError, match="demo mode"):
        call_command("load_demo", persons=5, stdout=io.StringIO())
    with pytest.raises(DemoError):
        load_demo(persons=5)
    assert Agency.objects.count() == agencies


def test_demo_staff_cannot_sign_in_outside_demo_mode(demo, settings):
    settings.PASSWORD_HASHERS = HASHERS
    settings.DEMO_MODE = True
    assert authenticate(username="abh", password=DEMO_PASSWORD) is not None
    settings.DEMO_MODE = False
    assert authenticate(username="abh", password=DEMO_PASSWORD) is None


def test_loading_again_changes_nothing_and_prints_the_sign_ins(demo, settings):
    settings.DEMO_MODE = True
    out = io.StringIO()
    call_command("load_demo", persons=PERSONS + 50, stdout=out)
    assert persons(demo).count() == PERSONS
    assert "nothing changed" in out.getvalue()
    assert "jugendamt-fach" in out.getvalue()


def test_reset_deletes_the_audit_trail_and_reloads_the_same_people(demo, settings):
    settings.DEMO_MODE = True

    def snapshot():
        return list(
            persons(Agency.objects.get(slug=DEMO_SLUG))
            .order_by("id")
            .values_list("id", "given_names", "family_name", "birth_year", "birth_month", "birth_day", "name_index")
        )

    before = snapshot()
    # Audit entries cannot be deleted through the ORM; --reset must still get rid of them.
    AuditEntry.objects.create(agency=demo, actor=User.objects.get(username="abh"), action="search")
    call_command("load_demo", persons=PERSONS, reset=True, stdout=io.StringIO())
    assert snapshot() == before
    assert not AuditEntry.objects.filter(agency__slug=DEMO_SLUG).exists()


# --- the agency ----------------------------------------------------------------------------


def test_the_sign_in_table_is_printed(loaded):
    output = loaded[1]
    assert DEMO_PASSWORD in output
    for sign_in in SIGN_INS:
        assert sign_in.username in output


def test_offices_rooms_and_desks(demo):
    offices = Office.objects.filter(agency=demo)
    assert offices.count() == 14
    for office in offices:
        assert 1 <= office.desks.count() <= 6, office
        assert office.rooms.exists(), office
    assert {r.floor for r in demo.rooms.all()} == {0, 1}
    assert all(r.floor == 0 for r in Office.objects.get(agency=demo, code="empfang").rooms.all())


def test_staff_and_roles(demo):
    staff = User.objects.filter(agency=demo)
    assert 60 <= staff.count() <= 80
    assert all(u.is_demo and u.has_usable_password() for u in staff)
    assert not staff.filter(memberships__isnull=True).exists()
    memberships = Membership.objects.filter(user__agency=demo)
    for office in Office.objects.filter(agency=demo):
        assert memberships.filter(office=office, role__code="lead").count() == 1, office
    assert 4 <= memberships.filter(office__code="empfang", role__code="reception").count() <= 6
    assert memberships.filter(role__code="caseworker").count() > staff.count() / 2
    assert {m.office.code for m in memberships.filter(role__code="specialist")} >= {"abh", "jugendamt", "integration"}
    assert staff.get(username="admin").is_staff
    # Some staff work in two offices.
    assert staff.filter(memberships__office__code="integration").filter(memberships__office__code="ehrenamt").exists()


def test_every_sign_in_has_its_role(demo):
    for sign_in in SIGN_INS:
        user = User.objects.get(username=sign_in.username, agency=demo)
        assert Membership.objects.filter(user=user, office__code=sign_in.office, role__code=sign_in.role).exists()


def test_legal_bases_open_some_sections_but_never_the_jugendamt(demo):
    bases = LegalBasis.objects.filter(agency=demo)
    assert bases.filter(reader_office__code="jobcenter", section_office__code="abh").exists()
    assert bases.filter(reader_office__code="asylblg", section_office__code="unterkunft").exists()
    assert not bases.filter(section_office__code="jugendamt").exists()


def test_the_audit_log_is_empty_after_loading(demo):
    assert not AuditEntry.objects.filter(agency=demo).exists()


# --- persons -------------------------------------------------------------------------------


def test_birth_dates_are_stored_only_as_far_as_known(demo):
    people = persons(demo)
    assert people.count() == PERSONS
    assert not people.filter(birth_day__isnull=False, birth_month__isnull=True).exists()
    assert not people.filter(birth_month__isnull=False, birth_year__isnull=True).exists()
    year_only = people.filter(birth_year__isnull=False, birth_month__isnull=True).count()
    assert year_only >= 0.05 * PERSONS
    # An unknown date is never stored as an invented 1 January.
    assert not people.filter(birth_month=1, birth_day=1).exists()


def test_nationalities_are_valid_codes(demo):
    codes = list(Nationality.objects.filter(person__agency=demo).values_list("code", flat=True))
    assert all(is_valid_nationality(code) for code in codes)
    assert not persons(demo).filter(nationalities__isnull=True).exists()
    assert len(set(codes)) >= 8


def test_names_are_searchable_in_every_spelling(demo):
    people = persons(demo)
    assert not people.filter(name_index="").exists()
    for person in people.prefetch_related("alternative_names"):
        names = [person.given_names, person.family_name]
        names += [n for a in person.alternative_names.all() for n in (a.given_names, a.family_name)]
        for name in names:
            for token in fold_name(name).split():
                assert f" {token} " in person.name_index, (person, name)


def test_alternative_spellings_and_original_script_are_present(demo):
    alternatives = AlternativeName.objects.filter(person__agency=demo)
    assert alternatives.count() >= 20
    notes = " ".join(alternatives.values_list("note", flat=True))
    assert "vertauscht" in notes or "Reihenfolge" in notes
    people = persons(demo)
    assert people.exclude(given_names_original="").exists()
    assert people.filter(family_name="").exists() or alternatives.filter(family_name="").exists()


def test_households_are_coherent(demo):
    people = persons(demo)
    in_households = people.filter(household__isnull=False)
    assert 0.4 * PERSONS <= in_households.count() <= 0.8 * PERSONS
    households: dict = {}
    for person in in_households:
        households.setdefault(person.household_id, []).append(person)
    for members in households.values():
        assert 2 <= len(members) <= 7
        heads = [m for m in members if m.household_relation == Person.HouseholdRelation.HEAD]
        assert len(heads) == 1
        parents = [m for m in members if m.household_relation in {"head", "spouse"}]
        for child in (m for m in members if m.household_relation == Person.HouseholdRelation.CHILD):
            for parent in parents:
                if child.birth_year and parent.birth_year:
                    assert child.birth_year > parent.birth_year, (child, parent)
        if len(parents) == 2:
            assert parents[0].sex != parents[1].sex


def test_contact_data_for_most(demo):
    people = persons(demo)
    with_address = people.exclude(street="").count()
    assert 0.5 * PERSONS <= with_address <= 0.9 * PERSONS
    assert all(p.startswith("+") for p in people.exclude(phone="").values_list("phone", flat=True))


# --- the access policy on demo data --------------------------------------------------------


def _person_with(agency: Agency, office_code: str) -> Person:
    return persons(agency).filter(section_entries__office__code=office_code).first()


def test_the_demo_shows_each_path_of_the_access_policy(demo):
    abh, jugendamt = (Office.objects.get(agency=demo, code=c) for c in ("abh", "jugendamt"))
    person = _person_with(demo, "abh")
    by_law = access.section_access(User.objects.get(username="jobcenter"), person, abh)
    assert by_law.granted and "AufenthG" in by_law.basis
    assert not access.section_access(User.objects.get(username="jobcenter"), person, jugendamt).granted
    assert not access.section_access(User.objects.get(username="abh"), person, abh).special_categories
    assert access.section_access(User.objects.get(username="abh-fach"), person, abh).special_categories
    consent = Consent.objects.filter(agency=demo, section_office=jugendamt, withdrawn_at__isnull=True).first()
    if consent:  # not certain among 200 persons
        assert access.section_access(User.objects.get(username="integration"), consent.person, jugendamt).granted
