"""The finder: plain questions → a personal checklist in the right order, grouped into what
one visit can do; printable and shareable by a link that holds only the answers."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kurzweg.guide import finder
from kurzweg.servicepoint.setup import STANDARD_PRECEDENCE, STANDARD_SERVICES

from .conftest import GUIDE

REFUGEE_FAMILY = {"eu": "no", "why": "refugee", "kids": "yes", "work": "yes", "abroad": "yes"}
EU_WORKER = {"eu": "yes", "why": "work", "kids": "no", "work": "yes", "abroad": "no"}
STUDENT = {"eu": "no", "why": "study", "kids": "no", "work": "no", "abroad": "no"}


def codes(answers: dict[str, str]) -> list[str]:
    return [step.service_code for step in finder.steps(answers)]


def test_a_refugee_family_gets_papers_and_benefits_first_then_work_language_and_school():
    assert codes(REFUGEE_FAMILY) == [
        "abh-aufenthalt",
        "asylblg-antrag",
        "unterkunft-wohnen",
        "jobcenter-antrag",
        "afa-arbeitslos",
        "bildung-anerkennung",
        "integration-beratung",
        "vhs-kurs",
        "bildung-schule",
        "jugendamt-beratung",
        "ehrenamt-hilfe",
    ]


def test_an_eu_citizen_needs_no_residence_permit():
    assert codes(EU_WORKER) == ["afa-arbeitslos", "integration-beratung", "vhs-kurs"]
    for why in ("refugee", "work", "study", "family", "other"):
        assert "abh-aufenthalt" not in codes(EU_WORKER | {"why": why})


def test_a_student_gets_the_permit_and_career_guidance_but_no_benefits():
    assert codes(STUDENT) == ["abh-aufenthalt", "integration-beratung", "vhs-kurs", "afa-berufsberatung"]


def test_the_rules_name_only_services_of_the_standard_catalogue():
    known = {t.code for t in STANDARD_SERVICES}
    assert {rule.service for rule in finder.RULES} <= known


def test_every_service_that_must_come_first_comes_first_on_every_checklist():
    choices = {
        name: [value for value, _label in field.choices] for name, field in finder.FinderForm.base_fields.items()
    }  # type: ignore[attr-defined]
    import itertools

    for combination in itertools.product(*choices.values()):
        order = codes(dict(zip(choices, combination, strict=True)))
        for before, after in STANDARD_PRECEDENCE:
            if before in order and after in order:
                assert order.index(before) < order.index(after), combination


@pytest.mark.django_db
def test_the_checklist_numbers_the_steps_says_where_and_what_to_bring(guide):
    response = Client().get(f"{GUIDE}/de/finder/checklist/", REFUGEE_FAMILY)
    assert response.status_code == 200
    page = response.content.decode()
    steps = re.findall(
        r'<span class="kurzweg-guide__step-number" aria-hidden="true">(\d+)</span> '
        r'<a class="kern-link" href="/guide/nord/de/services/([a-z-]+)/">',
        page,
    )
    assert [code for _number, code in steps] == codes(REFUGEE_FAMILY)
    assert [int(number) for number, _code in steps] == list(range(1, len(steps) + 1))
    assert "Aktuelles biometrisches Passfoto" in page, "documents to bring"
    assert "E.01" in page, "where the foreigners authority is"


@pytest.mark.django_db
def test_walk_in_services_are_grouped_into_one_visit(guide):
    page = Client().get(f"{GUIDE}/en/finder/checklist/", STUDENT).content.decode()
    one_visit = page.split("kern-alert--success")[1].split("</div>\n</div>")[0]
    assert "Apply for or extend a residence permit" in one_visit
    assert "Career guidance" not in one_visit, "career guidance takes appointments only"
    assert "only with an appointment" in page


@pytest.mark.django_db
def test_the_checklist_link_holds_only_the_answers_and_opens_the_same_list_in_another_language(guide):
    page = Client().get(f"{GUIDE}/uk/finder/checklist/", EU_WORKER | {"name": "Olena"}).content.decode()
    share = re.search(r'<a class="kern-link" href="(http[^"]+)" dir="ltr">', page)
    assert share is not None
    assert (
        share.group(1)
        == "http://testserver/guide/nord/uk/finder/checklist/?eu=yes&amp;why=work&amp;kids=no&amp;work=yes&amp;abroad=no"
    )
    assert 'href="/guide/nord/ar/finder/checklist/?eu=yes&amp;why=work&amp;kids=no&amp;work=yes&amp;abroad=no"' in page
    assert "Olena" not in page


@pytest.mark.django_db
def test_missing_answers_show_the_questions_again(guide):
    response = Client().get(f"{GUIDE}/de/finder/checklist/", {"eu": "no"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "kern-fieldset--error" in page and 'name="eu" value="no" id="id_eu_1" checked' in page


@pytest.mark.django_db
def test_the_checklist_prints_without_navigation(guide):
    page = Client().get(f"{GUIDE}/de/finder/checklist/", EU_WORKER).content.decode()
    assert "kurzweg/guide.css" in page
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "kurzweg" / "static" / "kurzweg" / "guide.css").read_text()
    assert "@media print" in css and ".kurzweg-guide__header" in css.split("@media print")[1]
