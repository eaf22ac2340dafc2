"""Case management for a few demo persons: cases with their history, residence statuses, tasks
(one made from data, as the nightly job would), notes, referrals between offices with and without
data passed, and appointments — the way an integration runs across offices over a year or two.
So the timeline of these persons shows what it is for, and each office sees its own part of it.

Rows are written directly, with their dates in the past, and without audit entries: nothing here
was done by a member of staff (see kurzweg.demo). The stories follow real paths: an asylum
procedure ending in a residence permit, benefits moving from the AsylbLG to the Jobcenter, an
integration course with the Volkshochschule, recognition of a qualification; protection under
§ 24 AufenthG with a childcare place for the child; an EU citizen looking for work; an
unaccompanied minor taken into care.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kurzweg.cases import deadlines
from kurzweg.cases.models import (
    RESIDENCE_LEAD_TIME,
    Case,
    CaseEvent,
    Plan,
    PlanEvent,
    PlanGoal,
    PlanStep,
    Referral,
    ReferralEvent,
    ResidenceStatus,
    Task,
    legal_area_of,
)
from kurzweg.core.models import Office, User
from kurzweg.people.models import Consent, Person, SectionEntry
from kurzweg.servicepoint.models import Appointment, Service, ServicePoint

from .persons import EU, REFUGEES, Draft


@dataclass
class Story:
    """Writes one person's history; `days` are days before today (negative: in the future)."""

    person: Person
    staff: dict[tuple[str, str], list[User]]
    offices: dict[str, Office]
    today: datetime.date

    def at(self, days: int) -> datetime.datetime:
        day = self.today - datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8 + days % 8, (days * 7) % 60)))

    def who(self, code: str) -> User:
        """The office's demo sign-in caseworker (the first of them), or its lead."""
        return (self.staff.get((code, "caseworker")) or self.staff[(code, "lead")])[0]

    def case(self, code: str, title: str, days: int, *steps: tuple[int, str], closed: tuple[int, str] | None = None):  # type: ignore[no-untyped-def]
        office, owner = self.offices[code], self.who(code)
        case = Case.objects.create(
            agency_id=self.person.agency_id,
            office=office,
            legal_area=legal_area_of(office),
            person=self.person,
            title=title,
            owner=owner,
            opened_at=self.at(days),
            opened_by=owner,
        )
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.OPENED, at=self.at(days), actor=owner, to_status="open")
        status: str = Case.Status.OPEN
        for step_days, to in steps:
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.STATUS,
                at=self.at(step_days),
                actor=owner,
                from_status=status,
                to_status=to,
            )
            status = to
        if closed is not None:
            closed_days, reason = closed
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.CLOSED,
                at=self.at(closed_days),
                actor=owner,
                from_status=status,
                to_status="closed",
                close_reason=reason,
            )
            case.close_reason, case.closed_at, status = reason, self.at(closed_days), Case.Status.CLOSED
        case.status = status
        case.save(update_fields=["status", "close_reason", "closed_at"])
        return case

    def note(self, code: str, days: int, title: str, text: str = "") -> None:
        SectionEntry.objects.create(
            agency_id=self.person.agency_id,
            person=self.person,
            office=self.offices[code],
            title=title,
            text=text,
            created_at=self.at(days),
            created_by=self.who(code),
        )

    def task(
        self, code: str, title: str, days: int, due_in: int, *, done: bool = False, case: Case | None = None
    ) -> None:
        Task.objects.create(
            agency_id=self.person.agency_id,
            office=self.offices[code],
            person=self.person,
            case=case,
            title=title,
            assignee=self.who(code),
            due_date=self.today + datetime.timedelta(days=due_in),
            status=Task.Status.DONE if done else Task.Status.OPEN,
            created_at=self.at(days),
            created_by=self.who(code),
            finished_at=self.at(max(days - 5, 0)) if done else None,
            finished_by=self.who(code) if done else None,
        )

    def residence(self, kind: str, paragraph: str, days: int, valid_days: int | None) -> ResidenceStatus:
        start = self.today - datetime.timedelta(days=days)
        status = ResidenceStatus.objects.create(
            agency_id=self.person.agency_id,
            person=self.person,
            office=self.offices["abh"],
            kind=kind,
            legal_paragraph=paragraph,
            valid_from=start,
            valid_until=start + datetime.timedelta(days=valid_days) if valid_days else None,
            recorded_at=self.at(days),
            recorded_by=self.who("abh"),
        )
        if deadlines.needs_expiry_task(status, self.today):
            # What the nightly job (enqueue_case_jobs) would have made from the data.
            assert status.valid_until is not None
            Task.objects.create(
                agency_id=self.person.agency_id,
                office=self.offices["abh"],
                person=self.person,
                kind=Task.Kind.RESIDENCE_EXPIRY,
                origin=Task.Origin.AUTOMATIC,
                source_key=deadlines.residence_source_key(status),
                due_date=status.valid_until - RESIDENCE_LEAD_TIME,
                # made on the night it fell due (or now, if it falls due later)
                created_at=self.at(max((self.today - (status.valid_until - RESIDENCE_LEAD_TIME)).days, 0)),
            )
        return status

    def refer(
        self, source: str, to: str, reason: str, days: int, *moves: tuple[int, str], parts: tuple[str, ...] = ()
    ) -> None:  # type: ignore[no-untyped-def]
        consent = None
        if parts:  # data passes only with the person's consent, recorded by the referring office
            consent = Consent.objects.create(
                agency_id=self.person.agency_id,
                person=self.person,
                section_office=self.offices[source],
                recipient_office=self.offices[to],
                recorded_by=self.who(source),
                given_at=self.at(days + 1),
            )
        referral = Referral.objects.create(
            agency_id=self.person.agency_id,
            person=self.person,
            from_office=self.offices[source],
            to_office=self.offices[to],
            reason=reason,
            parts=list(parts),
            consent=consent,
            created_at=self.at(days),
            created_by=self.who(source),
            changed_at=self.at(moves[-1][0] if moves else days),
        )
        ReferralEvent.objects.create(referral=referral, status="requested", at=self.at(days), actor=self.who(source))
        for move_days, status in moves:
            actor = self.who(source if status == Referral.Status.REVOKED else to)
            ReferralEvent.objects.create(referral=referral, status=status, at=self.at(move_days), actor=actor)
            referral.status = status
        referral.save(update_fields=["status"])

    def plan(self, code: str, days: int, goals: list[tuple[str, int, list[tuple]]]) -> None:  # type: ignore[type-arg]
        """An integration plan kept by office `code`: goals with a target (days from today) and
        steps (title, office code or partner, status, due in days, index of the step it waits for)."""
        keeper = self.who(code)
        plan = Plan.objects.create(
            agency_id=self.person.agency_id,
            person=self.person,
            office=self.offices[code],
            created_at=self.at(days),
            created_by=keeper,
            changed_at=self.at(days),
        )
        PlanEvent.objects.create(plan=plan, kind=PlanEvent.Kind.CREATED, at=self.at(days), actor=keeper)
        made: list[PlanStep] = []
        for title, target_in, steps in goals:
            goal = PlanGoal.objects.create(
                plan=plan,
                title=title,
                target_date=self.today + datetime.timedelta(days=target_in),
                created_at=self.at(days),
            )
            for step_title, responsible, status, due_in, after in steps:
                office = self.offices.get(responsible)
                made.append(
                    PlanStep.objects.create(
                        plan=plan,
                        goal=goal,
                        title=step_title,
                        office=office,
                        partner="" if office else responsible,
                        owner=self.who(responsible) if office else None,
                        status=status,
                        due_date=self.today + datetime.timedelta(days=due_in),
                        depends_on=made[after] if after is not None else None,
                        created_at=self.at(days),
                        created_by=keeper,
                        changed_at=self.at(days),
                    )
                )

    def appointment(self, service_code: str, in_days: int, hour: int) -> None:
        service = Service.objects.filter(agency_id=self.person.agency_id, code=service_code).first()
        service_point = ServicePoint.objects.filter(agency_id=self.person.agency_id).first()
        if service is None or service_point is None:
            return
        day = self.today + datetime.timedelta(days=in_days)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        Appointment.objects.create(
            agency_id=self.person.agency_id,
            service_point=service_point,
            service=service,
            desk=service.desks.first(),
            starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))),
            minutes=service.expected_minutes,
            name=self.person.given_names,
            person=self.person,
            language="de",
        )


