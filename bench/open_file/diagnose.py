"""Where the time goes: per-query timings and query plans of one opening, and an optional profile."""

from __future__ import annotations

import time

from .common import BIG_TABLES, OUT_DIR, ROOT, log
from .measure import Opener


def diagnose(opener: Opener, sample_ids: list[str], db: str, n: int = 50) -> dict:
    from django.db import connection

    per_sql: dict[str, dict] = {}

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            stat = per_sql.setdefault(sql, {"count": 0, "seconds": 0.0, "params": params})
            stat["count"] += 1
            stat["seconds"] += time.perf_counter() - t
            stat["params"] = params

    ids = sample_ids[:n]
    with connection.execute_wrapper(wrapper):
        for pid in ids:
            opener.open(pid)
    total_queries = sum(s["count"] for s in per_sql.values())
    top = sorted(per_sql.items(), key=lambda kv: -kv[1]["seconds"])
    log(f"queries per opening: {total_queries / len(ids):.1f}; slowest by total time over {len(ids)} openings:")
    queries = []
    for sql, s in top:
        mean_ms = s["seconds"] * 1000 / s["count"]
        queries.append({"sql": sql, "per_opening": s["count"] / len(ids), "mean_ms": round(mean_ms, 3)})
    for q in queries[:8]:
        log(f"  {q['mean_ms']:7.2f} ms x{q['per_opening']:.1f}  {shorten(q['sql'])}")

    scans = []
    for sql, s in per_sql.items():
        verb = sql.lstrip().split(None, 1)[0].upper()
        if verb not in ("SELECT", "UPDATE", "DELETE"):
            continue
        try:
            plan = explain(sql, s["params"], db)
        except Exception as error:  # a plan we cannot get is reported, not fatal
            plan = [f"(no plan: {error})"]
        bad = [line for line in plan if is_full_scan(line, db)]
        if bad:
            scans.append({"sql": sql, "plan": plan})
    if scans:
        log("FULL SCANS of large tables on the hot path:")
        for s in scans:
            log(f"  {shorten(s['sql'], 200)}")
            for line in s["plan"]:
                log(f"      {line}")
    else:
        log("query plans: every query on a large table uses an index")
    return {"queries_per_opening": round(total_queries / len(ids), 1), "queries": queries, "full_scans": scans}


def explain(sql: str, params, db: str) -> list[str]:  # type: ignore[no-untyped-def]
    from django.db import connection, transaction

    prefix = "EXPLAIN QUERY PLAN " if db == "sqlite" else "EXPLAIN "
    # An UPDATE is only planned, never run, by EXPLAIN without ANALYZE; still roll back to be safe.
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(prefix + sql, params)
        rows = cur.fetchall()
        transaction.set_rollback(True)
    if db == "sqlite":
        return [r[3] for r in rows]
    return [r[0] for r in rows]


def is_full_scan(line: str, db: str) -> bool:
    words = line.replace("(", " ").split()
    if db == "sqlite":
        # "SCAN t" or "SCAN t USING INDEX i" read the whole table or index; "SEARCH t USING ..." does not.
        return "SCAN" in words and any(t in words for t in BIG_TABLES)
    return "Seq" in words and any(t in words for t in BIG_TABLES)


def shorten(sql: str, width: int = 110) -> str:
    sql = " ".join(sql.split())
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def profile(opener: Opener, sample_ids: list[str], db: str, n: int = 200) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    ids = (sample_ids * (n // len(sample_ids) + 1))[:n]
    profiler.start()
    for pid in ids:
        opener.open(pid)
    profiler.stop()
    path = OUT_DIR / f"profile-{db}.html"
    path.write_text(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all=False), flush=True)
    log(f"profile of {n} openings written to {path.relative_to(ROOT)}")
