"""Reasons of the matching engine in plain, translated language: Reason("family_name_sounds_alike",
"Jafari", "Dschafari") -> "family name sounds alike: Jafari ~ Dschafari"."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from .matching.records import Reason
from .models import Identifier

LABELS = {
    "same_birth_date": _("same birth date"),
    "birth_date_day_month_swapped": _("day and month of birth swapped"),
    "birth_year_off_by_one": _("year of birth off by one"),
    "birth_date_placeholder": _("birth date looks like a placeholder (1 January)"),
    "birth_date_unknown": _("birth date unknown"),
    "same_birth_year": _("same year of birth"),
    "different_birth_date": _("different birth date"),
    "same_name": _("same name"),
    "given_name_sounds_alike": _("given name sounds alike"),
    "family_name_sounds_alike": _("family name sounds alike"),
    "names_swapped": _("given and family name swapped"),
    "name_in_original_script": _("name in original script"),
    "known_spelling": _("known other spelling"),
    "name_typo": _("name with a typo"),
    "same_nationality": _("same nationality"),
    "different_nationality": _("different nationality"),
    "same_sex": _("same sex"),
    "different_sex": _("different sex"),
    "same_birth_place": _("same place of birth"),
    "same_identifier": _("same identifier"),
    "identifier_typo": _("identifier with a typo"),
    "different_identifier": _("different identifier"),
}


# Reasons shown with both values ("Jafari ~ Dschafari"); the others say it all by their label.
WITH_VALUES = frozenset(
    {
        "given_name_sounds_alike",
        "family_name_sounds_alike",
        "known_spelling",
        "name_typo",
        "name_in_original_script",
        "birth_date_day_month_swapped",
        "birth_year_off_by_one",
        "different_birth_date",
        "different_nationality",
    }
)


# Reasons whose values are identifiers, "kind:country:value" (matching/identifiers.py).
IDENTIFIER_CODES = frozenset({"same_identifier", "identifier_typo", "different_identifier"})


def identifier_text(text: str) -> str:
    """ "passport:DEU:C01X00T47" -> "passport C01X00T47" (the kind in the user's language)."""
    kind, _country, value = text.split(":", 2) if text.count(":") >= 2 else ("", "", text)
    label = str(Identifier.Kind(kind).label) if kind in Identifier.Kind.values else kind
    return f"{label} {value}".strip()


def reason_text(reason: Reason) -> str:
    label = str(LABELS.get(reason.code, reason.code.replace("_", " ")))
    q, r = reason.query_value, reason.record_value
    if reason.code in IDENTIFIER_CODES and q and r:
        q, r = identifier_text(q), identifier_text(r)
        if reason.code == "same_identifier":
            return f"{label}: {r}"
        return f"{label}: {q} ~ {r}"
    if reason.code in WITH_VALUES and q and r and q != r:
        return f"{label}: {reason.query_value} ~ {reason.record_value}"
    return label


def reason_texts(reasons: Iterable[Reason]) -> list[str]:
    return [reason_text(r) for r in reasons]