def refugee(s: Story) -> None:
    """Asylum procedure, recognition, residence permit; AsylbLG, then Jobcenter; course and recognition."""
    s.residence("gestattung", "§ 55 AsylG", 620, 180)
    s.note("abh", 618, "Aufenthaltsgestattung ausgestellt", "Asylantrag beim BAMF gestellt; Wohnsitzauflage Landkreis.")
    s.case("asylblg", "Leistungen nach § 3 AsylbLG", 615, (600, "in_progress"), closed=(300, "transferred"))
    s.note("unterkunft", 612, "Zuweisung Gemeinschaftsunterkunft", "Gemeinschaftsunterkunft Weißenfels, Zimmer 12.")
    s.refer("asylblg", "integration", "Erstberatung: Sprachkurs und Arbeit", 560, (555, "accepted"), (520, "done"))
    s.note(
        "integration",
        540,
        "Erstberatung durchgeführt",
        "Wunsch: Deutschkurs, Arbeit in der Pflege; Abschluss als Krankenpfleger.",
    )
    s.case(
        "abh",
        "Aufenthaltserlaubnis nach Anerkennung (§ 25 Abs. 2 AufenthG)",
        330,
        (320, "waiting"),
        (310, "in_progress"),
        closed=(300, "decided"),
    )
    s.residence("erlaubnis", "§ 25 Abs. 2 AufenthG", 300, 300 + 40)
    jobcenter = s.case("jobcenter", "Bürgergeld und Eingliederung in Arbeit", 295, (290, "in_progress"))
    s.note(
        "jobcenter",
        280,
        "Kooperationsplan abgeschlossen",
        "Ziel: Integrationskurs B1, danach Anerkennung und Arbeit in der Pflege.",
    )
    s.refer("jobcenter", "vhs", "Integrationskurs mit Ziel B1", 278, (270, "accepted"), parts=("entries", "cases"))
    s.case("vhs", "Integrationskurs (Module 1–6, Ziel B1)", 268, (240, "in_progress"))
    s.note("vhs", 262, "Einstufungstest", "Einstufung A2.")
    s.refer("integration", "bildung", "Anerkennung des Abschlusses als Krankenpfleger", 120, (110, "accepted"))
    s.case("bildung", "Anerkennung: Gesundheits- und Krankenpfleger", 110, (100, "waiting"))
    s.task("bildung", "Übersetzung des Diploms anfordern", 100, 12, case=None)
    s.task("jobcenter", "Kooperationsplan fortschreiben", 30, 14, case=jobcenter)
    s.task("jobcenter", "Nachweis Kursteilnahme anfordern", 90, -60, done=True, case=jobcenter)
    s.note("vhs", 20, "Deutsch-Test für Zuwanderer angemeldet", "Prüfung in sechs Wochen.")
    s.appointment("jobcenter-vermittlung", 6, 10)
    s.plan(
        "integration",
        280,
        [
            ("Deutsch B1", 120, [
                ("Integrationskurs Module 1–6", "vhs", "in_progress", 60, None),
                ("Deutsch-Test für Zuwanderer (B1)", "vhs", "planned", 110, 0),
            ]),
            ("Arbeit als Pflegefachkraft", 400, [
                ("Diplom übersetzen lassen (vereidigte Übersetzung)", "Übersetzungsbüro Halle", "done", -60, None),
                ("Anerkennung als Gesundheits- und Krankenpfleger", "bildung", "in_progress", 150, 2),
                ("Anpassungslehrgang oder Kenntnisprüfung", "Pflegeschule am Klinikum", "planned", 300, 3),
                ("Stellensuche in der Pflege", "jobcenter", "planned", 360, 4),
            ]),
        ],
    )  # fmt: skip


