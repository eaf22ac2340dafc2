"""The house: rooms on two floors, desks proportional to each office's staff, and the legal bases
under which one office may read another's section of a person's file."""

from __future__ import annotations

import datetime

from kurzweg.core.models import Agency, Desk, LegalBasis, Membership, Office, Room

# Visitors come in on the ground floor: reception and the offices most of them need.
GROUND_FLOOR = ["empfang", "abh", "asylblg", "unterkunft", "jobcenter"]
FIRST_FLOOR = ["integration", "afa", "jugendamt", "vhs", "bildung", "wirtschaft", "ehrenamt", "sport", "leitung"]
DESKS_PER_ROOM = 3
# Rooms that belong to no office.
SHARED_ROOMS = {0: ["Wartebereich"], 1: ["Besprechungsraum"]}

# (reading office, section office, reference, description, valid until)
LEGAL_BASES = [
    (
        "jobcenter",
        "abh",
        "§ 87 Abs. 1 AufenthG i. V. m. § 50 SGB II",
        "Aufenthaltsstatus und Beschäftigungserlaubnis für die Leistungsgewährung und Vermittlung.",
        None,
    ),
    (
        "afa",
        "abh",
        "§ 87 Abs. 1 AufenthG i. V. m. § 39 AufenthG",
        "Beteiligung der Bundesagentur an der Zulassung zur Beschäftigung.",
        None,
    ),
    (
        "asylblg",
        "abh",
        "§ 90 Abs. 3 AufenthG",
        "Aufenthaltsstatus als Voraussetzung der Leistungen nach dem AsylbLG.",
        None,
    ),
    (
        "asylblg",
        "unterkunft",
        "§ 9 AsylbLG",
        "Unterbringung als Sachleistung; Abgleich von Belegung und Leistungen.",
        None,
    ),
    (
        "unterkunft",
        "asylblg",
        "§ 9 AsylbLG",
        "Leistungsbezug als Voraussetzung der Unterbringung in einer Gemeinschaftsunterkunft.",
        None,
    ),
    (
        "abh",
        "vhs",
        "§ 8 Abs. 3 AufenthG",
        "Teilnahme am Integrationskurs ist bei der Verlängerung der Aufenthaltserlaubnis zu berücksichtigen.",
        None,
    ),
    # Expired: shows that a basis stops working at the end of its validity.
    (
        "integration",
        "jobcenter",
        "Modellvorhaben „Kurze Wege“ (befristete Kooperationsvereinbarung)",
        "Befristete Vereinbarung zum Datenaustausch im Modellvorhaben; ausgelaufen.",
        datetime.date(2024, 12, 31),
    ),
]
# The Jugendamt's section (SGB VIII) stays closed to every other office: it is shared only
# with the person's consent.


def desk_count(staff: int) -> int:
    """1 to 6 desks: roughly one for every two staff, as not everyone serves visitors at once."""
    return max(1, min(6, round(staff * 0.55)))


def create_house(agency: Agency) -> None:
    offices = {o.code: o for o in Office.objects.filter(agency=agency)}
    staff: dict[int, int] = {}
    for office_id in Membership.objects.filter(office__agency=agency).values_list("office_id", flat=True):
        staff[office_id] = staff.get(office_id, 0) + 1

    rooms: list[Room] = []
    desks: list[tuple[Room, Office, str]] = []
    seat = 0
    for floor, codes in ((0, GROUND_FLOOR), (1, FIRST_FLOOR)):
        prefix = "E" if floor == 0 else str(floor)
        number = 0
        for code in codes:
            office = offices[code]
            count = desk_count(staff.get(office.pk, 1)) if code != "empfang" else 4
            for first in range(0, count, DESKS_PER_ROOM):
                number += 1
                room = Room(agency=agency, office=office, floor=floor, number=f"{prefix}.{number:02d}")
                rooms.append(room)
                for _ in range(min(DESKS_PER_ROOM, count - first)):
                    seat += 1
                    name = f"Empfang {seat}" if code == "empfang" else f"Platz {seat}"
                    desks.append((room, office, name))
            if code == "empfang":
                # Reception counters are numbered on their own; the offices' desks from 1 again.
                seat = 0
        for _shared in SHARED_ROOMS[floor]:
            number += 1
            rooms.append(Room(agency=agency, office=None, floor=floor, number=f"{prefix}.{number:02d}"))
    Room.objects.bulk_create(rooms)
    Desk.objects.bulk_create(Desk(agency=agency, room=room, office=office, name=name) for room, office, name in desks)


def create_legal_bases(agency: Agency) -> None:
    offices = {o.code: o for o in Office.objects.filter(agency=agency)}
    LegalBasis.objects.bulk_create(
        LegalBasis(
            agency=agency,
            reader_office=offices[reader],
            section_office=offices[section],
            reference=reference,
            description=description,
            valid_until=until,
            valid_from=datetime.date(2018, 4, 1) if until else None,
        )
        for reader, section, reference, description, until in LEGAL_BASES
    )
