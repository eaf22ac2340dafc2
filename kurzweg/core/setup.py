"""Setting up an agency with the standard offices and roles of a migration agency."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .models import Agency, Office, Role

K = Office.Kind

# (code, kind, German name, legal area, keeps a section)
STANDARD_OFFICES: list[tuple[str, str, str, str, bool]] = [
    ("abh", K.AUSLAENDERBEHOERDE, "Ausländerbehörde", "AufenthG", True),
    ("asylblg", K.ASYLBLG, "Asylbewerberleistungen", "AsylbLG", True),
    ("unterkunft", K.UNTERKUNFT, "Unterkunftsverwaltung", "AsylbLG", True),
    ("integration", K.INTEGRATION, "Integration", "", True),
    ("jobcenter", K.JOBCENTER, "Jobcenter", "SGB II", True),
    ("afa", K.AGENTUR_FUER_ARBEIT, "Agentur für Arbeit", "SGB III", True),
    ("wirtschaft", K.WIRTSCHAFTSAMT, "Wirtschaftsamt", "", True),
    ("jugendamt", K.JUGENDAMT, "Jugendamt", "SGB VIII", True),
    ("vhs", K.VHS, "Volkshochschule", "", True),
    ("bildung", K.BILDUNG, "Bildungskoordination", "", True),
    ("sport", K.SPORT, "Kreissportbund", "", True),
    ("ehrenamt", K.EHRENAMT, "Ehrenamtskoordination", "", True),
    ("empfang", K.EINGANGSZONE, "Eingangszone", "", False),
    ("leitung", K.LEITUNG, "Leitung", "", False),
]


@dataclass(frozen=True)
class RoleTemplate:
    code: str
    name: str
    may_register_persons: bool
    may_read_section: bool
    may_write_section: bool
    may_read_special_categories: bool
    may_record_consent: bool
    may_view_access_log: bool
    may_oversee_all: bool
    may_administer: bool
    may_steward_data: bool
    may_issue_tickets: bool
    may_view_statistics: bool
    may_edit_content: bool
    may_override_consent: bool = False  # nobody by default: an agency grants it on purpose
    may_handle_data_protection: bool = False  # the data protection officer (set below)


# The data steward ("steward") works in the Leitung office: reviews suspected duplicates and
# merges persons (master data only; office sections move along unread).
# fmt: off
STANDARD_ROLES = [
    #            code          name                               reg    read   write  spec   cons   log    all    admin  steward ticket stats  content
    RoleTemplate("caseworker", "Sachbearbeitung",                 True,  True,  True,  False, True,  False, False, False, False,  False, False, False),
    RoleTemplate("specialist", "Fachberatung (besondere Daten)",  True,  True,  True,  True,  True,  False, False, False, False,  False, False, False),
    RoleTemplate("lead",       "Teamleitung",                     True,  True,  True,  True,  True,  True,  False, False, True,   True,  True,  True),
    RoleTemplate("reception",  "Empfang",                         True,  False, False, False, False, False, False, False, False,  True,  False, False),
    RoleTemplate("dpo",        "Datenschutzbeauftragte/r",        False, False, False, False, False, True,  True,  False, False,  False, False, False, may_handle_data_protection=True),
    RoleTemplate("admin",      "Administration",                  False, False, False, False, False, False, False, True,  False,  False, True,  True),
    RoleTemplate("steward",    "Datenpflege",                     True,  False, False, False, False, False, False, False, True,   False, False, False),
]
# fmt: on


@transaction.atomic
def create_agency(slug: str, name: str, address: str = "") -> Agency:
    agency = Agency.objects.create(slug=slug, name=name, address=address)
    Office.objects.bulk_create(
        Office(agency=agency, code=code, kind=kind, name=name, legal_area=area, has_section=section)
        for code, kind, name, area, section in STANDARD_OFFICES
    )
    Role.objects.bulk_create(
        Role(agency=agency, **{f: getattr(t, f) for f in RoleTemplate.__dataclass_fields__}) for t in STANDARD_ROLES
    )
    return agency
