"""The bench agency: its staff and memberships, legal bases and the consent pairs persons give."""

from __future__ import annotations

from datetime import date, timedelta

from .common import AGENCY_SLUG

# (username, first name, last name, [(office code, role code)], measured?)
STAFF = [
    ("sb.abh", "Anja", "Keller", [("abh", "caseworker")], True),
    ("sb.jobcenter", "Murat", "Yıldız", [("jobcenter", "caseworker")], True),
    ("fb.asylblg", "Petra", "Hoffmann", [("asylblg", "specialist")], True),
    ("tl.integration", "Jonas", "Schäfer", [("integration", "lead")], True),
    ("sb.abh-jobcenter", "Lea", "Brandt", [("abh", "caseworker"), ("jobcenter", "caseworker")], True),
    ("sb.unterkunft", "Olga", "Becker", [("unterkunft", "caseworker")], True),
    ("empfang", "Tim", "Wagner", [("empfang", "reception")], False),
    ("dsb", "Sabine", "Vogel", [("leitung", "dpo")], False),
    ("admin", "Karl", "Ritter", [("leitung", "admin")], False),
]

# (reader office, section office, reference, covers special categories, valid from, valid until)
LEGAL_BASES = [
    ("jobcenter", "abh", "§ 87 Abs. 1 AufenthG i. V. m. § 50 SGB II", False, None, None),
    ("asylblg", "abh", "§ 87 Abs. 1 AufenthG", False, None, None),
    ("abh", "asylblg", "§ 90 Abs. 3 AufenthG", False, None, None),
    ("integration", "abh", "§ 88a AufenthG", False, None, None),
    ("afa", "jobcenter", "§ 50 SGB II", False, None, None),
    ("jobcenter", "afa", "§ 50 SGB II", False, None, None),
    ("unterkunft", "asylblg", "§ 9 AsylbLG", False, None, None),
    ("jugendamt", "asylblg", "§ 8a SGB VIII", True, None, None),
    ("asylblg", "unterkunft", "§ 9 AsylbLG", False, date(2024, 1, 1), None),
    ("integration", "jobcenter", "Kooperationsvereinbarung 2019", False, None, date(2020, 12, 31)),  # expired
    ("vhs", "integration", "§ 44 AufenthG", False, date.today() + timedelta(days=365), None),  # not yet valid
]

# (section office, recipient office, covers special categories)
CONSENT_PAIRS = [
    ("asylblg", "integration", False),
    ("jobcenter", "integration", False),
    ("abh", "vhs", False),
    ("integration", "ehrenamt", False),
    ("unterkunft", "integration", False),
    ("asylblg", "jugendamt", True),
    ("abh", "bildung", False),
    ("jobcenter", "wirtschaft", False),
]


class Fixtures:
    def __init__(self, agency, offices, staff, measured):  # type: ignore[no-untyped-def]
        self.agency = agency
        self.offices = offices  # code -> Office
        self.staff = staff  # list[User]
        self.measured = measured  # list[User]: staff who read sections

    @classmethod
    def create(cls) -> Fixtures:
        from django.db import transaction

        from kurzweg.core.models import LegalBasis, Membership, Office, Role, User
        from kurzweg.core.setup import create_agency

        with transaction.atomic():
            agency = create_agency(AGENCY_SLUG, "Landkreis Benchheim – Amt für Migration", "Kreishaus, 12345 Benchheim")
            offices = {o.code: o for o in Office.objects.filter(agency=agency)}
            roles = {r.code: r for r in Role.objects.filter(agency=agency)}
            for username, first, last, memberships, _measured in STAFF:
                user = User(username=username, first_name=first, last_name=last, agency=agency)
                user.set_unusable_password()
                user.save()
                for office, role in memberships:
                    Membership.objects.create(user=user, office=offices[office], role=roles[role])
            LegalBasis.objects.bulk_create(
                LegalBasis(
                    agency=agency,
                    reader_office=offices[r],
                    section_office=offices[s],
                    reference=ref,
                    covers_special_categories=special,
                    valid_from=frm,
                    valid_until=until,
                )
                for r, s, ref, special, frm, until in LEGAL_BASES
            )
        return cls.existing()

    @classmethod
    def existing(cls) -> Fixtures:
        from kurzweg.core.models import Agency, Office, User

        agency = Agency.objects.get(slug=AGENCY_SLUG)
        offices = {o.code: o for o in Office.objects.filter(agency=agency)}
        staff = list(User.objects.filter(agency=agency).order_by("username"))
        by_name = {u.username: u for u in staff}
        measured = [by_name[s[0]] for s in STAFF if s[4]]
        return cls(agency, offices, staff, measured)
