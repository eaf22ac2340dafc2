#!/usr/bin/env python
"""Benchmark: how long does opening a person's file take with a million persons on file?

Loads N persons (with nationalities, other spellings, office section entries, consents and one
CREATE audit entry each) into a fresh SQLite and/or PostgreSQL database, then opens 1,000 random
files the way a signed-in caseworker does and prints p50/p95/p99/mean, including the audit write.

    .venv/bin/python bench/open_file.py [--persons 1000000] [--samples 1000] [--db sqlite|postgres|both]
                                        [--pg-url postgres://postgres@127.0.0.1:5432/kurzweg_bench]
                                        [--json] [--keep] [--reuse] [--profile] [--mode auto|page|direct]

Each database run is a fresh subprocess of this script (Django settings can only be configured
once per process). See bench/README.md for what is measured and the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"
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


# ------------------------------------------------------------------------------------------
# Parent: one subprocess per database, then the table
# ------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--persons", type=int, default=1_000_000, help="persons to load (default 1,000,000)")
    p.add_argument("--samples", type=int, default=1000, help="file openings measured (default 1000)")
    p.add_argument("--warmup", type=int, default=20, help="openings before measuring, not counted (default 20)")
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--pg-url", default=DEFAULT_PG_URL, help="PostgreSQL database to DROP and CREATE")
    p.add_argument(
        "--mode",
        choices=["auto", "page", "direct"],
        default="auto",
        help="page: GET people:file with the test client; direct: access.open_file + read_section;\n"
        "auto (default): page if the URL exists and answers 200, else direct",
    )
    p.add_argument("--seed", type=int, default=20251121)
    p.add_argument("--chunk", type=int, default=20_000, help="persons per load transaction")
    p.add_argument("--json", action="store_true", help="also print the figures as JSON")
    p.add_argument("--keep", action="store_true", help="keep the bench databases and files afterwards")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="reuse a database kept with --keep instead of creating and loading a fresh one",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="after measuring, profile 200 more openings with pyinstrument (bench/out/profile-<db>.html)",
    )
    p.add_argument(
        "--max-load",
        type=float,
        default=None,
        metavar="L",
        help="before measuring, wait (up to --max-wait s) until the 1-minute load average is <= L;\n"
        "the machine is shared, and other work on its cores shows up in the percentiles",
    )
    p.add_argument("--max-wait", type=float, default=1800.0, metavar="S")
    p.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return p.parse_args(argv)


def worker_env(db: str, args: argparse.Namespace) -> dict[str, str]:
    var_dir = OUT_DIR / db
    var_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kurzweg.settings",
        KURZWEG_ENV="development",
        KURZWEG_VAR_DIR=str(var_dir),
        # Development settings default to DEBUG=True, which keeps every query in memory.
        DEBUG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{var_dir / 'kurzweg_bench.sqlite3'}" if db == "sqlite" else args.pg_url,
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        PYTHONUNBUFFERED="1",
    )
    return env


def run_parent(args: argparse.Namespace) -> int:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    forwarded = [
        "--persons",
        str(args.persons),
        "--samples",
        str(args.samples),
        "--warmup",
        str(args.warmup),
        "--mode",
        args.mode,
        "--seed",
        str(args.seed),
        "--chunk",
        str(args.chunk),
        "--pg-url",
        args.pg_url,
    ]
    flags = {"--keep": args.keep, "--reuse": args.reuse, "--profile": args.profile}
    forwarded += [flag for flag, on in flags.items() if on]
    if args.max_load is not None:
        forwarded += ["--max-load", str(args.max_load), "--max-wait", str(args.max_wait)]
    results, failed = [], []
    for db in dbs:
        print(f"=== {db}: {args.persons:,} persons, {args.samples:,} samples ===", flush=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", db, *forwarded]
        proc = subprocess.Popen(cmd, env=worker_env(db, args), stdout=subprocess.PIPE, text=True, cwd=ROOT)
        result = None
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(RESULT_MARK):
                result = json.loads(line[len(RESULT_MARK) :])
            else:
                print(line, end="", flush=True)
        if proc.wait() != 0 or result is None:
            print(f"!!! {db} run failed (exit code {proc.returncode})", flush=True)
            failed.append(db)
        else:
            results.append(result)
    if results:
        print()
        print_table(results)
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def print_table(results: list[dict]) -> None:
    head = [
        "database",
        "persons",
        "load s",
        "rows/s",
        "mode",
        "samples",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "mean ms",
        f"p95 <= {TARGET_P95_MS:g} ms",
    ]
    rows = []
    for r in results:
        rows.append(
            [
                r["database"],
                f"{r['persons']:,}",
                "-" if r["load_seconds"] is None else f"{r['load_seconds']:.1f}",
                "-" if r["rows_per_second"] is None else f"{r['rows_per_second']:,.0f}",
                r["mode"],
                f"{r['samples']:,}",
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['p99_ms']:.1f}",
                f"{r['mean_ms']:.1f}",
                "yes" if r["meets_target"] else "NO",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    print("  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


# ------------------------------------------------------------------------------------------
# Worker: one database, in its own process
# ------------------------------------------------------------------------------------------


_STARTED = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {msg}", flush=True)


def pg_admin_connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url, dbname="postgres", autocommit=True)


def pg_dbname(url: str) -> str:
    name = urlparse(url).path.lstrip("/")
    if "bench" not in name:
        # This script drops the database: never let a typo point it at real data.
        raise SystemExit(f"refusing to use PostgreSQL database {name!r}: its name must contain 'bench'")
    return name


def database_exists(db: str, args: argparse.Namespace) -> bool:
    if db == "sqlite":
        return sqlite_path().exists()
    with pg_admin_connect(args.pg_url) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [pg_dbname(args.pg_url)]).fetchone()
        return row is not None


def sqlite_path() -> Path:
    import dj_database_url

    return Path(dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"])


def drop_database(db: str, args: argparse.Namespace) -> None:
    if db == "sqlite":
        path = sqlite_path()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
    else:
        name = pg_dbname(args.pg_url)
        with pg_admin_connect(args.pg_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def remove_var_dir() -> None:
    var_dir = Path(os.environ["KURZWEG_VAR_DIR"])
    if var_dir.is_relative_to(OUT_DIR) and var_dir.is_dir() and not any(var_dir.iterdir()):
        var_dir.rmdir()


def create_database(db: str, args: argparse.Namespace) -> None:
    drop_database(db, args)
    if db == "postgres":
        name = pg_dbname(args.pg_url)
        with pg_admin_connect(args.pg_url) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')


def run_worker(args: argparse.Namespace) -> int:
    db = args.worker
    reuse = args.reuse and database_exists(db, args)
    if not reuse:
        log(f"creating a fresh {db} database")
        create_database(db, args)
    try:
        import django

        django.setup()
        result = bench(db, args, reuse)
        print(RESULT_MARK + json.dumps(result), flush=True)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # cleanup must not hide the real error
            pass
        if not args.keep:
            log(f"removing the {db} bench database (use --keep to keep it)")
            drop_database(db, args)
            remove_var_dir()
    return 0


def bench(db: str, args: argparse.Namespace, reuse: bool) -> dict:
    from django.core.management import call_command
    from django.db import connection

    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrate: {time.perf_counter() - t:.1f} s ({connection.vendor} {db_version()})")

    from kurzweg.core.models import Agency

    rng = random.Random(args.seed)
    sample_rng = random.Random(args.seed + 1)
    n_open = args.warmup + args.samples
    load_seconds = rows_per_second = analyze_seconds = None
    loaded: dict[str, int] = {}
    if reuse and Agency.objects.filter(slug=AGENCY_SLUG).exists():
        fx = Fixtures.existing()
        persons = count_rows("people_person")
        log(f"reusing the kept database: {persons:,} persons")
        sample_ids = random_person_ids(n_open)
    else:
        fx = Fixtures.create()
        persons = args.persons
        loader = Loader(fx, rng, sqlite=db == "sqlite")
        positions = pick_positions(sample_rng, persons, n_open)
        t = time.perf_counter()
        sample_ids, loaded = loader.load(persons, args.chunk, positions)
        load_seconds = time.perf_counter() - t
        rows_per_second = sum(loaded.values()) / load_seconds
        log(
            f"loaded {sum(loaded.values()):,} rows in {load_seconds:.1f} s = {rows_per_second:,.0f} rows/s "
            f"({persons / load_seconds:,.0f} persons/s): " + ", ".join(f"{k} {v:,}" for k, v in loaded.items())
        )
        t = time.perf_counter()
        analyze(db)
        analyze_seconds = time.perf_counter() - t
        log(f"analyze: {analyze_seconds:.1f} s; database size {db_size(db) / 2**20:,.0f} MiB")

    if args.max_load is not None:
        wait_for_quiet(args.max_load, args.max_wait)
    opener = Opener(fx, args.mode, sample_rng)
    log(f"mode: {opener.mode} ({opener.describe()})")
    for pid in sample_ids[: args.warmup]:
        opener.open(pid)
    timings = []
    load_before = os.getloadavg()[0]
    cpu = time.process_time()
    for pid in sample_ids[args.warmup :]:
        timings.append(opener.open(pid))
    cpu = time.process_time() - cpu
    load_after = os.getloadavg()[0]
    stats = summarize(timings)
    stats["client_cpu_ms_mean"] = cpu * 1000 / len(timings)
    log(
        f"{len(timings)} openings: p50 {stats['p50_ms']:.1f} ms, p95 {stats['p95_ms']:.1f} ms, "
        f"p99 {stats['p99_ms']:.1f} ms, mean {stats['mean_ms']:.1f} ms, max {stats['max_ms']:.1f} ms; "
        f"Django process CPU {stats['client_cpu_ms_mean']:.1f} ms per opening; "
        f"load average {load_before:.1f} -> {load_after:.1f} ({os.cpu_count()} cores)"
    )

    diag = diagnose(opener, sample_ids, db)
    if args.profile:
        profile(opener, sample_ids, db)

    return {
        "database": db,
        "db_version": db_version(),
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "persons": persons,
        "rows_loaded": loaded,
        "load_seconds": load_seconds,
        "rows_per_second": rows_per_second,
        "persons_per_second": persons / load_seconds if load_seconds else None,
        "analyze_seconds": analyze_seconds,
        "db_size_mib": round(db_size(db) / 2**20, 1),
        "mode": opener.mode,
        "samples": len(timings),
        "warmup": args.warmup,
        **stats,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": stats["p95_ms"] <= TARGET_P95_MS,
        **diag,
    }


def wait_for_quiet(max_load: float, max_wait: float) -> None:
    deadline = time.monotonic() + max_wait
    load = os.getloadavg()[0]
    if load > max_load:
        log(f"load average {load:.1f} > {max_load:g}: waiting up to {max_wait:.0f} s for the machine to quieten")
    while load > max_load and time.monotonic() < deadline:
        time.sleep(10)
        load = os.getloadavg()[0]
    if load > max_load:
        log(f"load average still {load:.1f}; measuring anyway")


def db_version() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("select sqlite_version()")
            return "SQLite " + cur.fetchone()[0]
        cur.execute("show server_version")
        return "PostgreSQL " + cur.fetchone()[0].split()[0]


def count_rows(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table}")
        return cur.fetchone()[0]


def db_size(db: str) -> int:
    from django.db import connection

    if db == "sqlite":
        path = sqlite_path()
        return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        return cur.fetchone()[0]


def analyze(db: str) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        if db == "sqlite":
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cur.execute("ANALYZE")
        else:
            # VACUUM also sets the visibility map and hint bits, as autovacuum would have by now.
            cur.execute("VACUUM (ANALYZE)")


def pick_positions(rng: random.Random, n: int, k: int) -> list[int]:
    """Positions (load order) of the persons to open, uniformly at random, in random order."""
    if k <= n:
        return rng.sample(range(n), k)
    return [rng.randrange(n) for _ in range(k)]


def random_person_ids(k: int) -> list[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT id FROM people_person ORDER BY random() LIMIT %s", [k])
        ids = [str(uuid.UUID(str(r[0]))) for r in cur.fetchall()]
    while len(ids) < k:
        ids += ids[: k - len(ids)]
    return ids


# ------------------------------------------------------------------------------------------
# Agency, staff, legal bases
# ------------------------------------------------------------------------------------------

# (username, first name, last name, [(office code, role code)], measured?)
STAFF = [
    ("sb.abh", "Anja", "Keller", [("abh", "caseworker")], True),
    ("sb.jobcenter", "Murat", "Yıldız", [("jobcenter", "caseworker")], True),
    ("fb.asylblg", "Petra", "Hoffmann", [("asylblg", "specialist")], True),
    ("tl.integration", "Jonas", "Schäfer", [("integration", "lead")], True),
    ("sb.abh-jobcenter", "Lea", "Brandt", [("abh", "caseworker"), ("jobcenter", "caseworker")], True),
    ("sb.unterkunft", "Olga", "Becker", [("unterkunft", "caseworker")], True),
    ("empfang", "Tim", "Wagner", [("empfang", "reception")], False),
    ("dsb", "Sabine", "Vogel", [("leitung", "dpo")], False),
    ("admin", "Karl", "Ritter", [("leitung", "admin")], False),
]

# (reader office, section office, reference, covers special categories, valid from, valid until)
LEGAL_BASES = [
    ("jobcenter", "abh", "§ 87 Abs. 1 AufenthG i. V. m. § 50 SGB II", False, None, None),
    ("asylblg", "abh", "§ 87 Abs. 1 AufenthG", False, None, None),
    ("abh", "asylblg", "§ 90 Abs. 3 AufenthG", False, None, None),
    ("integration", "abh", "§ 88a AufenthG", False, None, None),
    ("afa", "jobcenter", "§ 50 SGB II", False, None, None),
    ("jobcenter", "afa", "§ 50 SGB II", False, None, None),
    ("unterkunft", "asylblg", "§ 9 AsylbLG", False, None, None),
    ("jugendamt", "asylblg", "§ 8a SGB VIII", True, None, None),
    ("asylblg", "unterkunft", "§ 9 AsylbLG", False, date(2024, 1, 1), None),
    ("integration", "jobcenter", "Kooperationsvereinbarung 2019", False, None, date(2020, 12, 31)),  # expired
    ("vhs", "integration", "§ 44 AufenthG", False, date.today() + timedelta(days=365), None),  # not yet valid
]

# (section office, recipient office, covers special categories)
CONSENT_PAIRS = [
    ("asylblg", "integration", False),
    ("jobcenter", "integration", False),
    ("abh", "vhs", False),
    ("integration", "ehrenamt", False),
    ("unterkunft", "integration", False),
    ("asylblg", "jugendamt", True),
    ("abh", "bildung", False),
    ("jobcenter", "wirtschaft", False),
]


class Fixtures:
    def __init__(self, agency, offices, staff, measured):  # type: ignore[no-untyped-def]
        self.agency = agency
        self.offices = offices  # code -> Office
        self.staff = staff  # list[User]
        self.measured = measured  # list[User]: staff who read sections

    @classmethod
    def create(cls) -> Fixtures:
        from django.db import transaction

        from kurzweg.core.models import LegalBasis, Membership, Office, Role, User
        from kurzweg.core.setup import create_agency

        with transaction.atomic():
            agency = create_agency(AGENCY_SLUG, "Landkreis Benchheim – Amt für Migration", "Kreishaus, 12345 Benchheim")
            offices = {o.code: o for o in Office.objects.filter(agency=agency)}
            roles = {r.code: r for r in Role.objects.filter(agency=agency)}
            for username, first, last, memberships, _measured in STAFF:
                user = User(username=username, first_name=first, last_name=last, agency=agency)
                user.set_unusable_password()
                user.save()
                for office, role in memberships:
                    Membership.objects.create(user=user, office=offices[office], role=roles[role])
            LegalBasis.objects.bulk_create(
                LegalBasis(
                    agency=agency,
                    reader_office=offices[r],
                    section_office=offices[s],
                    reference=ref,
                    covers_special_categories=special,
                    valid_from=frm,
                    valid_until=until,
                )
                for r, s, ref, special, frm, until in LEGAL_BASES
            )
        return cls.existing()

    @classmethod
    def existing(cls) -> Fixtures:
        from kurzweg.core.models import Agency, Office, User

        agency = Agency.objects.get(slug=AGENCY_SLUG)
        offices = {o.code: o for o in Office.objects.filter(agency=agency)}
        staff = list(User.objects.filter(agency=agency).order_by("username"))
        by_name = {u.username: u for u in staff}
        measured = [by_name[s[0]] for s in STAFF if s[4]]
        return cls(agency, offices, staff, measured)


# ------------------------------------------------------------------------------------------
# Synthetic persons
# ------------------------------------------------------------------------------------------

ARABIC = {
    "m": "Mohammad Mohammed Ahmad Ali Omar Khaled Hassan Hussein Mahmoud Yousef Ibrahim Mustafa Abdullah Karim "
    "Samer Bilal Tarek Rami Fadi Walid Ammar Bashar Ghassan Hamza Jamal Majd Osama Saleh Ziad Anas Moaz "
    "Abdulrahman Yazan Qusai Louay",
    "f": "Fatima Aisha Mariam Noor Layla Rania Huda Amal Rasha Yasmin Salma Zainab Hiba Dima Lina Reem Sara Nadia "
    "Ghada Asmaa Batoul Rahaf Joud Sidra Nour Hanan Wafaa Manal",
    "family": "Al-Ahmad Al-Hussein Haddad Khalil Hamdan Nasser Saleh Mansour Youssef Al-Khatib Darwish Hamwi Shami "
    "Al-Masri Kassem Othman Najjar Sabbagh Aziz Rahman Qassab Halabi Jaber Suleiman Issa Barakat Al-Sayed "
    "Abdo Zaher Fares Al-Ali Al-Hamoud Khoury Tahhan Kurdi Al-Omar Sheikh Hammoud Ibrahim Mohammad",
}
KURDISH = {
    "m": "Azad Baran Hozan Kawa Dilshad Rebwar Shivan Hogir Ahmed Khalil Jamil Kamal Nechirvan Sherzad Dildar",
    "f": "Dilan Rojin Shirin Berivan Nasrin Hevin Zozan Ronahi Gulistan Layla Jiyan Avin Bahar",
    "family": "Ahmed Hussein Khalaf Murad Qasim Haji Sulaiman Barzani Mahmoud Rashid Khidir Hasan Ali Ismail Jindo",
}
AFGHAN = {
    "m": "Ahmad Mohammad Abdul Farid Habib Jawad Karim Mustafa Naveed Rahim Sami Shafiq Wahid Zabihullah Hamid "
    "Sayed Noorullah Rahmatullah Hamidullah Ezatullah Mirwais Sharif Bilal Qasim",
    "f": "Fatima Maryam Zahra Sima Nilofar Parwana Shabnam Freshta Mursal Tahmina Mahbooba Soraya Masooda Laila",
    "family": "Ahmadi Rahimi Karimi Hashimi Sultani Noori Popal Stanikzai Wardak Haidari Hussaini Mohammadi Rezaei "
    "Amiri Sadat Safi Jalali Nazari Qaderi Azizi Hotak Niazi Samadi Yousufzai",
}
IRANIAN = {
    "m": "Reza Ali Amir Hossein Mehdi Saeed Behnam Farhad Arash Dariush Kaveh Omid Babak Navid Pouya",
    "f": "Maryam Zahra Shirin Neda Parisa Leila Nazanin Sara Mina Roya Shadi Bahareh Mahsa",
    "family": "Mohammadi Hosseini Rezaei Ahmadi Karimi Moradi Jafari Rahimi Sadeghi Hashemi Ebrahimi Ghasemi "
    "Tehrani Shirazi Kazemi Nazari Akbari Esfahani",
}
ERITREAN = {
    "m": "Yonas Tesfay Mehari Dawit Samuel Filmon Haben Yohannes Biniam Merhawi Kibrom Efrem Robel Aron",
    "f": "Selam Senait Hiwet Rahel Lidya Meron Helen Saba Winta Feven Luwam Tsega",
    "family": "Tekle Gebremedhin Haile Berhane Tesfamariam Woldu Kidane Ghebre Asmerom Mebrahtu Tesfaye Habte "
    "Gebrehiwet Yemane Andemariam",
}

# key, weight, nationality, places of birth, name source (dict or Faker locale), original script?
GROUPS = [
    ("syr", 24, "SYR", "Aleppo Damaskus Homs Idlib Latakia Hama Deir-ez-Zor Rakka Daraa", ARABIC, False),
    ("ukr", 20, "UKR", "Kyjiw Charkiw Odesa Dnipro Saporischschja Lwiw Mariupol Cherson Mykolajiw", "uk_UA", True),
    ("afg", 14, "AFG", "Kabul Herat Kandahar Mazar-e-Scharif Dschalalabad Kundus Ghazni", AFGHAN, False),
    ("tur", 10, "TUR", "Istanbul Ankara Izmir Gaziantep Diyarbakır Van Mardin Kahramanmaraş", "tr_TR", False),
    ("irq", 8, "IRQ", "Bagdad Mossul Erbil Basra Dohuk Sindschar Kirkuk", KURDISH, False),
    ("rou", 5, "ROU", "Bukarest Cluj-Napoca Iași Timișoara Constanța Craiova", "ro_RO", False),
    ("pol", 4, "POL", "Warschau Krakau Łódź Breslau Posen Danzig Lublin", "pl_PL", False),
    ("eri", 4, "ERI", "Asmara Keren Massaua Mendefera Barentu", ERITREAN, False),
    ("irn", 4, "IRN", "Teheran Maschhad Isfahan Schiras Täbris Ahvaz", IRANIAN, False),
    ("rus", 4, "RUS", "Moskau Sankt-Petersburg Grosny Kasan Machatschkala Nalchik", "ru_RU", True),
    ("deu", 3, "DEU", "Berlin Hamburg München Köln Leipzig Dortmund", "de_DE", False),
]
TOWNS = [
    "Benchheim",
    "Altdorf",
    "Neustadt",
    "Kirchberg",
    "Lindenau",
    "Bergen",
    "Rosenthal",
    "Waldau",
    "Hofheim",
    "Mühlbach",
    "Steinfeld",
    "Eichenau",
    "Talheim",
    "Grünberg",
    "Sonnenfeld",
]
SECOND_NATIONALITIES = ["DEU", "TUR", "RUS", "SYR", "IRQ", "ROU", "POL", "XXA", "XXX"]

SPELLING_RULES = [
    ("Mohammad", "Muhammad"),
    ("Mohammed", "Mohamed"),
    ("Mohammad", "Mohamad"),
    ("Ahmad", "Ahmed"),
    ("Yousef", "Youssef"),
    ("Youssef", "Yusuf"),
    ("Hussein", "Husain"),
    ("Al-", "Al "),
    ("Al-", "El-"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("kh", "ch"),
    ("sh", "sch"),
    ("y", "j"),
    ("j", "y"),
    ("ei", "ai"),
    ("ss", "s"),
    ("ş", "s"),
    ("ç", "c"),
    ("ı", "i"),
    ("ğ", "g"),
    ("ă", "a"),
    ("ș", "ş"),
    ("ł", "l"),
    ("w", "v"),
    ("v", "w"),
    ("ie", "iye"),
    ("i", "y"),
    ("ko", "co"),
    ("e", "a"),
]
SPELLING_NOTES = [
    "AZR",
    "Ankunftsnachweis",
    "frühere Passschreibweise",
    "BAMF-Bescheid",
    "Schreibweise Jobcenter",
    "Geburtsurkunde",
]

# office code -> weight, titles, special categories that occur there
SECTION_CONTENT = {
    "abh": (
        35,
        [
            "Aufenthaltserlaubnis § 25 Abs. 2 AufenthG erteilt",
            "Fiktionsbescheinigung ausgestellt",
            "Passbeschaffung angemahnt",
            "Duldung verlängert",
            "Wohnsitzauflage geändert",
            "Aufenthaltsgestattung ausgestellt",
            "Antrag auf Niederlassungserlaubnis",
        ],
        ["asylum", "health"],
    ),
    "asylblg": (
        20,
        [
            "Leistungsbescheid Grundleistungen",
            "Krankenschein ausgegeben",
            "Bewilligung Mehrbedarf",
            "Änderungsbescheid",
            "Barbetrag ausgezahlt",
        ],
        ["health"],
    ),
    "jobcenter": (
        15,
        ["Kooperationsplan", "Vermittlungsvorschlag", "Bewilligung Bürgergeld", "Einladung Beratungsgespräch"],
        ["health"],
    ),
    "unterkunft": (8, ["Zuweisung Gemeinschaftsunterkunft", "Umzug in Wohnung", "Hausordnung belehrt"], []),
    "integration": (
        8,
        ["Integrationskurs-Berechtigung", "Beratungsgespräch", "Anerkennung Berufsabschluss"],
        ["religion"],
    ),
    "afa": (4, ["Arbeitsmarktzulassung", "Beschäftigungserlaubnis Zustimmung"], []),
    "jugendamt": (4, ["Inobhutnahme", "Vormundschaft bestellt", "Hilfeplangespräch"], ["health"]),
    "vhs": (3, ["Einstufungstest B1", "Kursanmeldung Integrationskurs"], []),
    "bildung": (1, ["Schulanmeldung", "Kita-Platz vermittelt"], []),
    "sport": (1, ["Vereinsmitgliedschaft vermittelt"], []),
    "ehrenamt": (1, ["Patenschaft vermittelt"], []),
}
SPECIAL_TITLES = {
    "health": "Ärztliche Bescheinigung eingereicht",
    "asylum": "Anhörungsprotokoll BAMF (Auszug)",
    "religion": "Religionszugehörigkeit angegeben",
}
TEXTS = [
    "Vorsprache im Büro, Unterlagen vollständig.",
    "Termin telefonisch vereinbart.",
    "Dolmetscher war anwesend; Inhalt wurde erläutert.",
    "Bescheid per Post zugestellt.",
    "Nachweise sollen bis zum nächsten Termin nachgereicht werden.",
    "Rücksprache mit der Sachbearbeitung erfolgt.",
    "Person erschien nicht zum Termin; neuer Termin in zwei Wochen.",
    "",
]


def build_name_pools(seed: int) -> list[dict]:
    """Per origin group: lists of (latin, original) for male/female given names and family names.
    Built once from fixed lists and Faker (seeded), so rows only draw from the pools."""
    from faker import Faker
    from unidecode import unidecode

    groups = []
    for key, weight, nat, places, source, original in GROUPS:
        if isinstance(source, dict):
            pools = {k: [(n, "") for n in v.split()] for k, v in source.items()}
        else:
            fake = Faker(source)
            fake.seed_instance(seed)
            m, f, fm, ff = set(), set(), set(), set()
            for _ in range(1500):
                m.add(fake.first_name_male())
                f.add(fake.first_name_female())
                fm.add(fake.last_name_male() if hasattr(fake, "last_name_male") else fake.last_name())
                ff.add(fake.last_name_female() if hasattr(fake, "last_name_female") else fake.last_name())

            def pairs(names: set[str], original: bool = original) -> list[tuple[str, str]]:
                return [(unidecode(n), n) if original else (n, "") for n in sorted(names)]

            pools = {"m": pairs(m), "f": pairs(f), "family_m": pairs(fm), "family_f": pairs(ff)}
        pools.setdefault("family_m", pools.get("family", []))
        pools.setdefault("family_f", pools.get("family", []))
        groups.append({"key": key, "weight": weight, "nationality": nat, "places": places.split(), **pools})
    return groups


def vary_spelling(rng: random.Random, name: str) -> str:
    rules = [r for r in SPELLING_RULES if r[0] in name]
    if not rules:
        return name + ("h" if name[-1:] in "ae" else "e")
    old, new = rng.choice(rules)
    return name.replace(old, new, 1)


class Loader:
    """Generates persons and their rows chunk by chunk and bulk-loads them: COPY on PostgreSQL,
    executemany in big transactions on SQLite."""

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

    def load(self, n: int, chunk: int, positions: list[int]) -> tuple[list[str], dict[str, int]]:
        from django.db import connection, transaction

        from kurzweg.core.models import AuditEntry
        from kurzweg.people.models import AlternativeName, Consent, Household, Nationality, Person, SectionEntry

        tables = {
            "household": TableSpec(Household, ["id", "agency_id", "created_at"]),
            "person": TableSpec(Person, PERSON_COLUMNS),
            "nationality": TableSpec(Nationality, ["person_id", "code"]),
            "alternativename": TableSpec(AlternativeName, ["person_id", "given_names", "family_name", "note"]),
            "sectionentry": TableSpec(
                SectionEntry,
                [
                    "agency_id",
                    "person_id",
                    "office_id",
                    "title",
                    "text",
                    "special_category",
                    "created_at",
                    "created_by_id",
                ],
            ),
            "consent": TableSpec(
                Consent,
                [
                    "agency_id",
                    "person_id",
                    "section_office_id",
                    "recipient_office_id",
                    "covers_special_categories",
                    "form",
                    "given_at",
                    "recorded_by_id",
                    "withdrawn_at",
                    "withdrawal_recorded_by_id",
                ],
            ),
            "auditentry": TableSpec(
                AuditEntry,
                [
                    "agency_id",
                    "at",
                    "actor_id",
                    "person_id",
                    "action",
                    "section_office_id",
                    "acting_office_id",
                    "reason",
                    "object_type",
                    "object_id",
                    "fields",
                ],
            ),
        }
        for spec in tables.values():
            spec.prepare(connection)
            if spec.extra:
                log(
                    f"{spec.table}: columns this benchmark does not know, filled with their defaults: "
                    + ", ".join(c for c, _ in spec.extra)
                )
        want = {pos: i for i, pos in enumerate(positions)}
        sample_ids: list[str | None] = [None] * len(positions)
        counts = {spec.table: 0 for spec in tables.values()}
        connection.ensure_connection()
        raw = connection.connection
        started = time.perf_counter()
        # The tables are empty: load without foreign key checks (the rows are consistent by
        # construction) and without secondary indexes, which are rebuilt from their saved
        # definitions afterwards (sorting once is far faster than 4 million random inserts).
        if self.sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-262144")
        else:
            try:
                raw.execute("SET session_replication_role = replica")
            except Exception as error:  # not a superuser: keep the checks
                log(f"foreign key checks stay on during the load ({error})")
        indexes = secondary_indexes(raw, [spec.table for spec in tables.values()], sqlite=self.sqlite)
        for name, _sql in indexes:
            raw.execute(f'DROP INDEX "{name}"')
        done = 0
        while done < n:
            size = min(chunk, n - done)
            rows = self.generate(done, size, want, sample_ids)
            with transaction.atomic():
                for key, spec in tables.items():
                    if rows[key]:
                        spec.write(raw, rows[key], sqlite=self.sqlite)
                        counts[spec.table] += len(rows[key])
            done += size
            if done % 100_000 == 0 or done == n:
                elapsed = time.perf_counter() - started
                log(
                    f"  {done:>9,} persons, {sum(counts.values()):>10,} rows, {elapsed:6.1f} s, "
                    f"{done / elapsed:,.0f} persons/s"
                )
        t = time.perf_counter()
        if not self.sqlite:
            raw.execute("SET maintenance_work_mem = '512MB'")
        for _name, sql in indexes:
            raw.execute(sql)
        log(f"rebuilt {len(indexes)} secondary indexes in {time.perf_counter() - t:.1f} s")
        rebuilt = secondary_indexes(raw, [spec.table for spec in tables.values()], sqlite=self.sqlite)
        assert sorted(rebuilt) == sorted(indexes), "the indexes after the load differ from those before"
        if self.sqlite:
            # Back to what the settings use for every connection.
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute("PRAGMA cache_size=-2000")
            raw.execute("PRAGMA foreign_keys=ON")
        else:
            raw.execute("RESET maintenance_work_mem")
            raw.execute("RESET session_replication_role")
        assert all(s is not None for s in sample_ids)
        return [str(s) for s in sample_ids], counts

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


def secondary_indexes(raw, tables: list[str], *, sqlite: bool) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, CREATE INDEX statement) of the plain indexes of the tables; primary keys, unique
    constraints and unique indexes stay."""
    if sqlite:
        marks = ", ".join("?" * len(tables))
        rows = raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            tables,
        ).fetchall()
    else:
        rows = raw.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
            " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [tables],
        ).fetchall()
    return [(name, sql) for name, sql in rows if not sql.upper().startswith("CREATE UNIQUE")]


