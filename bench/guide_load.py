"""The newcomer's guide under load: service pages and the finder's checklist, 50 clients at once,
against a real gunicorn on PostgreSQL.

    .venv/bin/python -m bench.guide_load [--seconds 30] [--clients 50] [--pg-url postgres://…/guidebench]

Sets up an agency with the standard catalogue, the demo texts (German and English) and a service
point with desks and waiting visitors (so the service pages show a live waiting time), starts
gunicorn, and lets each client fetch pages one after the other without pause: service pages in
all twelve languages and finder checklists for every combination of answers. Prints requests per
second, p50/p95/p99 per kind and errors. Target: p95 ≤ 100 ms at ≥ 200 requests/s. By default
the clients together offer 200 requests/s on a fixed schedule; `--rate 0` lets each client
fetch as fast as the server answers (the most the machine serves).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import threading
import time
from urllib.parse import urlsplit

from bench.servicepoint_load import (
    ROOT,
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
OUT = ROOT / "bench" / "out" / "guide_load"
TARGET_P95_MS = 100
TARGET_RPS = 200


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


def client(port: int, addresses: dict[str, list[str]], until: float, rec: Recorder, seed: int, every: float) -> None:
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
        try:
            answer = request(port, "GET", path)
        except OSError as error:
            rec.error(kind, repr(error))
            continue
        if answer.status == 200:
            rec.ok(kind, answer.ms)
        else:
            rec.error(kind, f"HTTP {answer.status} {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.guide_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default=os.environ.get("GUIDE_BENCH_URL", DEFAULT_URL))
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--rate",
        type=float,
        default=TARGET_RPS,
        help="requests per second offered by all clients together (0: flat out)",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    if not args.pg_url.startswith(("postgres://", "postgresql://")):
        sys.exit("This benchmark runs on PostgreSQL: give --pg-url postgres://…")

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
    codes = list(Service.objects.filter(agency=agency, active=True).values_list("code", flat=True))
    addresses = page_addresses(agency.slug, codes)
    connections.close_all()

    port = free_port()
    log = OUT / "access.log"
    times_before = os.times()
    server = start_server(env, port, args.workers, args.threads, log)
    rec = Recorder()
    try:
        for paths in addresses.values():  # every page answers before anything is measured
            for path in paths[:3]:
                answer = request(port, "GET", path)
                if answer.status != 200:
                    sys.exit(f"{path} answered HTTP {answer.status}")
        every = args.clients / args.rate if args.rate else 0.0
        offered = f"{args.rate:.0f} requests/s offered" if args.rate else "as fast as the server answers"
        print(f"Running {args.clients} clients for {args.seconds:.0f} s, {offered} …", flush=True)
        started = time.time()
        until = started + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, addresses, until, rec, i, every)) for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - started
    finally:
        stop_server(server)

    times_after = os.times()
    # gunicorn's master has reaped its workers, so their CPU time is in ours "of children".
    server_cpu = (times_after.children_user + times_after.children_system) - (
        times_before.children_user + times_before.children_system
    )
    client_cpu = (times_after.user + times_after.system) - (times_before.user + times_before.system)
    total = sum(len(v) for v in rec.timings.values())
    errors = sum(rec.errors.values())
    every = [ms for values in rec.timings.values() for ms in values]
    print(f"\n{'request':<18}{'count':>8}{'errors':>8}{'p50':>9}{'p95':>9}{'p99':>9}")
    for kind in addresses:
        values = rec.timings.get(kind, [])
        row = [percentile(values, p) for p in (0.5, 0.95, 0.99)]
        cells = "".join(f"{v:>7.0f}ms" if v is not None else f"{'–':>9}" for v in row)
        print(f"{kind:<18}{len(values):>8}{rec.errors.get(kind, 0):>8}{cells}")
    rps = total / elapsed
    p95 = percentile(every, 0.95) or 0.0
    print(f"\n{total} requests in {elapsed:.1f} s: {rps:.0f} requests/s, p95 {p95:.0f} ms, {errors} errors")
    print(
        f"CPU: server {server_cpu:.0f} s ({server_cpu / max(total, 1) * 1000:.1f} ms per request), "
        f"benchmark clients {client_cpu:.0f} s, in {elapsed:.0f} s on 2 cores"
    )
    for sample in rec.samples:
        print(f"  error: {sample}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min; clients and server share the 2 cores)")
    met = p95 <= TARGET_P95_MS and rps >= TARGET_RPS and errors == 0
    print(f"target p95 ≤ {TARGET_P95_MS} ms at ≥ {TARGET_RPS} requests/s, no errors: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
