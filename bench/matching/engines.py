"""Which matcher runs: Kurzweg's engine (kurzweg.people.matching.engine) when it provides the
contract of docs/matching.md, otherwise the baseline."""

from __future__ import annotations

import importlib
from types import ModuleType

CONTRACT = (
    "index_keys",
    "query_keys",
    "compare",
    "search",
    "find_duplicates",
    "POSSIBLE_THRESHOLD",
    "LIKELY_THRESHOLD",
    "EXACT_THRESHOLD",
    "DEFAULT_DUPLICATE_THRESHOLD",
)


def load(name: str) -> tuple[ModuleType | None, str]:
    """(module, description) or (None, why it cannot run)."""
    if name == "baseline":
        from . import baseline

        return baseline, baseline.NAME
    if name != "kurzweg":
        return None, f"unknown engine {name!r}"
    try:
        module = importlib.import_module("kurzweg.people.matching.engine")
    except ImportError as error:
        return None, f"kurzweg.people.matching.engine cannot be imported ({error})"
    missing = [n for n in CONTRACT if not hasattr(module, n)]
    if missing:
        return None, f"kurzweg.people.matching.engine lacks {', '.join(missing)}"
    return module, f"kurzweg.people.matching.engine (duplicate threshold {module.DEFAULT_DUPLICATE_THRESHOLD})"
