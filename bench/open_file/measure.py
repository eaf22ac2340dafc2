"""Opening a file the way a signed-in caseworker does, and waiting for a quiet machine first."""

from __future__ import annotations

import os
import random
import time
import uuid

from .common import log
from .fixtures import Fixtures


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
