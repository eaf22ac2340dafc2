"""Signing in and out through the real form, with the mouse and with the keyboard alone."""

from __future__ import annotations

import pytest

from ..conftest import PASSWORD
from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form button[type=submit]"
SIGN_OUT = "header form[action='/sign-out/'] button"


def test_signing_in_lands_on_the_search_page_and_signing_out_ends_the_session(page, abh_caseworker):
    visit(page, "/")
    assert page.url.endswith("/sign-in/?next=/"), "a visitor is sent to the sign-in page"
    page.fill("#id_username", "abh")
    page.fill("#id_password", PASSWORD)
    page.click(SUBMIT)

    arrived(page, "/")
    assert page.locator("form[role=search] #id_name").is_visible()
    assert page.locator("header nav").get_by_text("Anna Berger").is_visible()

    page.click(SIGN_OUT)
    arrived(page, "/sign-in/")
    visit(page, "/")
    assert page.url.endswith("/sign-in/?next=/"), "after signing out the search page needs a new sign-in"


def test_a_wrong_password_shows_an_error_and_keeps_the_user_name(page, abh_caseworker):
    visit(page, "/sign-in/")
    page.fill("#id_username", "abh")
    page.fill("#id_password", "not the password")
    page.click(SUBMIT)

    page.locator("main [role=alert]").wait_for()
    assert_no_axe_violations(page)
    assert page.url.endswith("/sign-in/")
    assert page.input_value("#id_username") == "abh"
    assert page.input_value("#id_password") == ""
    assert page.locator(SIGN_OUT).count() == 0


def focused(page) -> str:  # type: ignore[no-untyped-def]
    """The focused element, as '#id' or '.first-class' for the assertion messages."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id ? '#' + e.id : (e.classList.length ? '.' + e.classList[0] : e.tagName.toLowerCase()); }"
    )


def test_signing_in_and_skipping_to_the_content_with_the_keyboard_alone(page, abh_caseworker):
    visit(page, "/sign-in/")
    assert focused(page) == "#id_username", "the user name field has the focus when the page opens"
    page.keyboard.type("abh")
    page.keyboard.press("Tab")
    assert focused(page) == "#id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    arrived(page, "/")

    page.keyboard.press("Tab")
    assert focused(page) == ".kurzweg-skip-link", "the skip link is the first Tab stop"
    box = page.locator(".kurzweg-skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is visible on the screen"

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    page.keyboard.press("Tab")
    assert focused(page) == "#id_name", "after the skip link the next Tab stop is the search field"
