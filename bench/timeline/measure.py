"""Rendering the timeline page the way a signed-in caseworker does: a test client GETs
cases:timeline (middleware, session, access policy, the sources, the audit INSERTs, the template)."""

from __future__ import annotations

import time

from bench.open_file.report import summarize


class Renderer:
    def __init__(self, reader) -> None:  # type: ignore[no-untyped-def]
        from django.test import Client

        self.client = Client()
        self.client.force_login(reader)

    def url(self, person_id: str) -> str:
        from django.urls import reverse

        return reverse("cases:timeline", args=[person_id])

    def get(self, person_id: str, params: dict | None = None):  # type: ignore[no-untyped-def]
        response = self.client.get(self.url(person_id), params or {})
        if response.status_code != 200:
            raise RuntimeError(f"GET timeline: {response.status_code}")
        return response

    def time(self, person_id: str, params: dict | None, renders: int, warmup: int) -> dict:
        for _ in range(warmup):
            self.get(person_id, params)
        timings = []
        cpu = time.process_time()
        for _ in range(renders):
            t = time.perf_counter()
            self.get(person_id, params)
            timings.append(time.perf_counter() - t)
        cpu = time.process_time() - cpu
        return {**summarize(timings), "renders": renders, "django_cpu_ms": cpu * 1000 / renders}

    def queries(self, person_id: str, params: dict | None = None) -> tuple[int, int, bool]:
        """Queries of one render, the entries on the page, and whether an older page follows."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = self.get(person_id, params)
        timeline = response.context["timeline"] if response.context else None
        if timeline is None:  # without the test runner's template signals: count in the HTML
            html = response.content.decode()
            return len(captured), html.count('<li class="kern-card kern-card--small"'), 'rel="next"' in html
        return len(captured), len(timeline.entries), timeline.has_older
