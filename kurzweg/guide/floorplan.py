"""The floor plan of the house: every room of the agency (core.Room) drawn as a box on its
floor, with its number and office. The same data fills the table that is the plan's text
alternative, so a screen reader user gets everything the picture shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kurzweg.core.models import Agency, Office, Room

# Two rooms a row: the plan stays legible when a phone scales it down.
COLUMNS = 2
BOX_WIDTH = 240
BOX_HEIGHT = 92
GAP = 12
LINE_CHARACTERS = 26


# The offices as newcomers read them. The same words as Office.Kind's labels, repeated here so
# that they count as strings newcomers see (languages.PUBLIC_SOURCES) and are translated into
# every newcomer language, not only German and English like the rest of core/models.py.
K = Office.Kind
OFFICE_LABELS: dict[str, Promise] = {
    K.AUSLAENDERBEHOERDE: gettext_lazy("Foreigners authority"),
    K.ASYLBLG: gettext_lazy("Asylum seekers' benefits"),
    K.UNTERKUNFT: gettext_lazy("Accommodation management"),
    K.INTEGRATION: gettext_lazy("Integration"),
    K.JOBCENTER: gettext_lazy("Jobcenter"),
    K.AGENTUR_FUER_ARBEIT: gettext_lazy("Federal employment agency"),
    K.WIRTSCHAFTSAMT: gettext_lazy("Economic development"),
    K.JUGENDAMT: gettext_lazy("Youth welfare office"),
    K.VHS: gettext_lazy("Adult education centre"),
    K.BILDUNG: gettext_lazy("Education coordination"),
    K.SPORT: gettext_lazy("County sports association"),
    K.EHRENAMT: gettext_lazy("Volunteer coordination"),
    K.EINGANGSZONE: gettext_lazy("Reception"),
    K.LEITUNG: gettext_lazy("Management"),
}


def office_label(office: Office | None) -> str:
    """The office in the visitor's language (its kind), or its own name for kinds we do not know."""
    if office is None:
        return _("Shared room")
    label = OFFICE_LABELS.get(office.kind)
    return str(label) if label is not None else office.name


def floor_label(floor: int) -> str:
    if floor == 0:
        return _("Ground floor")
    if floor < 0:
        return _("Basement %(number)s") % {"number": -floor}
    return _("Floor %(number)s") % {"number": floor}


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARACTERS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3]


@dataclass
class PlacedRoom:
    room: Room
    label: str
    german_name: str
    x: int
    y: int
    highlighted: bool
    lines: list[str] = field(default_factory=list)
    width: int = BOX_WIDTH
    height: int = BOX_HEIGHT

    @property
    def text_x(self) -> int:
        return self.x + 12

    @property
    def line_ys(self) -> list[tuple[int, str]]:
        return [(self.y + 54 + 19 * i, line) for i, line in enumerate(self.lines)]


@dataclass
class Floor:
    number: int
    label: str
    rooms: list[PlacedRoom]
    width: int
    height: int


def floors(agency: Agency, highlight: Office | None = None) -> list[Floor]:
    by_floor: dict[int, list[Room]] = {}
    for room in Room.objects.filter(agency=agency).select_related("office").order_by("floor", "number"):
        by_floor.setdefault(room.floor, []).append(room)
    result = []
    for number, rooms in sorted(by_floor.items()):
        placed = []
        for i, room in enumerate(rooms):
            column, row = i % COLUMNS, i // COLUMNS
            label = office_label(room.office)
            placed.append(
                PlacedRoom(
                    room=room,
                    label=label,
                    german_name=room.office.name if room.office else "",
                    x=GAP + column * (BOX_WIDTH + GAP),
                    y=GAP + row * (BOX_HEIGHT + GAP),
                    highlighted=highlight is not None and room.office_id == highlight.pk,
                    lines=_lines(label),
                )
            )
        rows = (len(rooms) + COLUMNS - 1) // COLUMNS
        width = GAP + min(len(rooms), COLUMNS) * (BOX_WIDTH + GAP)
        result.append(Floor(number, floor_label(number), placed, width, GAP + rows * (BOX_HEIGHT + GAP)))
    return result


def rooms_of(agency: Agency) -> dict[int, list[Room]]:
    """The rooms of each office (by office id), for "where do I go"."""
    found: dict[int, list[Room]] = {}
    for room in Room.objects.filter(agency=agency, office__isnull=False).order_by("floor", "number"):
        found.setdefault(room.office_id, []).append(room)  # type: ignore[arg-type]
    return found
