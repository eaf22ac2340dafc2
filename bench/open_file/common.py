"""Paths, constants and the log line shared by the parent process and the workers."""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "bench" / "out"
MODULE = "bench.open_file"  # the workers run `python -m bench.open_file --worker <db>`
DESCRIPTION = "Benchmark: how long does opening a person's file take with a million persons on file?"
RESULT_MARK = "@@OPEN_FILE_RESULT@@ "
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/kurzweg_bench"
TARGET_P95_MS = 50.0
AGENCY_SLUG = "bench"
# Tables that grow with the number of persons: a full scan of one of them on the hot path is the bug.
BIG_TABLES = (
    "people_household",
    "people_person",
    "people_nationality",
    "people_alternativename",
    "people_sectionentry",
    "people_consent",
    "core_auditentry",
)

_STARTED = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {msg}", flush=True)
