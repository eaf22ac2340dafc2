"""The newcomer's guide under load: service pages and the finder's checklist, 50 clients at once,
against a real gunicorn on PostgreSQL.

    .venv/bin/python -m bench.guide_load [--seconds 30] [--warmup 10] [--clients 50] [--cache redis|files]

Sets up an agency with the standard catalogue, the demo texts and a service point with desks and
waiting visitors (so the service pages show a live waiting time; the house is open today, on any
day the benchmark runs), starts gunicorn in production mode with an empty shared cache, and lets
50 clients fetch service pages in all twelve languages and finder checklists (540 addresses) on a
fixed schedule. The first `--warmup` seconds (cold start: every address is rendered at its first
visit) are reported on their own; the `--seconds` after them are the steady state the target is
about. During the run the benchmark puts visitors in the queue of a service nobody waited for
and reports how long the service pages took to show it (the waiting time may be up to a minute
old; it is refreshed every 30 s). Prints requests per second, p50/p95/p99 per kind, errors, and
server CPU. Target: p95 ≤ 100 ms at ≥ 200 requests/s. By default the clients together offer 200
requests/s; `--rate 0` lets each client fetch as fast as the server answers.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.servicepoint_load import (
    ROOT,
    SERVICES,
    Recorder,
    free_port,
    percentile,
    populate,
    recreate_database,
    request,
    start_server,
    stop_server,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/guidebench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
OUT = ROOT / "bench" / "out" / "guide_load"
TARGET_P95_MS = 100
TARGET_RPS = 200
WAIT = re.compile(rb'data-wait="([^"]*)"')


def redis_answers(url: str) -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


def empty_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def page_addresses(agency: str, service_codes: list[str]) -> dict[str, list[str]]:
    from kurzweg.guide.finder import FinderForm
    from kurzweg.languages import NEWCOMER_LANGUAGES

    languages = [lang.code for lang in NEWCOMER_LANGUAGES]
    services = [f"/guide/{agency}/{lang}/services/{code}/" for lang in languages for code in service_codes]
    answers = [[(name, value) for value, _label in field.choices] for name, field in FinderForm.base_fields.items()]
    finder = [
        f"/guide/{agency}/{lang}/finder/checklist/?" + "&".join(f"{k}={v}" for k, v in combo)
        for lang in languages
        for combo in itertools.islice(itertools.product(*answers), 0, 24)
    ]
    return {"service page": services, "finder checklist": finder}


@dataclass
class Run:
    """The two phases' recorders, and what the service pages said about the probed service."""

    warm_until: float
    cold: Recorder = field(default_factory=Recorder)
    steady: Recorder = field(default_factory=Recorder)
    probe_prefix: str = ""  # the probed service's address, after the language
    probe_seen: list[tuple[float, str]] = field(default_factory=list)  # (time, data-wait)


def client(port: int, addresses: dict[str, list[str]], until: float, run: Run, seed: int, every: float) -> None:
    """Fetches a page every `every` seconds (on a fixed schedule, as visitors arrive whether
    or not the server is quick; 0: as fast as it answers)."""
    rng = random.Random(seed)
    kinds = list(addresses)
    due = time.time() + rng.uniform(0, every)
    while time.time() < until:
        if every:
            time.sleep(max(0.0, due - time.time()))
            due += every
        kind = rng.choice(kinds)
        path = rng.choice(addresses[kind])
        asked = time.time()
        rec = run.cold if asked < run.warm_until else run.steady
        try:
            answer = request(port, "GET", path)
        except OSError as error:
            rec.error(kind, repr(error))
            continue
        if answer.status != 200:
            rec.error(kind, f"HTTP {answer.status} {path}")
            continue
        rec.ok(kind, answer.ms)
        if run.probe_prefix and path.endswith(run.probe_prefix):
            found = WAIT.search(answer.body)
            run.probe_seen.append((asked, found.group(1).decode() if found else "?"))


