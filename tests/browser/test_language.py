"""The staff pages speak German unless one switches to English in the header."""

from __future__ import annotations

import pytest

from .conftest import assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_german_by_default_and_english_after_the_switch_in_the_header(page):
    visit(page, "/sign-in/")
    assert page.get_attribute("html", "lang") == "de"

    with page.expect_navigation(url="/sign-in/"):
        page.locator("header button[name=language][value=en]").click()
    assert_no_axe_violations(page)
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("header button[name=language][value=de]").get_attribute("lang") == "de"

    visit(page, "/sign-in/")
    assert page.get_attribute("html", "lang") == "en", "the choice holds for the next page"
