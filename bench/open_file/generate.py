"""Synthetic persons: households, names, birth dates, addresses, other spellings, nationalities,
office section entries, consents and the CREATE audit entry, drawn from the pools in data.py."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from .data import SECOND_NATIONALITIES, SPELLING_NOTES, TOWNS, _age_weight, _cumulative, build_name_pools, vary_spelling
from .fixtures import CONSENT_PAIRS, Fixtures
from .sections import SECTION_CONTENT, SPECIAL_TITLES, TEXTS


class Generator:
    """Generates synthetic persons and the rows that go with them, chunk by chunk, as tuples in
    the column order of load.py's table specs, with values the way the database stores them."""

    def __init__(self, fx: Fixtures, rng: random.Random, *, sqlite: bool) -> None:
        from faker import Faker

        from kurzweg.people.names import fold_name

        self.fx = fx
        self.rng = rng
        self.sqlite = sqlite
        self.groups = build_name_pools(rng.randrange(2**31))
        self.group_cum = list(_cumulative(g["weight"] for g in self.groups))
        self._fold_cache: dict[str, str] = {}
        self._fold = fold_name
        fake = Faker("de_DE")
        fake.seed_instance(rng.randrange(2**31))
        self.streets = sorted({fake.street_name() for _ in range(400)})
        self.towns = [(f"{rng.randrange(10000, 99999):05d}", t) for t in TOWNS]
        self.section_codes = list(SECTION_CONTENT)
        self.section_cum = list(_cumulative(SECTION_CONTENT[c][0] for c in self.section_codes))
        self.ages = list(range(0, 86))
        self.age_cum = list(_cumulative(_age_weight(a) for a in self.ages))
        self.staff_ids = [u.pk for u in fx.staff]
        self.epoch = datetime(2020, 1, 1, tzinfo=UTC)
        self.household_left = self.household_rank = 0
        self.household_id = None
        self.span = (datetime.now(UTC) - self.epoch).total_seconds() - 86400 * 2

    # value conversions: SQLite stores UUIDs as 32 hex digits and datetimes as naive UTC text
    def uid(self, u: uuid.UUID):  # type: ignore[no-untyped-def]
        return u.hex if self.sqlite else u

    def dt(self, seconds: float):  # type: ignore[no-untyped-def]
        value = self.epoch + timedelta(seconds=seconds)
        return value.replace(tzinfo=None).isoformat(" ") if self.sqlite else value

    def fold(self, text: str) -> str:
        folded = self._fold_cache.get(text)
        if folded is None:
            folded = self._fold_cache[text] = self._fold(text)
        return folded

    def generate(self, start: int, size: int, want: dict[int, int], sample_ids: list) -> dict[str, list]:
        rng, fold, uid, dt = self.rng, self.fold, self.uid, self.dt
        agency_id = self.fx.agency.pk
        offices = self.fx.offices
        staff = self.staff_ids
        out: dict[str, list] = {
            k: []
            for k in ("household", "person", "nationality", "alternativename", "sectionentry", "consent", "auditentry")
        }
        person_rows, nat_rows, alt_rows = out["person"], out["nationality"], out["alternativename"]
        entry_rows, consent_rows, audit_rows = out["sectionentry"], out["consent"], out["auditentry"]
        this_year = date.today().year
        for pos in range(start, start + size):
            group = rng.choices(self.groups, cum_weights=self.group_cum)[0]
            r = rng.random()
            sex = "F" if r < 0.46 else "M" if r < 0.95 else "U" if r < 0.995 else "X"
            given_pool = group["f"] if sex == "F" or (sex in "UX" and r > 0.997) else group["m"]
            given, given_orig = rng.choice(given_pool)
            if rng.random() < 0.12:
                second, second_orig = rng.choice(given_pool)
                if second != given:
                    given, given_orig = f"{given} {second}", (f"{given_orig} {second_orig}" if given_orig else "")
            family, family_orig = rng.choice(group["family_f"] if sex == "F" else group["family_m"])
            # households: a family arrives together (about 40 % of persons live in one)
            if self.household_left == 0 and rng.random() < 0.15:
                self.household_left = rng.randint(2, 6)
                self.household_rank = 0
                self.household_id = uid(uuid.UUID(int=rng.getrandbits(128), version=4))
                out["household"].append((self.household_id, agency_id, dt(rng.random() * self.span)))
            if self.household_left:
                household_id = self.household_id
                relation = ("head", "spouse")[self.household_rank] if self.household_rank < 2 else "child"
                self.household_rank += 1
                self.household_left -= 1
            else:
                household_id, relation = None, ""
            pid = uuid.UUID(int=rng.getrandbits(128), version=4)
            if pos in want:
                sample_ids[want[pos]] = pid
            p = uid(pid)
            # birth date as far as known
            year = this_year - rng.choices(self.ages, cum_weights=self.age_cum)[0]
            r = rng.random()
            if r < 0.86:
                month, day = rng.randint(1, 12), rng.randint(1, 28)
            elif r < 0.92:
                month, day = rng.randint(1, 12), None
            elif r < 0.98:
                month = day = None
            else:
                year = month = day = None
            place = rng.choice(group["places"]) if rng.random() < 0.93 else ""
            postcode, town = rng.choice(self.towns)
            has_address = rng.random() < 0.9
            phone = f"+49 1{rng.randint(50, 79)} {rng.randint(1_000_000, 99_999_999)}" if rng.random() < 0.6 else ""
            email = (
                f"{fold(given).split()[0]}.{fold(family).replace(' ', '')}{rng.randint(1, 99)}@example.org"
                if rng.random() < 0.2
                else ""
            )
            created = rng.random() * self.span
            created_by = rng.choice(staff)
            parts = {fold(given), fold(family)}
            if given_orig:
                parts.add(fold(given_orig))
            if family_orig:
                parts.add(fold(family_orig))
            if rng.random() < 0.12:  # another spelling from another office or an older document
                alt_given = vary_spelling(rng, given) if rng.random() < 0.5 else given
                alt_family = vary_spelling(rng, family) if alt_given == given or rng.random() < 0.3 else family
                alt_rows.append((p, alt_given, alt_family, rng.choice(SPELLING_NOTES)))
                parts.add(fold(alt_given))
                parts.add(fold(alt_family))
            parts.discard("")
            name_index = " " + " ".join(sorted(parts)) + " "
            person_rows.append(
                (
                    p,
                    agency_id,
                    given,
                    family,
                    given_orig,
                    family_orig,
                    year,
                    month,
                    day,
                    sex,
                    place,
                    group["nationality"] if place else "",
                    phone,
                    email,
                    f"{rng.choice(self.streets)} {rng.randint(1, 120)}" if has_address else "",
                    postcode if has_address else "",
                    town if has_address else "",
                    household_id,
                    relation,
                    name_index,
                    dt(created),
                    dt(min(created + rng.random() * 86400 * 30, self.span)),
                    created_by,
                )
            )
            # nationalities: usually one, sometimes two
            nat_rows.append((p, group["nationality"]))
            if rng.random() < 0.08:
                other = rng.choice(SECOND_NATIONALITIES)
                if other != group["nationality"]:
                    nat_rows.append((p, other))
            # office section entries
            r = rng.random()
            n_entries = 0 if r < 0.55 else 1 if r < 0.75 else 2 if r < 0.87 else 3 if r < 0.95 else rng.randint(4, 6)
            for _ in range(n_entries):
                code = rng.choices(self.section_codes, cum_weights=self.section_cum)[0]
                _w, titles, specials = SECTION_CONTENT[code]
                special = rng.choice(specials) if specials and rng.random() < 0.08 else ""
                title = SPECIAL_TITLES[special] if special else rng.choice(titles)
                at = created + rng.random() * (self.span - created)
                entry_rows.append(
                    (agency_id, p, offices[code].pk, title, rng.choice(TEXTS), special, dt(at), rng.choice(staff))
                )
            # consents for some persons
            if rng.random() < 0.06:
                for s_code, r_code, special in rng.sample(CONSENT_PAIRS, rng.choice((1, 1, 2))):
                    given_at = created + rng.random() * (self.span - created)
                    withdrawn = given_at + rng.random() * (self.span - given_at) if rng.random() < 0.15 else None
                    recorder = rng.choice(staff)
                    consent_rows.append(
                        (
                            agency_id,
                            p,
                            offices[s_code].pk,
                            offices[r_code].pk,
                            special,
                            rng.choice(("written", "written", "oral", "electronic")),
                            dt(given_at),
                            recorder,
                            dt(withdrawn) if withdrawn is not None else None,
                            recorder if withdrawn is not None else None,
                        )
                    )
            # the CREATE entry save_person writes
            audit_rows.append(
                (
                    agency_id,
                    dt(created),
                    created_by,
                    p,
                    "create",
                    None,
                    None,
                    "",
                    "person",
                    str(pid),
                    '["birth_year", "family_name", "given_names", "sex"]',
                )
            )
        return out
