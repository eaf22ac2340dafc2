"""The staff interface is complete in German and English: every string in the code has a
German translation, and the compiled catalogue matches its source. Pages for newcomers are
complete in every newcomer language (kurzweg/languages.py)."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from kurzweg.languages import NEWCOMER_LANGUAGES, PUBLIC_SOURCES, locale_name

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kurzweg" / "locale"


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def test_every_german_string_is_translated_and_none_is_fuzzy():
    po = catalogue("de")
    untranslated = [e.msgid for e in po if not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations(open(LOCALE / "de" / "LC_MESSAGES" / "django.mo", "rb"))  # noqa: SIM115
    stale = [e.msgid for e in catalogue("de") if not e.msgid_plural and compiled_text(compiled, e) != e.msgstr]
    assert stale == [], "run `make messages` to compile the translations"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "kurzweg"
    shutil.copytree(ROOT / "kurzweg", copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "de", "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))}
    known = {e.msgid for e in catalogue("de")}
    assert sorted(fresh - known) == [], "run `make messages` and translate the new strings"


def compiled_text(compiled: gettext.GNUTranslations, entry: polib.POEntry) -> str:
    """What the compiled catalogue says for `entry` (in its context, if it has one)."""
    return compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)


def key(entry: polib.POEntry) -> tuple[str, str]:
    """A string is its text in its context: "Step" in a plan is not "Step" elsewhere."""
    return (entry.msgctxt or "", entry.msgid)


def is_public(entry: polib.POEntry) -> bool:
    return any(path.startswith(PUBLIC_SOURCES) for path, _line in entry.occurrences)


TRANSLATED_LANGUAGES = [lang.code for lang in NEWCOMER_LANGUAGES if lang.code not in ("de", "en")]


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_every_string_newcomers_see_is_translated_into_their_language(code):
    path = LOCALE / locale_name(code) / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalogue for {code}: run `make messages`"
    po = polib.pofile(str(path))
    public = {key(e) for e in catalogue("de") if is_public(e)}
    assert public, "no public strings found: the source paths in PUBLIC_SOURCES are wrong"
    translated = {key(e) for e in po if e.translated() and "fuzzy" not in e.flags}
    assert sorted(public - translated) == []
    compiled = gettext.GNUTranslations(open(path.with_suffix(".mo"), "rb"))  # noqa: SIM115
    stale = [e.msgid for e in po if key(e) in public and not e.msgid_plural and compiled_text(compiled, e) != e.msgstr]
    assert stale == [], "run `make messages` to compile the translations"