def open_today(agency: Any) -> None:
    """The scene: the house is open today (the demo hours are Monday to Friday), so that the
    service pages show a live waiting time on whatever day the benchmark runs."""
    import datetime as dt

    from django.utils import timezone

    from kurzweg.guide.models import Closure, OpeningHours

    today = timezone.localdate()
    Closure.objects.filter(agency=agency, first_day__lte=today, last_day__gte=today).delete()
    if not OpeningHours.objects.filter(agency=agency, office=None, weekday=today.weekday()).exists():
        OpeningHours.objects.create(agency=agency, weekday=today.weekday(), opens=dt.time(0), closes=dt.time(23, 59))


def probe_queue(agency: Any, code: str) -> float:
    """Three visitors join the queue of a service nobody waited for; returns when."""
    from django.db import connection

    from kurzweg.servicepoint import queue
    from kurzweg.servicepoint.models import Service, ServicePoint

    service = Service.objects.get(agency=agency, code=code)
    for _ in range(3):
        queue.issue_ticket(ServicePoint.objects.get(agency=agency), [service], actor=None)
    connection.close()
    return time.time()


def server_cpu(master: int) -> float | None:
    """CPU seconds the gunicorn workers have used so far (Linux /proc)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def report(title: str, rec: Recorder, kinds: list[str], seconds: float, cpu: float | None) -> tuple[float, float, int]:
    total = sum(len(v) for v in rec.timings.values())
    errors = sum(rec.errors.values())
    print(f"\n{title}")
    print(f"{'request':<18}{'count':>8}{'errors':>8}{'p50':>9}{'p95':>9}{'p99':>9}")
    for kind in kinds:
        values = rec.timings.get(kind, [])
        row = [percentile(values, p) for p in (0.5, 0.95, 0.99)]
        cells = "".join(f"{v:>7.0f}ms" if v is not None else f"{'–':>9}" for v in row)
        print(f"{kind:<18}{len(values):>8}{rec.errors.get(kind, 0):>8}{cells}")
    rps = total / seconds
    p95 = percentile([ms for values in rec.timings.values() for ms in values], 0.95) or 0.0
    used = f"; server CPU {cpu:.1f} s ({cpu / max(total, 1) * 1000:.1f} ms per request)" if cpu is not None else ""
    print(f"{total} requests in {seconds:.1f} s: {rps:.0f} requests/s, p95 {p95:.0f} ms, {errors} errors{used}")
    for sample in rec.samples:
        print(f"  error: {sample}")
    return rps, p95, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.guide_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default=os.environ.get("GUIDE_BENCH_URL", DEFAULT_URL))
    parser.add_argument("--seconds", type=float, default=30, help="the steady state measured for the target")
    parser.add_argument(
        "--warmup", type=float, default=10, help="seconds from an empty cache, reported on their own (cold start)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--rate",
        type=float,
        default=TARGET_RPS,
        help="requests per second offered by all clients together (0: flat out)",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--cache",
        choices=("redis", "files"),
        default=None,
        help="the cache the server processes share: Redis (default when one answers at --redis-url) "
        "or a directory (production's fallback without REDIS_URL)",
    )
    parser.add_argument(
        "--redis-url", default=DEFAULT_REDIS_URL, help="a Redis database of its own: it is emptied at the start"
    )
    args = parser.parse_args(argv)
    if not args.pg_url.startswith(("postgres://", "postgresql://")):
        sys.exit("This benchmark runs on PostgreSQL: give --pg-url postgres://…")
    cache = args.cache or ("redis" if redis_answers(args.redis_url) else "files")

    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kurzweg.settings",
        # As in production: static files collected (WhiteNoise in development looks for them on
        # every request), no debug. Plain HTTP on the loopback, so no redirect to HTTPS.
        "KURZWEG_ENV": "production",
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "STATIC_ROOT": str(OUT / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "DATABASE_URL": args.pg_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "KURZWEG_VAR_DIR": str(OUT),
        "LOG_LEVEL": "WARNING",
    }
    # Every run starts with an empty cache, as after a deployment: the first visit of each of
    # the 540 addresses renders it.
    if cache == "redis":
        env["REDIS_URL"] = args.redis_url
        empty_redis(args.redis_url)
    else:
        env.pop("REDIS_URL", None)
        os.environ.pop("REDIS_URL", None)
        env["KURZWEG_CACHE_DIR"] = str(OUT / "cache")
        shutil.rmtree(OUT / "cache", ignore_errors=True)
    os.environ.update(env)
    print(f"Database {urlsplit(args.pg_url).path.lstrip('/')}: recreating and migrating …", flush=True)
    recreate_database(args.pg_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    populate(5, 200, 0, 7)  # desks and waiting visitors: the service pages show live waiting times
    from kurzweg.core.models import Agency
    from kurzweg.guide.content import load_guide_content
    from kurzweg.servicepoint.models import Service

    agency = Agency.objects.get(slug="bench")
    load_guide_content(agency)
    open_today(agency)
    codes = list(Service.objects.filter(agency=agency, active=True).values_list("code", flat=True))
    addresses = page_addresses(agency.slug, codes)
    # A walk-in service nobody waits for yet (populate queues one service per office).
    probe = next(
        code
        for code in codes
        if code not in SERVICES.values() and Service.objects.get(agency=agency, code=code).walk_in
    )
    connections.close_all()

    port = free_port()
    log = OUT / "access.log"
    server = start_server(env, port, args.workers, args.threads, log)
    try:
        for paths in addresses.values():  # every page answers before anything is measured
            for path in paths[:3]:
                answer = request(port, "GET", path)
                if answer.status != 200:
                    sys.exit(f"{path} answered HTTP {answer.status}")
        every = args.clients / args.rate if args.rate else 0.0
        offered = f"{args.rate:.0f} requests/s offered" if args.rate else "as fast as the server answers"
        print(
            f"Running {args.clients} clients for {args.warmup:.0f} + {args.seconds:.0f} s, {offered}; "
            f"gunicorn {args.workers} workers × {args.threads} threads; shared cache: {cache} …",
            flush=True,
        )
        cpu_start = server_cpu(server.pid)
        started = time.time()
        run = Run(warm_until=started + args.warmup, probe_prefix=f"/services/{probe}/")
        until = run.warm_until + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, addresses, until, run, i, every)) for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(min(5.0, args.warmup))
        probed_at = probe_queue(agency, probe)
        time.sleep(max(0.0, run.warm_until - time.time()))
        cpu_warm = server_cpu(server.pid)
        for thread in threads:
            thread.join()
        cpu_end = server_cpu(server.pid)
        ended = time.time()
    finally:
        stop_server(server)

    def used(before: float | None, after: float | None) -> float | None:
        return after - before if before is not None and after is not None else None

    kinds = list(addresses)
    if args.warmup:
        report(
            f"Cold start: the first {args.warmup:.0f} s, from an empty cache (not counted for the target)",
            run.cold,
            kinds,
            args.warmup,
            used(cpu_start, cpu_warm),
        )
    rps, p95, errors = report(
        f"Steady state: the {args.seconds:.0f} s after",
        run.steady,
        kinds,
        ended - run.warm_until,
        used(cpu_warm, cpu_end),
    )
    shown = sorted((at, wait) for at, wait in run.probe_seen if at >= probed_at and wait != "none")
    before = {wait for at, wait in run.probe_seen if at < probed_at}
    if shown:
        print(
            f"\nLive waiting time: 3 visitors joined the queue of {probe!r} (before: {', '.join(sorted(before))}); "
            f"the service pages showed it {shown[0][0] - probed_at:.1f} s later (data-wait {shown[0][1]!r}; limit 60 s)"
        )
    else:
        print(f"\nLive waiting time: the pages of {probe!r} did not show the 3 new visitors before the run ended")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min; clients and server share the 2 cores)")
    if not args.rate:
        print(f"flat out: {rps:.0f} requests/s is the most this machine served (the target is checked at --rate 200)")
        return 0
    met = p95 <= TARGET_P95_MS and rps >= TARGET_RPS and errors == 0
    print(
        f"target p95 ≤ {TARGET_P95_MS} ms at ≥ {TARGET_RPS} requests/s, no errors (steady state): "
        f"{'met' if met else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
