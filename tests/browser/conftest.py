"""Browser tests: Python Playwright drives Debian's Chromium against pytest-django's live server,
and axe-core checks every page the tests visit (WCAG 2.1 A and AA rules, zero violations)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, Response, sync_playwright

CHROMIUM = os.environ.get("KURZWEG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Waits for things the page does by itself (htmx after typing, a redirect) are bounded but
# generous: a busy CI machine is slow, and a wait ends as soon as the condition holds.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run last (in each xdist worker too, which gets the tests in this order).
    Once Playwright has started, the rest of the session runs with DJANGO_ALLOW_ASYNC_UNSAFE,
    which no other test should inherit: `check --deploy` in a subprocess refuses it (async.E001)."""
    here = Path(__file__).resolve().parent
    items.sort(key=lambda item: here in item.path.resolve().parents)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's 'chromium' package "
            "(scripts/ensure_chromium.sh) or set KURZWEG_CHROMIUM to a Chromium binary. "
            "Never run 'playwright install'.",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as env:
        # Playwright's sync API marks its asyncio event loop as running in the test thread from
        # start() to stop(); Django would then refuse every database query of the tests and of
        # the live server's shared connection ("SynchronousOnlyOperation"). Nothing here is async.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="de-DE", base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page: Page, live_server):  # type: ignore[no-untyped-def]
    """Signs the browser in without the sign-in form, with the session cookie of a test client
    (the form itself is tested in test_signing_in.py)."""

    def sign_in(user) -> None:  # type: ignore[no-untyped-def]
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])

    return sign_in


def assert_no_axe_violations(page: Page) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_21_AA,
    )
    violations = results["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
            for node in v["nodes"][:10]:
                lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary']}".replace("\n", " "))
        pytest.fail("\n".join(lines), pytrace=False)


def visit(page: Page, path: str, *, status: int = 200) -> Response:
    """Opens a page of the live server, checks the status, and runs axe-core on it."""
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
    assert_no_axe_violations(page)
    return response


def arrived(page: Page, url: str | re.Pattern[str]) -> None:
    """After a click or a form submission: wait until the browser has loaded `url` (a path of the
    live server, matched exactly, or a pattern of the whole address), then run axe-core on it."""
    page.wait_for_url(url)
    assert_no_axe_violations(page)
