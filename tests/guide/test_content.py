"""The starting content of the guide: every standard service has its text in every newcomer
language, the translations say what the German text says (same documents, same amounts), the
Leichte Sprache follows its rules, and the public pages show the texts in the visitor's
language — or German with a notice while an agency's translations are still drafts."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kurzweg.guide import content
from kurzweg.guide.content_translations import TRANSLATIONS, Text
from kurzweg.guide.models import AgencyGuide, ServiceText
from kurzweg.languages import NEWCOMER_LANGUAGES
from kurzweg.servicepoint.setup import STANDARD_SERVICES
from tests.conftest import service

from .conftest import GUIDE

FIELDS = ("summary", "who_for", "documents", "fees")
CODES = [template.code for template in STANDARD_SERVICES]
TRANSLATED = [lang.code for lang in NEWCOMER_LANGUAGES if lang.code not in ("de", "en")]


def text_in(code: str, language: str) -> Text:
    return content.TEXTS[code][language] if language in ("de", "en") else TRANSLATIONS[language][code]


def numbers(text: str) -> set[int]:
    """The numbers in a text, whatever digits it is written in (Persian texts use ۰–۹)."""
    return {int(match) for match in re.findall(r"\d+", text)}


def share_of_script(text: str, script: str) -> float:
    """The share of letters in `script`, German terms in brackets left aside."""
    letters = [c for c in re.sub(r"\([^)]*\)", "", text) if c.isalpha()]
    return sum(script in unicodedata.name(c, "") for c in letters) / len(letters)


def test_every_standard_service_has_a_text_in_every_newcomer_language():
    assert set(content.TEXTS) == set(CODES)
    assert set(TRANSLATIONS) == set(TRANSLATED)
    for code in CODES:
        for lang in NEWCOMER_LANGUAGES:
            text = text_in(code, lang.code)
            assert all(getattr(text, field).strip() for field in FIELDS), (code, lang.code)


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_a_translation_lists_the_same_documents_and_the_same_amounts_as_the_german_text(language):
    for code in CODES:
        german, translated = text_in(code, "de"), text_in(code, language)
        assert len(translated.documents.splitlines()) == len(german.documents.splitlines()), (code, "documents")
        for field in FIELDS:
            missing = numbers(getattr(german, field)) - numbers(getattr(translated, field))
            assert not missing, (code, field, missing)
        assert translated != german, code


@pytest.mark.parametrize(
    ("language", "script"),
    [("ar", "ARABIC"), ("fa", "ARABIC"), ("uk", "CYRILLIC"), ("ru", "CYRILLIC"), ("bg", "CYRILLIC")],
)
def test_a_translation_is_written_in_its_own_script(language, script):
    """German terms in brackets are welcome; a German sentence left untranslated is not."""
    for code in CODES:
        text = text_in(code, language)
        for field in FIELDS:
            assert share_of_script(getattr(text, field), script) > 0.6, (code, field)


def easy_sentences() -> list[str]:
    lines = [
        line
        for text in TRANSLATIONS["de-ls"].values()
        for field in FIELDS
        for line in getattr(text, field).splitlines()
    ]
    lines += [line for section in content.EASY_READ for line in section.lines]
    return [sentence for line in lines for sentence in re.split(r"(?<=[.?!])\s+", line)]


def test_leichte_sprache_keeps_its_sentences_short_and_writes_numbers_as_digits():
    sentences = easy_sentences()
    too_long = [sentence for sentence in sentences if len(sentence.split()) > 12]
    assert too_long == []
    number_words = re.compile(r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|hundert)\b", re.I)
    assert [sentence for sentence in sentences if number_words.search(sentence)] == []


def test_leichte_sprache_puts_each_statement_on_its_own_line():
    for code, text in TRANSLATIONS["de-ls"].items():
        for field in ("summary", "who_for", "fees"):
            for line in getattr(text, field).splitlines():
                # One sentence per line; a question and its answer or an example may share a
                # line in the documents list only (one document per line).
                assert len(re.findall(r"[.?!](?=\s|$)", line)) <= 1, (code, field, line)


@pytest.mark.django_db
def test_the_loader_writes_every_language_from_the_current_german_text_and_can_run_again(guide, agency):
    content.load_guide_content(agency)  # the fixture loaded it once already
    rows = ServiceText.objects.filter(service__agency=agency)
    assert rows.count() == len(CODES) * len(NEWCOMER_LANGUAGES)
    residence = service(agency, "abh-aufenthalt")
    german = ServiceText.objects.get(service=residence, language="de")
    for row in ServiceText.objects.filter(service=residence).exclude(language="de"):
        assert row.state(german) == ServiceText.Status.REVIEWED, row.language
    arabic = ServiceText.objects.get(service=residence, language="ar")
    assert arabic.summary == TRANSLATIONS["ar"]["abh-aufenthalt"].summary


@pytest.mark.django_db
def test_an_agency_can_start_from_the_translations_as_drafts(guide, agency):
    content.load_guide_content(agency, translation_status=ServiceText.Status.DRAFT)
    assert set(ServiceText.objects.filter(status="reviewed").values_list("language", flat=True)) == {"de", "en"}
    page = Client().get(f"{GUIDE}/ar/services/abh-aufenthalt/").content.decode()
    assert 'data-fallback="missing"' in page, "a draft is not published: German with a notice"
    assert TRANSLATIONS["ar"]["abh-aufenthalt"].summary not in page


@pytest.mark.django_db
def test_an_arabic_service_page_shows_the_arabic_text_right_to_left(guide):
    page = Client().get(f"{GUIDE}/ar/services/abh-aufenthalt/").content.decode()
    arabic = TRANSLATIONS["ar"]["abh-aufenthalt"]
    assert '<html lang="ar" dir="rtl"' in page
    assert "data-fallback" not in page
    assert arabic.summary in page
    assert "<li>صورة شخصية بيومترية حديثة</li>" in page
    assert "Die Ausländerbehörde erteilt" not in page


@pytest.mark.django_db
def test_a_service_page_in_leichte_sprache_shows_one_sentence_per_line(guide):
    page = Client().get(f"{GUIDE}/de-ls/services/abh-aufenthalt/").content.decode()
    assert "data-fallback" not in page
    assert "Sie wollen in Deutschland wohnen?<br>Dann brauchen Sie eine Aufenthalts-Erlaubnis.<br>" in page
    assert "<li>Ihre alte Aufenthalts-Erlaubnis.</li>" in page
    assert "Meistens kostet das 100 Euro.<br>" in page
    assert "Die Ausländerbehörde erteilt" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "uk", "de-ls"])
def test_the_checklist_lists_the_documents_in_the_visitors_language(guide, language):
    answers = "?eu=no&why=refugee&kids=yes&work=yes&abroad=no"
    response = Client().get(f"{GUIDE}/{language}/finder/checklist/{answers}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "data-fallback" not in page
    for code in ("abh-aufenthalt", "bildung-schule"):
        first_document = TRANSLATIONS[language][code].documents.splitlines()[0]
        assert f"<li>{first_document}</li>" in page, (code, first_document)


@pytest.mark.django_db
def test_the_leichte_sprache_page_explains_the_site_and_links_to_its_pages_in_leichte_sprache(guide, agency):
    page = Client().get(f"{GUIDE}/de-ls/easy-read/").content.decode()
    for section in content.EASY_READ:
        assert section.title in page
    for path in ("", "finder/", "way/", "accessibility/"):
        assert f'href="/guide/nord/de-ls/{path}"' in page, path
    assert "Es gibt noch kein Video in Deutscher Gebärden-Sprache." in page
    assert 'href="tel:0344573-0"' in page and "migrationsagentur@example.org" in page

    settings = AgencyGuide.objects.get(agency=agency)
    settings.sign_language_video_url = "https://video.example/dgs.mp4"
    settings.sign_language_captions_url = "https://video.example/dgs.vtt"
    settings.save()
    page = Client().get(f"{GUIDE}/de-ls/easy-read/").content.decode()
    assert '<video controls preload="metadata" src="https://video.example/dgs.mp4"' in page
    assert '<track kind="captions" srclang="de" src="https://video.example/dgs.vtt"' in page
    assert "Es gibt noch kein Video" not in page


@pytest.mark.django_db
def test_an_agency_adds_the_missing_texts_as_drafts_and_keeps_its_own(guide, agency):
    residence = service(agency, "abh-aufenthalt")
    ServiceText.objects.filter(service__agency=agency).exclude(language__in=("de", "en")).delete()
    german = ServiceText.objects.get(service=residence, language="de")
    german.summary = "Unser eigener Text."
    german.save()
    out = io.StringIO()
    call_command("load_service_texts", "nord", stdout=out)
    assert out.getvalue() == f"{len(CODES) * len(TRANSLATED)} texts written.\n"
    german.refresh_from_db()
    assert german.summary == "Unser eigener Text.", "the agency's text is kept"
    drafts = ServiceText.objects.filter(service__agency=agency).exclude(language__in=("de", "en"))
    assert set(drafts.values_list("status", flat=True)) == {ServiceText.Status.DRAFT}
    assert drafts.get(service=residence, language="uk").state(german) == ServiceText.OUTDATED
    school = service(agency, "bildung-schule")
    school_german = ServiceText.objects.get(service=school, language="de")
    assert drafts.get(service=school, language="uk").state(school_german) == ServiceText.Status.DRAFT
    page = Client().get(f"{GUIDE}/uk/services/bildung-schule/").content.decode()
    assert 'data-fallback="missing"' in page, "drafts are not published"

    call_command("load_service_texts", "nord", "--publish", "--overwrite", stdout=io.StringIO())
    page = Client().get(f"{GUIDE}/uk/services/bildung-schule/").content.decode()
    assert "data-fallback" not in page and TRANSLATIONS["uk"]["bildung-schule"].summary in page


@pytest.mark.django_db
def test_an_unknown_agency_is_refused():
    with pytest.raises(CommandError):
        call_command("load_service_texts", "nowhere", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_accessibility_statement_lists_only_what_is_really_missing(guide, agency):
    """With every text published in every language, the statement no longer says texts are
    missing; a language without its text brings the sentence back."""
    url = f"{GUIDE}/en/accessibility/"
    page = Client().get(url).content.decode()
    assert "not yet available in every language" not in page
    assert "not yet available in Leichte Sprache" not in page
    ServiceText.objects.filter(service__agency=agency, language="de-ls").first().delete()
    page = Client().get(url).content.decode()
    assert "not yet available in Leichte Sprache" in page
    assert "not yet available in every language" in page