PERSON_COLUMNS = [
    "id",
    "agency_id",
    "given_names",
    "family_name",
    "given_names_original",
    "family_name_original",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "place_of_birth",
    "country_of_birth",
    "phone",
    "email",
    "street",
    "postcode",
    "city",
    "household_id",
    "household_relation",
    "name_index",
    "created_at",
    "updated_at",
    "created_by_id",
]


class TableSpec:
    """Column list for one table: the generated columns, plus any column added to the model since
    this benchmark was written, filled with the field's default (so new fields don't break the load)."""

    def __init__(self, model, columns: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.model = model
        self.table = model._meta.db_table
        self.columns = columns
        self.extra: list[tuple[str, object]] = []

    def prepare(self, connection) -> None:  # type: ignore[no-untyped-def]
        known = set(self.columns)
        for f in self.model._meta.concrete_fields:
            if f.column in known or (f.primary_key and f.get_internal_type() in ("AutoField", "BigAutoField")):
                continue
            if f.unique and not (f.null and f.get_default() is None):  # one default for all rows would collide
                raise SystemExit(f"{self.table}.{f.column} is unique with a default: teach the benchmark to fill it")
            value = f.get_db_prep_save(f.get_default(), connection)
            if hasattr(value, "obj"):  # psycopg Jsonb and similar wrappers
                value = json.dumps(value.obj)
            self.extra.append((f.column, value))
        missing = known - {f.column for f in self.model._meta.concrete_fields}
        if missing:
            raise SystemExit(f"{self.table}: the model no longer has columns {sorted(missing)}; update the benchmark")
        self.all_columns = self.columns + [c for c, _ in self.extra]
        self.extra_values = tuple(v for _, v in self.extra)

    def write(self, raw, rows: list[tuple], *, sqlite: bool) -> None:  # type: ignore[no-untyped-def]
        if self.extra_values:
            rows = [r + self.extra_values for r in rows]
        cols = ", ".join(f'"{c}"' for c in self.all_columns)
        if sqlite:
            marks = ", ".join("?" * len(self.all_columns))
            raw.executemany(f'INSERT INTO "{self.table}" ({cols}) VALUES ({marks})', rows)
        else:
            with raw.cursor() as cur, cur.copy(f'COPY "{self.table}" ({cols}) FROM STDIN') as copy:
                for r in rows:
                    copy.write_row(r)


def _cumulative(weights):  # type: ignore[no-untyped-def]
    total = 0.0
    for w in weights:
        total += w
        yield total


def _age_weight(age: int) -> float:
    """Newcomers are young: many children and people in their twenties and thirties."""
    if age < 18:
        return 1.6
    if age < 40:
        return 2.0
    if age < 60:
        return 0.9
    return 0.25


# ------------------------------------------------------------------------------------------
# Opening a file
# ------------------------------------------------------------------------------------------


class Opener:
    """Opens a file the way a user does: a signed-in test client GETs the person file page
    (people:file). Until that page exists, the same work minus the template: get_person,
    access.open_file and access.read_section for the user's own office."""

    def __init__(self, fx: Fixtures, mode: str, rng: random.Random) -> None:
        self.fx = fx
        self.rng = rng
        self.users = fx.measured
        self.own_office = {u.pk: own_office(u) for u in self.users}
        self.mode = mode
        self.note = ""
        self.url_name = "people:file"
        if mode in ("auto", "page"):
            self.mode, self.note = self._try_page(required=mode == "page")
        if self.mode == "direct":
            from kurzweg.people import access

            self.access = access

    def _try_page(self, *, required: bool) -> tuple[str, str]:
        from django.test import Client
        from django.urls import NoReverseMatch, reverse

        from kurzweg.people.models import Person

        try:
            reverse(self.url_name, args=[uuid.uuid4()])
        except NoReverseMatch:
            if required:
                raise SystemExit(f"--mode page: the URL {self.url_name!r} does not exist yet") from None
            return "direct", f"URL {self.url_name!r} does not exist yet"
        self.clients = {}
        for user in self.users:
            client = Client()
            client.force_login(user)
            self.clients[user.pk] = client
        person = Person.objects.filter(agency=self.fx.agency).first()
        user = self.users[0]
        try:
            response = self.clients[user.pk].get(reverse(self.url_name, args=[person.pk]))
        except Exception as error:
            if required:
                raise
            return "direct", f"GET {self.url_name} raised {type(error).__name__}: {error}"
        if response.status_code != 200:
            if required:
                raise SystemExit(f"--mode page: GET {self.url_name} answered {response.status_code}")
            return "direct", f"GET {self.url_name} answered {response.status_code}, not 200"
        return "page", ""

    def describe(self) -> str:
        if self.mode == "page":
            return f"signed-in test client GETs {self.url_name} (open_file + audit + template)"
        return "fallback: get_person + access.open_file + access.read_section(own office), audit writes included" + (
            f"; {self.note}" if self.note else ""
        )

    def open(self, person_id: str) -> float:
        """One opening by a random reading staff member; returns seconds."""
        user = self.users[self.rng.randrange(len(self.users))]
        if self.mode == "page":
            from django.urls import reverse

            url = reverse(self.url_name, args=[person_id])
            client = self.clients[user.pk]
            t = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - t
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} as {user.username}: {response.status_code}")
            return elapsed
        access = self.access
        office = self.own_office[user.pk]
        user.__dict__.pop("_memberships_cache", None)  # a new request loads the memberships again
        t = time.perf_counter()
        person = access.get_person(user, person_id)
        access.open_file(user, person)
        access.read_section(user, person, office)
        return time.perf_counter() - t


def own_office(user):  # type: ignore[no-untyped-def]
    for m in user.active_memberships():
        if m.role.may_read_section and m.office.has_section:
            return m.office
    raise ValueError(f"{user} reads no section")


def summarize(timings: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in timings)
    return {
        "p50_ms": percentile(ms, 0.50),
        "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99),
        "mean_ms": sum(ms) / len(ms),
        "min_ms": ms[0],
        "max_ms": ms[-1],
    }


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    k = (len(sorted_values) - 1) * q
    lo = math.floor(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


# ------------------------------------------------------------------------------------------
# Where the time goes: per-query timings and query plans of one opening
# ------------------------------------------------------------------------------------------


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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return run_worker(args)
    return run_parent(args)


if __name__ == "__main__":
    sys.exit(main())