def protected(s: Story) -> None:
    """Temporary protection (§ 24 AufenthG), Jobcenter, childcare for the child, a course."""
    s.residence("erlaubnis", "§ 24 Abs. 1 AufenthG", 400, 730)
    s.note("abh", 400, "Aufenthaltserlaubnis nach § 24 AufenthG erteilt", "Vorübergehender Schutz; eAT beantragt.")
    s.note("unterkunft", 398, "Unterbringung bei Privatpersonen", "Privatunterkunft gemeldet.")
    jobcenter = s.case("jobcenter", "Bürgergeld (Rechtskreiswechsel)", 380, (370, "in_progress"))
    s.refer(
        "jobcenter", "jugendamt", "Kita-Platz, damit der Integrationskurs besucht werden kann", 200, (195, "accepted")
    )
    s.refer("jobcenter", "vhs", "Integrationskurs mit Kinderbetreuung", 199, (190, "accepted"), (60, "done"))
    s.case("vhs", "Integrationskurs mit Kinderbetreuung", 188, (150, "in_progress"), closed=(60, "decided"))
    s.note("vhs", 60, "Deutsch-Test für Zuwanderer bestanden", "DTZ B1 bestanden.")
    s.task("jobcenter", "Vermittlungsvorschlag besprechen", 10, 5, case=jobcenter)
    s.appointment("jobcenter-antrag", 3, 9)


