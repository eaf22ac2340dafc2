"""Which text about a service a visitor reads, and the translation status editors see.

A visitor reads the text in their language when it is reviewed and made from the current
German text. Otherwise they read the German text, with a notice in their language saying why
(missing, or being updated). A draft is not shown to the public."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kurzweg.languages import NEWCOMER_LANGUAGES, Language
from kurzweg.servicepoint.models import Service

from .models import SOURCE_LANGUAGE, ServiceText, text_state

EASY_READ = "de-ls"


@dataclass
class ShownText:
    text: ServiceText | None  # None: not even a German text yet
    language: str  # the language of the text shown (for the lang attribute)
    fallback: str | None  # None, ServiceText.MISSING or ServiceText.OUTDATED


def texts_by_language(service: Service) -> dict[str, ServiceText]:
    """Uses prefetched `texts` when the caller prefetched them."""
    return {t.language: t for t in service.texts.all()}


def shown_text(service: Service, language: str) -> ShownText:
    texts = texts_by_language(service)
    german = texts.get(SOURCE_LANGUAGE)
    if language == SOURCE_LANGUAGE:
        return ShownText(german, SOURCE_LANGUAGE, None)
    state = text_state(texts.get(language), german)
    if state == ServiceText.Status.REVIEWED:
        return ShownText(texts[language], language, None)
    if german is None:
        return ShownText(None, SOURCE_LANGUAGE, None)
    # A draft counts as missing for the public: nobody has checked it yet.
    fallback = ServiceText.OUTDATED if state == ServiceText.OUTDATED else ServiceText.MISSING
    return ShownText(german, SOURCE_LANGUAGE, fallback)


@dataclass
class Status:
    language: Language
    state: str  # missing, draft, reviewed, outdated


def statuses(service: Service) -> list[Status]:
    """The state of the service's text in every newcomer language (German first)."""
    texts = texts_by_language(service)
    german = texts.get(SOURCE_LANGUAGE)
    return [Status(lang, text_state(texts.get(lang.code), german)) for lang in NEWCOMER_LANGUAGES]


@dataclass
class Coverage:
    """Whether every active service's text is published in every newcomer language, and in
    Leichte Sprache: what the accessibility statement must list as not yet accessible."""

    every_language: bool
    easy_read: bool


def coverage(services: Iterable[Service]) -> Coverage:
    """`services` with their `texts` prefetched (all languages)."""
    every_language = easy_read = True
    for service in services:
        states = {s.language.code: s.state for s in statuses(service)}
        easy_read &= states.get(EASY_READ) == ServiceText.Status.REVIEWED
        every_language &= all(
            state == ServiceText.Status.REVIEWED for code, state in states.items() if code != SOURCE_LANGUAGE
        )
    return Coverage(every_language, easy_read)
