"""python -m bench.servicepoint.sample [--out DIR] [--seed 7] [--visits 600]

Writes a sample day for `kurzweg simulate-day`: ARRIVALS.csv and DESKS.csv (formats in
kurzweg/servicepoint/simulate.py). The day, with a fixed seed:
- 25 desks of the twelve offices of the standard catalogue, 07:30–16:30, each serving all of
  its office's services;
- about 600 visits arriving 07:30–15:00 with a morning peak; a third with 2–3 concerns, in
  combinations that occur in a migration agency, named in an order that respects the
  catalogue's "comes before" rules (so that the old fixed order is a sensible order);
- about 6 % by appointment (the first concern booked; the visitor comes 0–15 minutes early or
  up to 5 minutes late); the appointment-only services only by appointment;
- actual service minutes drawn from a log-normal distribution whose mean is the service's
  expected minutes (coefficient of variation about 0.4), rounded to half minutes;
- load such that the big offices' desks are busy about 85–90 % of their open time and the
  queues have drained by closing time.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import django

# The catalogue lives with the models, so Django is set up (no database is opened).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurzweg.settings")
django.setup()

from kurzweg.servicepoint.setup import STANDARD_PRECEDENCE, STANDARD_SERVICES  # noqa: E402

MINUTES = {t.code: t.minutes for t in STANDARD_SERVICES}
OFFICE = {t.code: t.office for t in STANDARD_SERVICES}
WALK_IN = {t.code for t in STANDARD_SERVICES if t.walk_in}
# The economic development office (Wirtschaftsamt) advises employers and founders by
# appointment in its own rooms: no desk in the waiting area, no visits here.
BY_APPOINTMENT = [t.code for t in STANDARD_SERVICES if t.by_appointment and t.office != "wirtschaft"]
OPENS, CLOSES = "07:30", "16:30"

# Desks per office (25 in all; see BY_APPOINTMENT for the Wirtschaftsamt).
DESKS = {
    "abh": 7, "asylblg": 2, "unterkunft": 2, "integration": 2, "jobcenter": 4, "afa": 2,
    "jugendamt": 1, "vhs": 1, "bildung": 2, "sport": 1, "ehrenamt": 1,
}  # fmt: skip

# A visit's first concern (walk-in services), as relative frequencies.
FIRST = {
    "abh-aufenthalt": 1.5, "abh-fiktion": 9, "abh-ausweis": 2.5, "abh-eat": 20,
    "asylblg-antrag": 0.7, "asylblg-auszahlung": 4, "unterkunft-wohnen": 3.5,
    "integration-beratung": 1.2, "jobcenter-antrag": 1, "jobcenter-unterlagen": 14,
    "afa-arbeitslos": 0.5, "jugendamt-beratung": 0.5, "vhs-kurs": 0.8, "bildung-schule": 1.5,
    "bildung-anerkennung": 0.4, "sport-verein": 2, "ehrenamt-hilfe": 1.5,
}  # fmt: skip

# Concerns that come together: (first, other) with relative frequency.
COMBINATIONS = {
    ("abh-aufenthalt", "jobcenter-antrag"): 2.5, ("abh-fiktion", "jobcenter-antrag"): 2,
    ("abh-aufenthalt", "afa-arbeitslos"): 0.5, ("abh-fiktion", "asylblg-auszahlung"): 3,
    ("abh-eat", "jobcenter-unterlagen"): 10, ("abh-ausweis", "unterkunft-wohnen"): 2.5,
    ("asylblg-antrag", "asylblg-auszahlung"): 1, ("asylblg-auszahlung", "unterkunft-wohnen"): 2.5,
    ("jobcenter-unterlagen", "vhs-kurs"): 1, ("vhs-kurs", "integration-beratung"): 1,
    ("bildung-schule", "jugendamt-beratung"): 1.2, ("bildung-schule", "sport-verein"): 1.5,
    ("integration-beratung", "ehrenamt-hilfe"): 1, ("jobcenter-unterlagen", "afa-arbeitslos"): 1,
    ("bildung-anerkennung", "vhs-kurs"): 0.3, ("abh-eat", "ehrenamt-hilfe"): 1,
    ("unterkunft-wohnen", "ehrenamt-hilfe"): 1, ("abh-eat", "sport-verein"): 2.5,
    ("jobcenter-unterlagen", "asylblg-auszahlung"): 1.5, ("abh-fiktion", "integration-beratung"): 1,
}  # fmt: skip

# Share of the day's walk-ins in the half hour from 07:30, then per hour from 08:00 to 15:00.
ARRIVAL_CURVE = [0.07, 0.15, 0.17, 0.15, 0.13, 0.12, 0.11, 0.10]

MULTI_SHARE = 1 / 3
THREE_SHARE = 0.08  # of all visits, within the third above
APPOINTMENT_SHARE = 0.06
SPREAD = 0.4  # coefficient of variation of the actual service minutes


@dataclass
class Arrival:
    visit_id: str
    arrival: int  # seconds after midnight
    concerns: list[str]
    durations: list[float]
    appointment: int | None  # minutes after midnight
    language: str


LANGUAGES = ["de", "ar", "uk", "ro", "bg", "pl", "hu", "fa", "tr", "en", "ru", "de-ls"]
LANGUAGE_WEIGHTS = [10, 20, 16, 12, 8, 8, 5, 8, 6, 3, 3, 1]


def pick(rng: random.Random, weights: dict) -> object:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def in_precedence_order(concerns: Sequence[str]) -> list[str]:
    """The concerns in the order named, moved so that every "comes before" rule holds."""
    ordered = list(concerns)
    changed = True
    while changed:
        changed = False
        for before, after in STANDARD_PRECEDENCE:
            if before in ordered and after in ordered and ordered.index(before) > ordered.index(after):
                ordered.remove(before)
                ordered.insert(ordered.index(after), before)
                changed = True
    return ordered


def service_minutes(rng: random.Random, code: str) -> float:
    mean = MINUTES[code]
    sigma = math.sqrt(math.log(1 + SPREAD**2))
    value = rng.lognormvariate(math.log(mean) - sigma**2 / 2, sigma)
    return max(1.0, round(value * 2) / 2)


def arrival_second(rng: random.Random) -> int:
    hour = rng.choices(range(len(ARRIVAL_CURVE)), weights=ARRIVAL_CURVE)[0]
    if hour == 0:
        return 7 * 3600 + 1800 + rng.randrange(1800)
    return 7 * 3600 + hour * 3600 + rng.randrange(3600)


def counts(weights: dict, total: int) -> dict:
    """`total` split in proportion to the weights (largest remainder): the day has the mix the
    weights describe, so that each office's load does not depend on the luck of the draw."""
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    result = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - result[k], reverse=True)[: total - sum(result.values())]:
        result[k] += 1
    return result


