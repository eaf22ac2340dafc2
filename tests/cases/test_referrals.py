"""Referrals: every state change, who may make it, what the receiving office may read while the
referral is active, the consent check (refused, recorded in the flow, overridden with a
permission and a reason), and the hand-over at the service point."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kurzweg.cases import referrals, services
from kurzweg.cases.access import ReferralAccess, accesses_for, shared_data
from kurzweg.cases.models import Referral, ReferralEvent, Task
from kurzweg.cases.timeline import timeline
from kurzweg.core.models import AuditEntry
from kurzweg.people import services as people_services
from kurzweg.people.models import Consent, SectionEntry
from tests.conftest import client_for, grant, office

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobcenter_file(person, jobcenter_caseworker):  # type: ignore[no-untyped-def]
    """The Jobcenter's section of the person's file: a note, a case and a task."""
    agency = person.agency
    jobcenter = office(agency, "jobcenter")
    SectionEntry.objects.create(
        agency=agency, person=person, office=jobcenter, title="Profiling", text="Deutsch A2, Pflegehelfer",
        created_by=jobcenter_caseworker,
    )  # fmt: skip
    case = services.open_case(jobcenter_caseworker, jobcenter, title="Eingliederung", person=person)
    services.create_task(
        jobcenter_caseworker, jobcenter, title="Bewerbung prüfen", due_date=datetime.date(2099, 1, 1), person=person
    )
    return case


def _consent(user, person, to="vhs", **extra):  # type: ignore[no-untyped-def]
    return people_services.record_consent(
        user,
        person,
        section_office=office(person.agency, "jobcenter"),
        recipient_office=office(person.agency, to),
        form="written",
        **extra,
    )


def _refer(user, person, parts=("entries", "cases"), **extra):  # type: ignore[no-untyped-def]
    return referrals.refer(
        user,
        person,
        from_office=office(person.agency, "jobcenter"),
        to_office=office(person.agency, "vhs"),
        reason="Integrationskurs B1",
        parts=parts,
        **extra,
    )


def _vhs_reads(user, person) -> bool:  # type: ignore[no-untyped-def]
    return accesses_for(user, person)[office(person.agency, "jobcenter").pk].granted


# --- the consent check ------------------------------------------------------------------------


def test_passing_data_without_consent_is_refused(person, jobcenter_caseworker, jobcenter_file):
    with pytest.raises(referrals.ConsentMissing):
        _refer(jobcenter_caseworker, person)
    assert not Referral.objects.exists()


def test_a_referral_without_data_needs_no_consent_and_opens_nothing(
    person, jobcenter_caseworker, vhs_caseworker, jobcenter_file
):
    referral = _refer(jobcenter_caseworker, person, parts=())
    assert (referral.status, referral.consent, referral.parts) == ("requested", None, [])
    assert not _vhs_reads(vhs_caseworker, person)
    assert shared_data(vhs_caseworker, referral) is None


def test_with_consent_the_receiving_office_reads_exactly_the_parts_passed(
    person, jobcenter_caseworker, vhs_caseworker, jobcenter_file
):
    consent = _consent(jobcenter_caseworker, person)
    # (The consent alone already opens the section; withdraw it to see what the referral adds.)
    referral = _refer(jobcenter_caseworker, person, parts=("cases",))
    assert referral.consent == consent
    data = shared_data(vhs_caseworker, referral)
    assert data is not None and [c.title for c in data.cases] == ["Eingliederung"] and data.entries == []
    read = AuditEntry.objects.filter(actor=vhs_caseworker, action="read_section", object_type="referral").get()
    assert read.reason == f"consent:{consent.pk}"


def test_an_override_needs_the_permission_and_a_reason_and_is_audited(
    person, jobcenter_caseworker, vhs_caseworker, jobcenter_file, monkeypatch
):
    with pytest.raises(PermissionDenied):
        _refer(jobcenter_caseworker, person, override_reason="Gefahr im Verzug")
    grant("may_override_consent", jobcenter_caseworker)
    with pytest.raises(referrals.ConsentMissing):
        _refer(jobcenter_caseworker, person, override_reason="   ")
    referral = _refer(jobcenter_caseworker, person, override_reason="Gefahr im Verzug")
    assert referral.override_reason == "Gefahr im Verzug" and referral.consent is None
    entry = AuditEntry.objects.get(actor=jobcenter_caseworker, reason="consent_override")
    assert (entry.object_id, entry.section_office) == (str(referral.pk), office(person.agency, "jobcenter"))

    # The Volkshochschule reads exactly the notes and the case, through the referral: not the task.
    access = accesses_for(vhs_caseworker, person)[office(person.agency, "jobcenter").pk]
    assert isinstance(access, ReferralAccess) and access.parts == {"entries", "cases"}
    assert access.audit_reason == f"referral:{referral.pk}"
    entries = timeline(vhs_caseworker, person).entries
    assert {e.kind for e in entries if e.office.code == "jobcenter"} == {"case", "note"}
    assert {e.kind for e in entries if e.office.code == "vhs"} == {"referral"}
    # The Jobcenter's referrals elsewhere are not passed to the Volkshochschule.
    referrals.refer(
        jobcenter_caseworker,
        person,
        from_office=office(person.agency, "jobcenter"),
        to_office=office(person.agency, "jugendamt"),
        reason="Hilfe zur Erziehung prüfen",
    )
    assert len([e for e in timeline(vhs_caseworker, person).entries if e.kind == "referral"]) == 1
    assert len([e for e in timeline(jobcenter_caseworker, person).entries if e.kind == "referral"]) == 2
    page = client_for(vhs_caseworker).get(reverse("cases:referral", args=[referral.pk])).content.decode()
    assert "Deutsch A2, Pflegehelfer" in page and "Eingliederung" in page and "Bewerbung prüfen" not in page
    assert AuditEntry.objects.filter(
        actor=vhs_caseworker, action="read_section", reason=f"referral:{referral.pk}"
    ).exists()
    task = Task.objects.get(title="Bewerbung prüfen")
    assert client_for(vhs_caseworker).get(reverse("cases:task", args=[task.pk])).status_code == 403


def test_recording_the_consent_in_the_flow(person, jobcenter_caseworker, vhs_caseworker, jobcenter_file):
    until = datetime.date(2030, 12, 31)
    referral = referrals.refer_with_consent(
        jobcenter_caseworker,
        person,
        from_office=office(person.agency, "jobcenter"),
        to_office=office(person.agency, "vhs"),
        reason="Integrationskurs",
        parts=["entries"],
        consent_form="written",
        consent_valid_until=until,
        consent_language="ar",
        today=datetime.date(2026, 3, 2),
    )
    consent = referral.consent
    assert consent is not None and (consent.valid_until, consent.language, consent.purpose) == (
        until,
        "ar",
        "share_section",
    )
    # The consent to renew is a deadline of the Jobcenter, 4 weeks before it ends.
    task = Task.objects.get(kind="consent_renewal")
    assert (task.office.code, task.due_date) == ("jobcenter", datetime.date(2030, 12, 3))


# --- state changes ------------------------------------------------------------------------------


@pytest.fixture
def referral(person, jobcenter_caseworker, jobcenter_file):  # type: ignore[no-untyped-def]
    _consent(jobcenter_caseworker, person)
    return _refer(jobcenter_caseworker, person)


def _history(referral) -> list[str]:  # type: ignore[no-untyped-def]
    return list(ReferralEvent.objects.filter(referral=referral).values_list("status", flat=True))


def test_requested_accepted_done(referral, vhs_caseworker, jobcenter_caseworker):
    with pytest.raises(PermissionDenied):
        referrals.accept(jobcenter_caseworker, referral)  # the referring office does not accept
    with pytest.raises(referrals.ReferralRefused):
        referrals.finish(vhs_caseworker, referral)  # not before it is accepted
    referrals.accept(vhs_caseworker, referral)
    referrals.finish(vhs_caseworker, referral)
    referral.refresh_from_db()
    assert referral.status == "done"
    assert _history(referral) == ["requested", "accepted", "done"]
    assert AuditEntry.objects.filter(object_type="referral", action="update").count() == 2
    with pytest.raises(referrals.ReferralRefused):
        referrals.revoke(jobcenter_caseworker, referral)


def test_declined_needs_a_reason(referral, vhs_caseworker, jobcenter_caseworker):
    with pytest.raises(referrals.ReferralRefused):
        referrals.decline(vhs_caseworker, referral, "  ")
    referrals.decline(vhs_caseworker, referral, "Kurs ausgebucht")
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "Kurs ausgebucht")
    with pytest.raises(referrals.ReferralRefused):
        referrals.accept(vhs_caseworker, referral)
    assert _history(referral) == ["requested", "declined"]


@pytest.mark.parametrize("accepted_first", [False, True])
def test_revoked_by_the_referring_office_only(referral, vhs_caseworker, jobcenter_caseworker, accepted_first):
    if accepted_first:
        referrals.accept(vhs_caseworker, referral)
    with pytest.raises(PermissionDenied):
        referrals.revoke(vhs_caseworker, referral)
    referrals.revoke(jobcenter_caseworker, referral)
    referral.refresh_from_db()
    assert referral.status == "revoked"


@pytest.mark.parametrize(
    "end",
    [
        lambda r, vhs, jc: referrals.decline(vhs, r, "nein"),
        lambda r, vhs, jc: (referrals.accept(vhs, r), referrals.finish(vhs, r)),
        lambda r, vhs, jc: referrals.revoke(jc, r),
    ],
    ids=["declined", "done", "revoked"],
)
def test_access_ends_with_the_referral(person, vhs_caseworker, jobcenter_caseworker, jobcenter_file, monkeypatch, end):
    grant("may_override_consent", jobcenter_caseworker)
    referral = _refer(jobcenter_caseworker, person, override_reason="Eilfall")
    assert _vhs_reads(vhs_caseworker, person)
    end(referral, vhs_caseworker, jobcenter_caseworker)
    assert not _vhs_reads(vhs_caseworker, person)
    referral.refresh_from_db()
    assert shared_data(vhs_caseworker, referral) is None
    assert client_for(vhs_caseworker).get(reverse("cases:case", args=[jobcenter_file.pk])).status_code == 403


def test_withdrawing_the_consent_stops_the_referral_passing_data_at_once(
    person, referral, vhs_caseworker, jobcenter_caseworker
):
    client = client_for(vhs_caseworker)
    client.cookies["django_language"] = "en"
    url = reverse("cases:referral", args=[referral.pk])
    assert "Deutsch A2, Pflegehelfer" in client.get(url).content.decode()
    people_services.withdraw_consent(jobcenter_caseworker, referral.consent)
    page = client.get(url).content.decode()
    assert "Deutsch A2, Pflegehelfer" not in page
    assert "no longer passed" in page
    assert not _vhs_reads(vhs_caseworker, person)
    assert not [e for e in timeline(vhs_caseworker, person).entries if e.kind == "case"]


def test_an_ended_consent_stops_the_referral_too(person, jobcenter_caseworker, vhs_caseworker, jobcenter_file):
    consent = _consent(jobcenter_caseworker, person, valid_until=datetime.date.today())
    _refer(jobcenter_caseworker, person)
    assert _vhs_reads(vhs_caseworker, person)
    Consent.objects.filter(pk=consent.pk).update(valid_until=datetime.date.today() - datetime.timedelta(days=1))
    assert not _vhs_reads(vhs_caseworker, person)


# --- pages ---------------------------------------------------------------------------------------


def test_the_referral_form_offers_the_consent_step_and_records_it(
    person, jobcenter_caseworker, vhs_caseworker, jobcenter_file
):
    client = client_for(jobcenter_caseworker)
    client.cookies["django_language"] = "en"
    url = reverse("cases:referral_new", args=[person.pk])
    data = {
        "from_office": office(person.agency, "jobcenter").pk,
        "to_office": office(person.agency, "vhs").pk,
        "reason": "Integrationskurs B1",
        "parts": ["entries", "cases"],
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "has not agreed" in page and 'name="consent_action" value="record"' in page
    assert 'value="override"' not in page  # no permission to override
    response = client.post(
        url, data | {"consent_action": "record", "consent_form": "written", "consent_language": "ar"}
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:referral", args=[referral.pk])
    assert referral.consent is not None and referral.consent.language == "ar"
    page = client.get(response["Location"]).content.decode()
    assert reverse("cases:consent_print", args=[person.pk, referral.consent_id]) in page

    # The Volkshochschule sees it in its inbox, the Jobcenter in its outgoing list.
    vhs = client_for(vhs_caseworker)
    inbox = vhs.get(reverse("cases:referrals"))
    assert [r.pk for r in inbox.context["incoming"]] == [referral.pk] and inbox.context["outgoing"] == []
    outbox = client.get(reverse("cases:referrals"))
    assert [r.pk for r in outbox.context["outgoing"]] == [referral.pk] and outbox.context["incoming"] == []
    # Accepting through the page.
    assert vhs.post(reverse("cases:referral_accept", args=[referral.pk])).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_a_hand_over_of_a_registered_visitor_creates_a_referral(
    house, agency, person, receptionist_at_house, jobcenter_desk_3, jobcenter_caseworker
):
    from kurzweg.servicepoint import queue
    from tests.conftest import service

    queue.issue_ticket(house, [service(agency, "jobcenter-antrag")], actor=receptionist_at_house, person=person)
    queue.call_next(jobcenter_desk_3)
    client = client_for(jobcenter_caseworker)
    target = service(agency, "integration-beratung")
    response = client.post(
        reverse("servicepoint:desk-handover"), {"service": target.pk, "note": "Beratung zum Integrationskurs"}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.from_office.code, referral.to_office.code, referral.origin, referral.parts) == (
        "jobcenter",
        "integration",
        "hand_over",
        [],
    )
    assert referral.reason == "Beratung zum Integrationskurs" and referral.person == person
