"""A merge moves what other apps keep about the merged person, and its undo moves it back."""

from __future__ import annotations

from kurzweg.cases import services
from kurzweg.cases.models import Case
from kurzweg.people import merging
from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Visit
from tests.conftest import make_person, make_staff, office, service


def test_cases_and_visits_follow_a_merge_and_its_undo(agency, house, abh_caseworker, receptionist_at_house):
    survivor = make_person(agency, given_names="Oleksandr", family_name="Shevchenko", birth_year=1990)
    merged = make_person(agency, given_names="Aleksandr", family_name="Schewtschenko", birth_year=1990)
    case = services.open_case(abh_caseworker, office(agency, "abh"), title="Aufenthalt", person=merged)
    visit = queue.issue_ticket(house, [service(agency, "abh-fiktion")], actor=receptionist_at_house, person=merged)
    steward = make_staff(agency, "datenpflege", ("leitung", "steward"))

    entry = merging.merge(steward, survivor, merged)
    assert Case.objects.get(pk=case.pk).person_id == survivor.pk
    assert Visit.objects.get(pk=visit.pk).person_id == survivor.pk

    merging.undo_merge(steward, entry)
    assert Case.objects.get(pk=case.pk).person_id == merged.pk
    assert Visit.objects.get(pk=visit.pk).person_id == merged.pk


def test_referrals_and_documents_follow_a_merge(agency, abh_caseworker, documents_dir):
    from kurzweg.cases import documents, referrals
    from kurzweg.cases.models import Document, Referral

    from .conftest import PDF, upload

    survivor = make_person(agency, given_names="Oleksandr", family_name="Shevchenko", birth_year=1990)
    merged = make_person(agency, given_names="Aleksandr", family_name="Schewtschenko", birth_year=1990)
    abh = office(agency, "abh")
    referral = referrals.refer(abh_caseworker, merged, from_office=abh, to_office=office(agency, "vhs"), reason="Kurs")
    document = documents.upload_document(
        abh_caseworker, merged, office=abh, kind="passport", upload=upload("p.pdf", PDF)
    )
    steward = make_staff(agency, "datenpflege", ("leitung", "steward"))
    entry = merging.merge(steward, survivor, merged)
    assert Referral.objects.get(pk=referral.pk).person_id == survivor.pk
    assert Document.objects.get(pk=document.pk).person_id == survivor.pk
    merging.undo_merge(steward, entry)
    assert Referral.objects.get(pk=referral.pk).person_id == merged.pk