def visit_concerns(rng: random.Random, visits: int) -> list[tuple[list[str], int | None]]:
    """Each visit's concerns in the order reception types them, and the appointment time
    (minutes after midnight) or None."""
    appointments = round(visits * APPOINTMENT_SHARE)
    several = round(visits * MULTI_SHARE)
    three = round(visits * THREE_SHARE)
    result: list[tuple[list[str], int | None]] = []
    for number in range(appointments):
        booked = BY_APPOINTMENT[number % len(BY_APPOINTMENT)]
        concerns = [booked]
        if number % 4 == 0:  # a quarter bring another concern
            concerns.append(str(pick(rng, {c: w for c, w in FIRST.items() if OFFICE[c] != OFFICE[booked]})))
        result.append((concerns, 8 * 60 + 30 + 15 * rng.randrange(23)))  # 08:30 … 14:00
    pairs = [pair for pair, n in counts(COMBINATIONS, several).items() for _ in range(n)]
    rng.shuffle(pairs)
    for number, pair in enumerate(pairs):
        concerns = list(pair)
        if number < three:
            offices = {OFFICE[c] for c in concerns}
            concerns.append(str(pick(rng, {c: w for c, w in FIRST.items() if OFFICE[c] not in offices})))
        rng.shuffle(concerns)  # visitors name them in any order ...
        result.append((in_precedence_order(concerns), None))  # ... reception keeps the rules
    singles = counts(FIRST, visits - appointments - several)
    result += [([code], None) for code, n in singles.items() for _ in range(n)]
    rng.shuffle(result)
    return result


def make_day(seed: int = 7, visits: int = 600) -> tuple[list[Arrival], list[dict[str, str]]]:
    rng = random.Random(seed)
    arrivals = []
    for number, (concerns, appointment) in enumerate(visit_concerns(rng, visits), start=1):
        # Appointment holders come 0–15 minutes early, or up to 5 minutes late.
        arrival = arrival_second(rng) if appointment is None else appointment * 60 + rng.randrange(-15 * 60, 5 * 60)
        arrivals.append(
            Arrival(
                visit_id=f"V{number:04d}",
                arrival=arrival,
                concerns=concerns,
                durations=[service_minutes(rng, c) for c in concerns],
                appointment=appointment,
                language=rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0],
            )
        )
    arrivals.sort(key=lambda a: (a.arrival, a.visit_id))
    desks = []
    for office, count in DESKS.items():
        codes = [t.code for t in STANDARD_SERVICES if t.office == office]
        for index in range(1, count + 1):
            desks.append({"desk_id": f"{office}-{index}", "services": ";".join(codes), "open": OPENS, "close": CLOSES})
    return arrivals, desks


def clock_time(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def write(directory: Path, arrivals: list[Arrival], desks: list[dict[str, str]]) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    arrivals_path, desks_path = directory / "ARRIVALS.csv", directory / "DESKS.csv"
    with arrivals_path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["visit_id", "arrival", "concerns", "durations", "appointment", "language"])
        for a in arrivals:
            writer.writerow(
                [
                    a.visit_id,
                    clock_time(a.arrival),
                    ";".join(a.concerns),
                    ";".join(f"{d:g}" for d in a.durations),
                    clock_time(a.appointment * 60)[:5] if a.appointment is not None else "",
                    a.language,
                ]
            )
    with desks_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["desk_id", "services", "open", "close"])
        writer.writeheader()
        writer.writerows(desks)
    return arrivals_path, desks_path


def load_summary(arrivals: list[Arrival]) -> dict[str, float]:
    """Share of each office's open desk time its concerns need (service plus one minute's way)."""
    need: dict[str, float] = {}
    for a in arrivals:
        for code, minutes in zip(a.concerns, a.durations, strict=True):
            need[OFFICE[code]] = need.get(OFFICE[code], 0) + minutes + 1
    open_minutes = 9 * 60
    return {office: need.get(office, 0) / (count * open_minutes) for office, count in DESKS.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.servicepoint.sample", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--visits", type=int, default=600)
    args = parser.parse_args(argv)
    arrivals, desks = make_day(args.seed, args.visits)
    paths = write(args.out, arrivals, desks)
    multi = sum(1 for a in arrivals if len(a.concerns) > 1)
    print(
        f"wrote {paths[0]} ({len(arrivals)} visits, {multi} with several concerns) and {paths[1]} ({len(desks)} desks)"
    )
    print("load: " + ", ".join(f"{o} {v:.0%}" for o, v in load_summary(arrivals).items()))


if __name__ == "__main__":
    main()
