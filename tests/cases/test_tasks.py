"""Tasks and deadlines: worklists by urgency, automatic deadlines from data made once, and
reminders by e-mail that carry no personal data."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kurzweg.cases import access, deadlines, reminders, services
from kurzweg.cases.deadlines import LEAD_TIME
from kurzweg.cases.models import ResidenceStatus, Task
from kurzweg.core.models import AuditEntry
from tests.conftest import client_for, make_staff, office

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def deadline_tasks(person):  # type: ignore[no-untyped-def]
    return Task.objects.filter(person=person, origin=Task.Origin.AUTOMATIC)


# Automatic deadlines -------------------------------------------------------------------------------


def test_an_expiring_permit_makes_a_task_for_the_abh_queue_8_weeks_before(person, permit):
    task = deadline_tasks(person).get()
    assert task.due_date == datetime.date(2026, 8, 5)  # 30.09.2026 − 56 days
    assert (task.office.code, task.assignee, task.status) == ("abh", None, "open")
    assert task.kind == Task.Kind.RESIDENCE_EXPIRY
    assert "30.09.2026" in task.display_title
    entry = AuditEntry.objects.get(object_type="task", object_id=str(task.pk))
    assert (entry.actor, entry.reason, entry.person_id) == (None, "automatic", person.pk)


def test_a_fiktionsbescheinigung_makes_one_too_other_statuses_do_not(person, abh_caseworker):
    for kind in ("gestattung", "duldung", "niederlassung", "freizuegigkeit", "visum", "other"):
        services.record_residence_status(
            abh_caseworker, person, kind=kind, valid_until=datetime.date(2026, 12, 1), today=TODAY
        )
    assert not deadline_tasks(person).exists()
    services.record_residence_status(
        abh_caseworker, person, kind="fiktion", valid_until=datetime.date(2026, 4, 20), today=TODAY
    )
    assert deadline_tasks(person).get().due_date == datetime.date(2026, 2, 23)  # already overdue on TODAY


def test_the_job_makes_each_deadline_once_and_not_again_after_it_was_done(agency, person, abh_caseworker):
    # Recorded by an import: no task yet.
    ResidenceStatus.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "abh"),
        kind="erlaubnis",
        valid_until=datetime.date(2026, 7, 1),
        recorded_by=abh_caseworker,
    )
    assert deadlines.make_deadline_tasks(agency.pk, today=TODAY) == {
        "made": 1,
        "existing": 0,
        "consent_made": 0,
        "consent_existing": 0,
        "consent_cancelled": 0,
    }
    assert deadlines.make_deadline_tasks(agency.pk, today=TODAY) == {
        "made": 0,
        "existing": 1,
        "consent_made": 0,
        "consent_existing": 0,
        "consent_cancelled": 0,
    }
    task = deadline_tasks(person).get()
    assert task.due_date == datetime.date(2026, 5, 6)
    services.complete_task(abh_caseworker, task)
    deadlines.make_deadline_tasks(agency.pk, today=TODAY)
    assert deadline_tasks(person).count() == 1


def test_no_deadline_for_an_expired_status_or_for_an_older_one(agency, person, abh_caseworker):
    ResidenceStatus.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "abh"),
        kind="erlaubnis",
        valid_until=datetime.date(2026, 3, 1),
        recorded_by=abh_caseworker,
    )
    assert deadlines.make_deadline_tasks(agency.pk, today=TODAY)["made"] == 0  # expired yesterday
    newer = ResidenceStatus.objects.create(
        agency=agency, person=person, office=office(agency, "abh"), kind="niederlassung", recorded_by=abh_caseworker
    )
    older = ResidenceStatus.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "abh"),
        kind="erlaubnis",
        valid_until=datetime.date(2027, 1, 1),
        recorded_by=abh_caseworker,
        recorded_at=newer.recorded_at - datetime.timedelta(days=1),
    )
    assert older.pk > newer.pk
    assert deadlines.make_deadline_tasks(agency.pk, today=TODAY)["made"] == 0


def test_a_new_status_cancels_the_open_deadline_of_the_old_one(person, permit, abh_caseworker):
    old_task = deadline_tasks(person).get()
    services.record_residence_status(
        abh_caseworker,
        person,
        kind="erlaubnis",
        legal_paragraph="§ 25 Abs. 2 AufenthG",
        valid_until=datetime.date(2028, 9, 30),
        today=TODAY,
    )
    old_task.refresh_from_db()
    assert old_task.status == Task.Status.CANCELLED
    assert deadline_tasks(person).get(status="open").due_date == datetime.date(2028, 8, 5)


def test_the_background_jobs_make_deadlines_and_send_reminders(agency, person, abh_caseworker, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from kurzweg.cases.tasks import make_deadline_tasks, send_task_reminders

    abh_caseworker.email = "anna@example.org"
    abh_caseworker.save()
    soon = timezone.localdate() + LEAD_TIME + datetime.timedelta(days=1)
    ResidenceStatus.objects.create(
        agency=agency, person=person, office=office(agency, "abh"), kind="fiktion", valid_until=soon,
        recorded_by=abh_caseworker,
    )  # fmt: skip
    assert make_deadline_tasks.enqueue(agency.pk).return_value == {
        "made": 1,
        "existing": 0,
        "consent_made": 0,
        "consent_existing": 0,
        "consent_cancelled": 0,
    }
    assert send_task_reminders.enqueue(agency.pk).return_value == {"sent": 1, "skipped": 0}
    assert len(mail.outbox) == 1

    out = io.StringIO()
    call_command("enqueue_case_jobs", "--agency", agency.slug, stdout=out)
    assert "queued make_deadline_tasks" in out.getvalue() and "queued send_task_reminders" in out.getvalue()
    assert deadline_tasks(person).count() == 1  # nothing twice
    call_command("enqueue_case_jobs", "--now", stdout=out)
    assert deadline_tasks(person).count() == 1 and len(mail.outbox) == 1


# Worklists -----------------------------------------------------------------------------------------


def test_worklists_are_sorted_by_urgency(agency, person, abh_caseworker, abh_lead):
    abh = office(agency, "abh")
    today = datetime.date.today()
    later = services.create_task(
        abh_caseworker, abh, title="Später", due_date=today + datetime.timedelta(days=9), assignee=abh_caseworker
    )
    overdue = services.create_task(
        abh_caseworker,
        abh,
        title="Überfällig",
        due_date=today - datetime.timedelta(days=3),
        assignee=abh_caseworker,
        person=person,
    )
    soon = services.create_task(abh_caseworker, abh, title="Bald", due_date=today + datetime.timedelta(days=1))
    done = services.create_task(abh_caseworker, abh, title="Erledigt", due_date=today, assignee=abh_caseworker)
    services.complete_task(abh_caseworker, done)
    lead_task = services.create_task(abh_lead, abh, title="Leitung", due_date=today, assignee=abh_lead)

    assert list(access.my_tasks(abh_caseworker)) == [overdue, later]
    assert list(access.office_tasks(abh_caseworker, abh)) == [overdue, lead_task, soon, later]
    response = client_for(abh_caseworker).get(reverse("cases:tasks"))
    body = response.content.decode()
    assert body.index("Überfällig") < body.index("Später")
    assert "überfällig" in body.lower() and "Leitung" not in body


def test_the_office_worklist_is_for_the_office_staff(agency, abh_caseworker, jobcenter_caseworker, receptionist):
    url = reverse("cases:office_tasks", args=["abh"])
    assert client_for(abh_caseworker).get(url).status_code == 200
    assert client_for(jobcenter_caseworker).get(url).status_code == 403
    assert client_for(receptionist).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        access.office_tasks(jobcenter_caseworker, office(agency, "abh"))


def test_a_task_is_assigned_within_its_office_and_the_assignee_finishes_it(
    agency, abh_caseworker, jobcenter_caseworker
):
    abh = office(agency, "abh")
    with pytest.raises(services.CaseChangeRefused):
        services.create_task(abh_caseworker, abh, title="x", due_date=TODAY, assignee=jobcenter_caseworker)
    task = services.create_task(abh_caseworker, abh, title="Akte prüfen", due_date=TODAY)
    client = client_for(abh_caseworker)
    assert client.post(reverse("cases:task", args=[task.pk]), {"assignee": abh_caseworker.pk}).status_code == 302
    assert client.post(reverse("cases:task_done", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert (task.assignee, task.status, task.finished_by) == (abh_caseworker, "done", abh_caseworker)
    with pytest.raises(services.CaseChangeRefused):
        services.cancel_task(abh_caseworker, task)


def test_the_new_task_form_keeps_what_was_typed(agency, person, abh_caseworker, jobcenter_caseworker):
    url = reverse("cases:task_new") + f"?person={person.pk}"
    response = client_for(abh_caseworker).post(
        url, {"title": "Rückruf", "office": office(agency, "abh").pk, "assignee": "", "due_date": ""}
    )
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert 'value="Rückruf"' in response.content.decode()
    response = client_for(abh_caseworker).post(
        url, {"title": "Rückruf", "office": office(agency, "abh").pk, "assignee": "", "due_date": "2026-03-09"}
    )
    task = Task.objects.get(title="Rückruf")
    assert response["Location"] == reverse("cases:task", args=[task.pk])
    assert (task.person, task.assignee, task.created_by) == (person, None, abh_caseworker)


# Reminders -----------------------------------------------------------------------------------------


# make_deadline_tasks also reports the "consent to renew" tasks (see test_consent_deadlines.py).
NO_CONSENT_TASKS = {"consent_made": 0, "consent_existing": 0, "consent_cancelled": 0}


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KURZWEG_BASE_URL = "https://kurzweg.example"
    return mail.outbox


def test_reminders_carry_a_link_and_no_personal_data(agency, person, abh_caseworker, mailbox):
    abh_caseworker.email = "anna.berger@example.org"
    abh_caseworker.save()
    task = services.create_task(
        abh_caseworker,
        office(agency, "abh"),
        title="Ahmadi anrufen wegen Pass",
        due_date=TODAY + datetime.timedelta(days=2),
        person=person,
        assignee=abh_caseworker,
    )

    assert reminders.send_reminders(agency.pk, today=TODAY) == {"sent": 1, "skipped": 0}
    (message,) = mailbox
    assert message.to == ["anna.berger@example.org"]
    assert f"https://kurzweg.example/tasks/{task.pk}/" in message.body
    text = message.subject + message.body
    for personal in ("Ahmadi", "Mohammad", "Pass", "1995", str(person.pk)):
        assert personal not in text


def test_each_task_is_reminded_once_when_due_soon_and_once_when_overdue(agency, person, abh_caseworker, mailbox):
    make_staff(agency, "abh2", ("abh", "caseworker"), email="abh2@example.org")
    make_staff(agency, "abh3", ("abh", "caseworker"), email="abh3@example.org")
    make_staff(agency, "jc", ("jobcenter", "caseworker"), email="jc@example.org")
    services.create_task(abh_caseworker, office(agency, "abh"), title="Queue", due_date=datetime.date(2026, 3, 4))
    services.create_task(abh_caseworker, office(agency, "abh"), title="Far", due_date=datetime.date(2026, 4, 1))

    reminders.send_reminders(agency.pk, today=TODAY)
    reminders.send_reminders(agency.pk, today=TODAY)
    assert len(mailbox) == 1
    assert sorted(mailbox[0].to) == ["abh2@example.org", "abh3@example.org"]  # the office's staff

    reminders.send_reminders(agency.pk, today=datetime.date(2026, 3, 5))
    reminders.send_reminders(agency.pk, today=datetime.date(2026, 3, 6))
    assert len(mailbox) == 2
    assert "overdue" in mailbox[1].subject or "überfällig" in mailbox[1].subject


def test_no_reminder_for_finished_tasks(agency, abh_caseworker, mailbox):
    abh_caseworker.email = "anna@example.org"
    abh_caseworker.save()
    task = services.create_task(
        abh_caseworker, office(agency, "abh"), title="x", due_date=TODAY, assignee=abh_caseworker
    )
    services.cancel_task(abh_caseworker, task)
    assert reminders.send_reminders(agency.pk, today=TODAY)["sent"] == 0
    assert mailbox == []
