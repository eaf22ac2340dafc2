"""Referrals in the browser: the Jobcenter refers a person to the Volkshochschule; the person's
consent is missing, so it is recorded in the flow (and its printout opens in the person's
language); the Volkshochschule finds the referral in its inbox, reads what was passed, and
accepts. axe-core runs on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kurzweg.cases import services
from kurzweg.cases.models import Referral
from kurzweg.people.models import SectionEntry, SpokenLanguage
from tests.conftest import make_staff, office

from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jobcenter_file(person, jobcenter_caseworker):  # type: ignore[no-untyped-def]
    agency = person.agency
    SpokenLanguage.objects.create(person=person, code="fas", level="native")
    SectionEntry.objects.create(
        agency=agency, person=person, office=office(agency, "jobcenter"), title="Profiling",
        text="Deutsch A2, möchte Pflegehelfer werden", created_by=jobcenter_caseworker,
    )  # fmt: skip
    services.open_case(jobcenter_caseworker, office(agency, "jobcenter"), title="Eingliederung", person=person)


def test_the_jobcenter_refers_to_the_volkshochschule_which_accepts(
    page, sign_in, agency, person, jobcenter_caseworker, jobcenter_file
):
    vhs_caseworker = make_staff(agency, "vhs", ("vhs", "caseworker"))
    sign_in(jobcenter_caseworker)
    visit(page, reverse("cases:timeline", args=[person.pk]))
    new_url = reverse("cases:referral_new", args=[person.pk])
    page.locator(f"main a[href='{new_url}']").click()
    arrived(page, new_url)

    page.locator("select[name=to_office]").select_option(str(office(agency, "vhs").pk))
    page.locator("textarea[name=reason]").fill("Integrationskurs B1, Beginn im nächsten Monat")
    page.locator("input[name=parts][value=entries]").check()
    page.locator("input[name=parts][value=cases]").check()
    page.locator("main form button[type=submit]").first.click()
    arrived(page, new_url)  # the consent is missing: the consent step
    assert Referral.objects.count() == 0
    page.locator("input[name=consent_action][value=record]").check()
    page.locator("select[name=consent_form]").select_option("written")
    assert page.locator("select[name=consent_language] option[value=fa]").count() == 1
    page.locator("select[name=consent_language]").select_option("fa")
    page.locator("main form button[type=submit]").first.click()
    referral = Referral.objects.get()
    referral_url = reverse("cases:referral", args=[referral.pk])
    arrived(page, referral_url)

    # The printout of the consent, in Farsi, right to left.
    print_url = reverse("cases:consent_print", args=[person.pk, referral.consent_id])
    page.locator(f"main a[href='{print_url}']").click()
    arrived(page, print_url)
    assert page.locator("section.consent__block[lang=fa]").get_attribute("dir") == "rtl"

    # The Volkshochschule: its inbox, what was passed, and it accepts.
    page.context.clear_cookies()
    sign_in(vhs_caseworker)
    visit(page, reverse("cases:referrals"))
    page.locator(f"main a[href='{referral_url}']").click()
    arrived(page, referral_url)
    main = page.locator("main").inner_text()
    assert "möchte Pflegehelfer werden" in main and "Eingliederung" in main
    page.locator(f"form[action='{reverse('cases:referral_accept', args=[referral.pk])}'] button").click()
    arrived(page, referral_url)
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert page.locator(f"form[action='{reverse('cases:referral_done', args=[referral.pk])}']").count() == 1

    # In the Volkshochschule's timeline: the consent shares the Jobcenter's section (its note, its
    # case and its referral); nothing of offices it may not read.
    visit(page, reverse("cases:timeline", args=[person.pk]))
    kinds = page.locator("main ol.kurzweg-timeline > li[data-office=jobcenter]").evaluate_all(
        "items => items.map(i => i.dataset.kind)"
    )
    assert sorted(kinds) == ["case", "note", "referral"]
    offices = page.locator("main ol.kurzweg-timeline > li").evaluate_all("items => items.map(i => i.dataset.office)")
    assert set(offices) <= {"jobcenter", "vhs"}
    assert page.locator(f"main ol.kurzweg-timeline a[href='{referral_url}']").count() == 1

    # The referral page and the inbox in English, too.
    visit(page, referral_url)
    with page.expect_navigation():
        page.locator("header button[name=language][value=en]").click()
    assert_no_axe_violations(page)
    assert page.get_attribute("html", "lang") == "en"
    visit(page, reverse("cases:referrals"))
    visit(page, reverse("cases:documents", args=[person.pk]))
