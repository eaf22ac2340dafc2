"""Which newcomer language a printout for a person is in by default."""

from __future__ import annotations

from kurzweg.languages import BY_CODE

from .models import Person

# The person's spoken languages are ISO 639-3; the printout languages are Django's codes.
PRINT_LANGUAGE_OF = {
    "deu": "de", "eng": "en", "ara": "ar", "arb": "ar", "fas": "fa", "pes": "fa", "prs": "fa",
    "ukr": "uk", "rus": "ru", "ron": "ro", "bul": "bg", "pol": "pl", "hun": "hu", "tur": "tr",
}  # fmt: skip


def printout_language(person: Person) -> str:
    """The person's native language if Kurzweg prints in it, else another they speak; German
    otherwise."""
    spoken = person.languages.order_by("pk").values_list("code", "level")
    ranked = sorted(spoken, key=lambda row: row[1] != "native")
    for code, _level in ranked:
        if (lang := PRINT_LANGUAGE_OF.get(str(code).lower())) in BY_CODE:
            return lang
    return "de"
