"""Splink 5 (DuckDB backend), configured the way its documentation recommends, on the same Records
the engine sees: cleaned columns (lower case, no diacritics), Jaro-Winkler name levels with term
frequencies, birth date levels, sex, nationality, birth place, and the identifier where the data
have one (FEBRL4's social security number: the same, one edit apart, else); blocking rules
comparable to the engine's keys; u from random sampling, m by expectation maximisation, λ from a
deterministic rule."""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from kurzweg.demo.spelling import romanian_cedilla, without_diacritics
from kurzweg.people.matching.records import Record

from .metrics import Pair, best_f1, prf

_NOT_LETTERS = re.compile(r"[^a-z ]+")
PREDICT_FLOOR = 0.01  # pairs below this probability are not kept (they never count as found)
THRESHOLD = 0.9
NAMES = "combined"  # ForenameSurnameComparison: better on the synthetic data (swapped names), equal on FEBRL4


def _clean(text: str) -> str | None:
    text = " ".join(_NOT_LETTERS.sub(" ", without_diacritics(romanian_cedilla(text)).lower()).split())
    return text or None


def frame(records: list[Record]):  # type: ignore[no-untyped-def]
    import pandas as pd

    rows = []
    for r in records:
        full = r.birth_year is not None and r.birth_month is not None and r.birth_day is not None
        rows.append(
            {
                "unique_id": r.id,
                "given_name": _clean(r.given_names),
                "surname": _clean(r.family_name),
                "dob": f"{r.birth_year:04d}-{r.birth_month:02d}-{r.birth_day:02d}" if full else None,
                "birth_year": r.birth_year,
                "sex": r.sex if r.sex in ("F", "M") else None,
                "nationality": r.nationalities[0] if r.nationalities and r.nationalities[0] != "XXX" else None,
                "birth_place": _clean(r.birth_place),
                "full_name": _clean(f"{r.given_names} {r.family_name}"),
                # "kind:country:value" (identifiers.identifier): the value of the first one
                "identifier": r.identifiers[0].split(":", 2)[2] or None if r.identifiers else None,
            }
        )
    df = pd.DataFrame(rows)
    df["birth_year"] = df["birth_year"].astype("Int64")
    return df


def settings(df, names: str = NAMES) -> Any:  # type: ignore[no-untyped-def]
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    birth_date = cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("dob"),
            cll.DamerauLevenshteinLevel("dob", 1),
            cll.ExactMatchLevel("birth_year"),
            cll.AbsoluteDifferenceLevel("birth_year", 1),
            cll.ElseLevel(),
        ],
    )
    if names == "separate":
        comparisons = [
            cl.JaroWinklerAtThresholds("given_name", [0.92, 0.8]).configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]).configure(term_frequency_adjustments=True),
        ]
    else:  # one comparison of both names, with a level for given and family name swapped
        comparisons = [
            cl.ForenameSurnameComparison(
                "given_name",
                "surname",
                jaro_winkler_thresholds=[0.92, 0.8],
                forename_surname_concat_col_name="full_name",
            )
        ]
    comparisons.append(birth_date)
    if df["sex"].notna().any():
        comparisons.append(cl.ExactMatch("sex"))
    if df["nationality"].notna().any():
        comparisons.append(cl.ExactMatch("nationality"))
    comparisons.append(cl.JaroWinklerAtThresholds("birth_place", [0.88]))
    blocking = [
        block_on("given_name", "surname"),
        block_on("surname", "birth_year"),
        block_on("given_name", "birth_year"),
        block_on("dob"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("substr(given_name, 1, 2)", "substr(surname, 1, 2)"),
        block_on("birth_place", "birth_year"),
    ]
    if df["identifier"].notna().any():
        # As the engine: a typo (one edit) is a level of its own, and the same number is a block.
        comparisons.append(cl.DamerauLevenshteinAtThresholds("identifier", [1]))
        blocking.append(block_on("identifier"))
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def run(records: list[Record], truth: set[Pair], seed: int = 42, u_max_pairs: float = 5e6, names: str = NAMES) -> dict:
    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    df = frame(records)
    start = time.perf_counter()
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(df), settings(df, names), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        ["l.given_name = r.given_name and l.surname = r.surname and l.dob = r.dob"], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    trained = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=PREDICT_FLOOR).as_pandas_dataframe()
    seconds = time.perf_counter() - start
    scored: dict[Pair, float] = {}
    for a, b, p in zip(
        predictions["unique_id_l"], predictions["unique_id_r"], predictions["match_probability"], strict=True
    ):
        key = (a, b) if a < b else (b, a)
        scored[key] = max(float(p), scored.get(key, 0.0))
    at_threshold = {p for p, s in scored.items() if s >= THRESHOLD}
    return {
        "at_0_9": prf(at_threshold, truth),
        "best": best_f1(scored.items(), truth),
        "seconds": seconds,
        "train_seconds": trained - start,
        "scored_pairs": len(scored),
        "found_at_0_9": at_threshold,
    }
