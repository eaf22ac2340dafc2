"""Entries in the offices' sections of person files, and consents, so that the demo shows every
path of the access policy: own office, legal basis, consent, consent withdrawn, special categories
(health, asylum reasons, religion) that only some roles may read."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kurzweg.core.models import Office, User
from kurzweg.people.models import Consent, SectionEntry

from . import places
from .persons import EU, REFUGEES, Draft
from .timestamps import set_timestamps

H, A, REL = "health", "asylum", "religion"


def _who(d: Draft) -> set[str]:
    """The groups a person belongs to, for choosing fitting entries."""
    groups = {"all"}
    groups.add("eu" if d.nationality in EU else "non_eu")
    if d.nationality in REFUGEES:
        groups.add("refugee")
    if d.nationality == "UKR":
        groups.add("ukr")
    if d.adult:
        groups.add("adult")
        if d.age < 65:
            groups.add("working_age")
        if d.person.sex == "F" and d.age < 43:
            groups.add("young_woman")
    else:
        groups.add("child")
        groups.add("small_child" if d.age <= 6 else "school_child")
        if d.person.household_id is None:
            groups.add("alone")  # an unaccompanied minor
    return groups


# office: (share of fitting persons with an entry, [(group, title, text, special category)])
TEMPLATES: dict[str, tuple[float, list[tuple[str, str, str, str]]]] = {
    "abh": (
        0.35,
        [
            (
                "non_eu",
                "Fiktionsbescheinigung ausgestellt",
                "Fiktionsbescheinigung nach § 81 Abs. 4 AufenthG bis {until} "
                "ausgestellt; Verlängerungsantrag liegt vor.",
                "",
            ),
            (
                "non_eu",
                "Aufenthaltserlaubnis verlängert",
                "Aufenthaltserlaubnis bis {until} verlängert, eAT beantragt.",
                "",
            ),
            (
                "ukr",
                "Aufenthaltserlaubnis nach § 24 AufenthG erteilt",
                "Vorübergehender Schutz; gültig bis {until}.",
                "",
            ),
            ("refugee", "Duldung verlängert", "Duldung nach § 60a AufenthG bis {until} verlängert.", ""),
            (
                "refugee",
                "Angaben zu den Fluchtgründen",
                "Schilderung der Verfolgung im Herkunftsland; Verweis auf den BAMF-Bescheid vom {date}.",
                A,
            ),
            (
                "refugee",
                "Ärztliches Attest zur Reisefähigkeit",
                "Attest vom {date} liegt vor; Reiseunfähigkeit bis {until}.",
                H,
            ),
            ("eu", "Freizügigkeit geprüft", "Anmeldung am {date}; Freizügigkeit nach § 2 FreizügG/EU.", ""),
        ],
    ),
    "asylblg": (
        0.3,
        [
            ("refugee", "Leistungen nach § 3 AsylbLG bewilligt", "Bewilligung ab {date}, Auszahlung monatlich.", ""),
            ("refugee", "Behandlungsschein ausgegeben", "Behandlungsschein nach § 4 AsylbLG für das Quartal.", H),
            ("young_woman", "Mehrbedarf wegen Schwangerschaft", "Mehrbedarf ab {date} bewilligt.", H),
        ],
    ),
    "unterkunft": (
        0.25,
        [
            ("refugee", "Zuweisung Gemeinschaftsunterkunft", "Gemeinschaftsunterkunft {town}, Zimmer {room}.", ""),
            ("refugee", "Umzug in eine Wohnung genehmigt", "Umzug in dezentrale Wohnung in {town} zum {date}.", ""),
            ("ukr", "Unterbringung bei Privatpersonen", "Privatunterkunft in {town} gemeldet am {date}.", ""),
        ],
    ),
    "integration": (
        0.12,
        [
            ("adult", "Erstberatung durchgeführt", "Beratung am {date}; Anliegen: Sprachkurs, Arbeit, Kita.", ""),
            ("adult", "Integrationsplan vereinbart", "Sprachkurs {level}, danach Anerkennungsberatung.", ""),
            (
                "refugee",
                "Seelsorgeangebot vermittelt",
                "Wunsch nach Kontakt zur Religionsgemeinschaft; vermittelt am {date}.",
                REL,
            ),
        ],
    ),
    "jobcenter": (
        0.15,
        [
            ("working_age", "Bürgergeld bewilligt", "Bewilligungszeitraum bis {until}.", ""),
            ("working_age", "Kooperationsplan abgeschlossen", "Ziel: Arbeitsaufnahme nach Sprachkurs {level}.", ""),
            ("working_age", "Vermittlungsvorschlag", "Vorschlag Lagerlogistik in {town} vom {date}.", ""),
        ],
    ),
    "afa": (
        0.07,
        [
            ("working_age", "Arbeitsuchend gemeldet", "Meldung am {date}; Profiling durchgeführt.", ""),
            ("non_eu", "Zustimmung zur Beschäftigung", "Zustimmung nach § 39 AufenthG für Helfer im Weinbau.", ""),
            ("working_age", "Berufsberatung", "Beratung zur Ausbildung als Pflegefachkraft am {date}.", ""),
        ],
    ),
    "wirtschaft": (
        0.02,
        [
            ("working_age", "Arbeitgeberkontakt vermittelt", "Vorstellung bei einem Weingut in {town} am {date}.", ""),
        ],
    ),
    "jugendamt": (
        0.25,
        [
            (
                "alone",
                "Vorläufige Inobhutnahme",
                "Unbegleitet eingereist; vorläufige Inobhutnahme nach § 42a SGB VIII am {date}.",
                "",
            ),
            ("small_child", "Kita-Bedarf festgestellt", "Bedarf an einem Kita-Platz in {town} ab {until}.", ""),
            ("child", "Hilfeplangespräch", "Hilfeplangespräch nach § 36 SGB VIII am {date}.", ""),
            (
                "small_child",
                "Frühförderung empfohlen",
                "Entwicklungsverzögerung laut Kinderarzt; Frühförderung empfohlen.",
                H,
            ),
        ],
    ),
    "vhs": (
        0.12,
        [
            ("adult", "Einstufungstest", "Einstufung {level} am {date}.", ""),
            ("adult", "Integrationskurs angemeldet", "Integrationskurs Modul {level}, Beginn {until}.", ""),
            ("adult", "Deutsch-Test für Zuwanderer bestanden", "DTZ B1 bestanden am {date}.", ""),
        ],
    ),
    "bildung": (
        0.06,
        [
            ("school_child", "Schulanmeldung", "Angemeldet an der Grundschule {town} am {date}.", ""),
            (
                "adult",
                "Anerkennungsberatung",
                "Berufsabschluss aus dem Herkunftsland; Antrag auf Anerkennung gestellt.",
                "",
            ),
        ],
    ),
    "sport": (
        0.05,
        [("school_child", "Vereinsmitgliedschaft vermittelt", "Fußballverein in {town}; Beitrag übernommen.", "")],
    ),
    "ehrenamt": (
        0.03,
        [
            ("all", "Patenschaft vermittelt", "Ehrenamtliche Patin in {town} seit {date}.", ""),
            ("adult", "Dolmetschbegleitung", "Begleitung zu einem Behördentermin am {date}.", ""),
        ],
    ),
}

# (section office, recipient office, share of persons with an entry there, special categories, withdrawn)
CONSENTS: list[tuple[str, str, float, bool, bool]] = [
    ("jugendamt", "integration", 0.3, False, False),
    ("jugendamt", "ehrenamt", 0.05, False, True),
    ("abh", "integration", 0.05, True, False),
    ("asylblg", "unterkunft", 0.05, True, False),
    ("jobcenter", "integration", 0.05, False, False),
]


def _date(d: datetime.date) -> str:
    return d.strftime("%d.%m.%Y")


def create_files(
    drafts: list[Draft],
    staff: dict[tuple[str, str], list[User]],
    offices: dict[str, Office],
    rng: random.Random,
    today: datetime.date,
) -> tuple[int, int]:
    """Section entries and consents; returns how many of each."""
    writers = {
        code: staff.get((code, "caseworker"), []) + staff.get((code, "specialist"), []) + staff[(code, "lead")]
        for code in TEMPLATES
    }
    # Entries in a special category are written by staff whose role may read them.
    special_writers = {code: staff.get((code, "specialist"), []) + staff[(code, "lead")] for code in TEMPLATES}
    entries: list[tuple[SectionEntry, datetime.datetime]] = []
    for draft in drafts:
        groups = _who(draft)
        for code, (share, templates) in TEMPLATES.items():
            fitting = [t for t in templates if t[0] in groups]
            if not fitting or rng.random() >= share:
                continue
            for _ in range(rng.choice((1, 1, 1, 2))):
                _, title, text, special = rng.choice(fitting)
                author = rng.choice(special_writers[code] if special else writers[code])
                entries.append(_entry(draft, offices[code], title, text, special, author, rng, today))
    SectionEntry.objects.bulk_create([e for e, _ in entries], batch_size=500)
    # created_at is set on insert (auto_now_add); spread the entries over the past two and a half years.
    set_timestamps(SectionEntry, ["created_at"], [(e.pk, at) for e, at in entries])
    consents = _consents(entries, writers, offices, rng, today)
    Consent.objects.bulk_create(consents, batch_size=500)
    return len(entries), len(consents)


def _entry(
    draft: Draft,
    office: Office,
    title: str,
    text: str,
    special: str,
    author: User,
    rng: random.Random,
    today: datetime.date,
) -> tuple[SectionEntry, datetime.datetime]:
    when = today - datetime.timedelta(days=rng.randint(1, 900))
    text = text.format(
        date=_date(when),
        until=_date(when + datetime.timedelta(days=rng.randint(90, 400))),
        town=rng.choice(places.TOWNS)[0],
        room=rng.randint(1, 40),
        level=rng.choice(["A1", "A2", "B1"]),
    )
    at = timezone.make_aware(datetime.datetime.combine(when, datetime.time(rng.randint(8, 15), rng.randint(0, 59))))
    entry = SectionEntry(
        agency_id=draft.person.agency_id,
        person=draft.person,
        office=office,
        title=title,
        text=text,
        special_category=special,
        created_by=author,
    )
    return entry, at


def _consents(
    entries: list[tuple[SectionEntry, datetime.datetime]],
    writers: dict[str, list[User]],
    offices: dict[str, Office],
    rng: random.Random,
    today: datetime.date,
) -> list[Consent]:
    """Consents of some persons with an entry in the section concerned."""
    # Given after the entry and no later than yesterday evening, so that all are in force now.
    latest = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(18)))
    consents = []
    for section, recipient, share, covers_special, withdrawn in CONSENTS:
        seen = set()
        for entry, at in entries:
            person = entry.person
            if entry.office.code != section or person.pk in seen or rng.random() >= share:
                continue
            seen.add(person.pk)
            recorder = rng.choice(writers[section])
            consent = Consent(
                agency_id=person.agency_id,
                person=person,
                section_office=offices[section],
                recipient_office=offices[recipient],
                covers_special_categories=covers_special,
                recorded_by=recorder,
                form=rng.choice(list(Consent.Form.values)),
                given_at=min(at + datetime.timedelta(days=rng.randint(0, 20)), latest),
            )
            if withdrawn:
                consent.withdrawn_at = min(consent.given_at + datetime.timedelta(days=rng.randint(10, 200)), latest)
                consent.withdrawal_recorded_by = recorder
            consents.append(consent)
    return consents
