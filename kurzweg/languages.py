"""The languages Kurzweg speaks with newcomers: kiosk, tickets, the live ticket page, printouts
and (later) the public guide. Staff pages are German or English only (settings.STAFF_LANGUAGES)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # Django language code
    native_name: str  # how the language calls itself: what a newcomer looks for
    rtl: bool = False


NEWCOMER_LANGUAGES: tuple[Language, ...] = (
    Language("de", "Deutsch"),
    Language("de-ls", "Leichte Sprache"),
    Language("en", "English"),
    Language("ar", "العربية", rtl=True),
    Language("fa", "فارسی", rtl=True),
    Language("uk", "Українська"),
    Language("ru", "Русский"),
    Language("ro", "Română"),
    Language("bg", "Български"),
    Language("pl", "Polski"),
    Language("hu", "Magyar"),
    Language("tr", "Türkçe"),
)
BY_CODE = {lang.code: lang for lang in NEWCOMER_LANGUAGES}
CHOICES = [(lang.code, lang.native_name) for lang in NEWCOMER_LANGUAGES]


def newcomer_language(code: str | None) -> Language:
    """The language for a newcomer-facing page; German when the code is unknown."""
    return BY_CODE.get(code or "", NEWCOMER_LANGUAGES[0])


# Source files whose strings newcomers (or a call display in the waiting area) see. Every string
# found in them must be translated into every newcomer language (tests/test_translations.py);
# staff pages need German and English only. Paths are relative to the kurzweg/ package.
PUBLIC_SOURCES = (
    "languages.py",
    "templates/servicepoint/public_base.html",
    "templates/servicepoint/kiosk/",
    "templates/servicepoint/print/",
    "templates/servicepoint/ticket/",
    "templates/servicepoint/display/",
    "templates/servicepoint/pictograms/",
    "servicepoint/views/kiosk.py",
    "servicepoint/views/ticket.py",
    "servicepoint/views/display.py",
    "servicepoint/status.py",
    "servicepoint/printing.py",
    "guide/",
    "templates/guide/",
    "templates/people/consent_print.html",
    "templates/people/consent_print_block.html",
    "templates/_printout_controls.html",
    "templates/cases/plan_print.html",
    "templates/cases/plan_print_block.html",
)


def locale_name(code: str) -> str:
    """The folder name under kurzweg/locale/ (de-ls → de_LS)."""
    language, _sep, region = code.partition("-")
    return f"{language}_{region.upper()}" if region else language