def eu_citizen(s: Story) -> None:
    """Freedom of movement, looking for work with the Agentur für Arbeit, an employer contact."""
    s.residence("freizuegigkeit", "§ 2 FreizügG/EU", 240, None)
    s.note("abh", 240, "Freizügigkeit geprüft", "Anmeldung; Arbeitsuche nach § 2 Abs. 2 Nr. 1a FreizügG/EU.")
    afa = s.case("afa", "Arbeitsuche und Vermittlung", 230, (225, "in_progress"))
    s.note("afa", 225, "Arbeitsuchend gemeldet", "Erfahrung in der Lagerlogistik; Staplerschein vorhanden.")
    s.refer("afa", "wirtschaft", "Kontakt zu Arbeitgebern der Logistik", 90, (85, "accepted"), (30, "done"))
    s.note("wirtschaft", 40, "Arbeitgeberkontakt vermittelt", "Vorstellung bei einem Logistikunternehmen.")
    s.task("afa", "Rückmeldung des Arbeitgebers einholen", 25, 2, case=afa)


def minor(s: Story) -> None:
    """An unaccompanied minor: taken into care, toleration, school."""
    s.case("jugendamt", "Vorläufige Inobhutnahme (§ 42a SGB VIII)", 180, (179, "in_progress"))
    s.note("jugendamt", 179, "Vorläufige Inobhutnahme", "Unbegleitet eingereist; Clearingverfahren eingeleitet.")
    s.residence("duldung", "§ 60a AufenthG", 170, 180)
    s.refer("jugendamt", "bildung", "Schulanmeldung", 150, (148, "accepted"), (120, "done"))
    s.note("bildung", 121, "Schulanmeldung", "Angemeldet an der Sekundarschule, Sprachklasse.")
    s.task("jugendamt", "Hilfeplangespräch vorbereiten", 14, 7)


STORIES = [
    ("refugee", lambda d: d.nationality in REFUGEES and d.adult and 22 <= d.age <= 45, refugee),
    ("protected", lambda d: d.nationality == "UKR" and d.adult and d.person.household_id is not None, protected),
    ("eu", lambda d: d.nationality in EU and d.adult and d.age <= 55, eu_citizen),
    ("minor", lambda d: d.nationality in REFUGEES and 14 <= d.age <= 17, minor),
]


def create_case_demo(
    drafts: list[Draft],
    staff: dict[tuple[str, str], list[User]],
    offices: dict[str, Office],
    today: datetime.date,
) -> list[Person]:
    """The stories, each for the first fitting demo person; returns those persons."""
    chosen: list[Person] = []
    for _name, fits, tell in STORIES:
        draft = next((d for d in drafts if fits(d) and d.person not in chosen), None)
        if draft is None:  # a very small demo may have nobody fitting
            continue
        tell(Story(draft.person, staff, offices, today))
        chosen.append(draft.person)
    return chosen
