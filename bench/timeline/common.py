"""Paths and constants of the timeline benchmark."""

from __future__ import annotations

from bench.open_file.common import OUT_DIR

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/kurzweg_bench_timeline"
VAR_DIR = OUT_DIR / "timeline"
KEPT = VAR_DIR / "busy_persons.json"  # which persons carry the entries, for --reuse
TARGET_P95_MS = 100.0
READER = "sb.abh-jobcenter"  # bench.open_file.fixtures: caseworker in the abh and the Jobcenter
# The offices whose sections the reader may read for the busy persons: own offices, legal
# bases of bench.open_file.fixtures, and consents the busy persons give (CONSENTS).
VISIBLE_OFFICES = ["abh", "jobcenter", "asylblg", "afa", "integration", "vhs", "unterkunft", "bildung"]
CONSENTS = [("integration", "jobcenter"), ("vhs", "abh"), ("unterkunft", "jobcenter"), ("bildung", "jobcenter")]
HIDDEN_OFFICE = "jugendamt"  # has entries too; the reader must not see or be told of them
