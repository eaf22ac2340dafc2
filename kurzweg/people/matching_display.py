"""Reasons of the matching engine in plain, translated language: Reason("family_name_sounds_alike",
"Jafari", "Dschafari") -> "family name sounds alike: Jafari ~ Dschafari"."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from .matching.records import Reason

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


def reason_text(reason: Reason) -> str:
    label = str(LABELS.get(reason.code, reason.code.replace("_", " ")))
    q, r = reason.query_value, reason.record_value
    if reason.code in WITH_VALUES and q and r and q != r:
        return f"{label}: {reason.query_value} ~ {reason.record_value}"
    return label


def reason_texts(reasons: Iterable[Reason]) -> list[str]:
    return [reason_text(r) for r in reasons]
