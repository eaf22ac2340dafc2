"""The demo agency's staff: about 70 people with German names, each working in one office (a few
in two) with one of the standard roles, and fixed sign-ins for trying each role."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from faker import Faker

from kurzweg.core.models import Agency, Membership, Office, Role, User
from kurzweg.people.names import fold_name

# Published on purpose: the auth backend refuses demo accounts outside demo mode.
DEMO_PASSWORD = "kurzweg-demo"

# Staff per office and role: (office code, role code, how many).
STAFF_PLAN = [
    ("leitung", "lead", 1),
    ("leitung", "dpo", 1),
    ("leitung", "admin", 1),
    ("empfang", "lead", 1),
    ("empfang", "reception", 5),
    ("abh", "lead", 1),
    ("abh", "specialist", 2),
    ("abh", "caseworker", 9),
    ("asylblg", "lead", 1),
    ("asylblg", "caseworker", 5),
    ("unterkunft", "lead", 1),
    ("unterkunft", "caseworker", 4),
    ("integration", "lead", 1),
    ("integration", "specialist", 1),
    ("integration", "caseworker", 5),
    ("jobcenter", "lead", 1),
    ("jobcenter", "caseworker", 8),
    ("afa", "lead", 1),
    ("afa", "caseworker", 5),
    ("wirtschaft", "lead", 1),
    ("wirtschaft", "caseworker", 1),
    ("jugendamt", "lead", 1),
    ("jugendamt", "specialist", 2),
    ("jugendamt", "caseworker", 2),
    ("vhs", "lead", 1),
    ("vhs", "caseworker", 2),
    ("bildung", "lead", 1),
    ("bildung", "caseworker", 2),
    ("sport", "lead", 1),
    ("sport", "caseworker", 1),
    ("ehrenamt", "lead", 1),
    ("ehrenamt", "caseworker", 1),
]

# Staff who also work in a second office: (office, role, which of them) → (second office, role).
SECOND_OFFICES = {
    ("integration", "caseworker", 0): ("ehrenamt", "caseworker"),
    ("integration", "caseworker", 1): ("ehrenamt", "caseworker"),
    ("vhs", "caseworker", 0): ("bildung", "caseworker"),
    # The deputy data protection officer: deleting a person needs a second person's approval.
    ("wirtschaft", "caseworker", 0): ("leitung", "dpo"),
}


@dataclass(frozen=True)
class SignIn:
    username: str
    office: str
    role: str


# One memorable sign-in per role and office that shows a path of the access policy.
SIGN_INS = [
    SignIn("empfang", "empfang", "reception"),
    SignIn("abh", "abh", "caseworker"),
    SignIn("abh-fach", "abh", "specialist"),
    SignIn("abh-leitung", "abh", "lead"),
    SignIn("asyl", "asylblg", "caseworker"),
    SignIn("unterkunft", "unterkunft", "caseworker"),
    SignIn("integration", "integration", "caseworker"),
    SignIn("jobcenter", "jobcenter", "caseworker"),
    SignIn("afa", "afa", "caseworker"),
    SignIn("jugendamt", "jugendamt", "caseworker"),
    SignIn("jugendamt-fach", "jugendamt", "specialist"),
    SignIn("leitung", "leitung", "lead"),
    SignIn("datenschutz", "leitung", "dpo"),
    SignIn("datenschutz-2", "wirtschaft", "caseworker"),  # also the deputy data protection officer
    SignIn("admin", "leitung", "admin"),
]

EMAIL_DOMAIN = "saalegrund.example"
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})


class UsernameTaken(Exception):
    pass


def _username(first: str, last: str, taken: set[str]) -> str:
    base = fold_name(f"{first[0]}. {last.lower().translate(_GERMAN)}").replace(" ", ".").replace("..", ".")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def create_staff(agency: Agency, rng: random.Random, seed: int) -> dict[tuple[str, str], list[User]]:
    """Create the staff; returns them by (office code, role code), including second offices."""
    offices = {o.code: o for o in Office.objects.filter(agency=agency)}
    roles = {r.code: r for r in Role.objects.filter(agency=agency)}
    fixed = {(s.office, s.role): s.username for s in SIGN_INS}
    clash = set(User.objects.filter(username__in=fixed.values()).values_list("username", flat=True))
    if clash:
        raise UsernameTaken(", ".join(sorted(clash)))
    taken = set(User.objects.values_list("username", flat=True)) | set(fixed.values())
    fake = Faker("de_DE")
    fake.seed_instance(seed)
    # Hashing is slow on purpose; all demo accounts share one password, so hash it once.
    password = make_password(DEMO_PASSWORD)

    users: list[User] = []
    plan: list[tuple[str, str, int]] = []  # (office, role, index within office and role)
    for office_code, role_code, count in STAFF_PLAN:
        for index in range(count):
            female = rng.random() < 0.62  # most staff of German social administrations are women
            first = fake.first_name_female() if female else fake.first_name_male()
            last = fake.last_name()
            while " " in last:  # Faker's German list has a few oddities such as "Koch II"
                last = fake.last_name()
            username = fixed.get((office_code, role_code)) if index == 0 else None
            username = username or _username(first, last, taken)
            users.append(
                User(
                    agency=agency,
                    username=username,
                    first_name=first,
                    last_name=last,
                    password=password,
                    email=f"{username}@{EMAIL_DOMAIN}",
                    is_demo=True,
                    is_staff=role_code == "admin",
                )
            )
            plan.append((office_code, role_code, index))
    User.objects.bulk_create(users)
    # bulk_create sets primary keys on SQLite and PostgreSQL; fetch them by username to be safe elsewhere.
    by_name = dict(User.objects.filter(agency=agency).values_list("username", "pk"))
    for user in users:
        user.pk = by_name[user.username]

    staff: dict[tuple[str, str], list[User]] = {}
    memberships = []
    for user, (office_code, role_code, index) in zip(users, plan, strict=True):
        memberships.append(Membership(user=user, office=offices[office_code], role=roles[role_code]))
        staff.setdefault((office_code, role_code), []).append(user)
        second = SECOND_OFFICES.get((office_code, role_code, index))
        if second:
            memberships.append(Membership(user=user, office=offices[second[0]], role=roles[second[1]]))
            staff.setdefault(second, []).append(user)
    Membership.objects.bulk_create(memberships)
    return staff


def sign_in_rows(agency: Agency) -> list[tuple[str, str, str]]:
    """(username, role, office) of the fixed sign-ins, as they are in the database."""
    wanted = {s.username for s in SIGN_INS}
    rows = []
    memberships = (
        Membership.objects.filter(user__agency=agency, user__username__in=wanted)
        .select_related("user", "office", "role")
        .order_by("user__username", "pk")
    )
    by_user: dict[str, list[Membership]] = {}
    for m in memberships:
        by_user.setdefault(m.user.username, []).append(m)
    for sign_in in SIGN_INS:
        for m in by_user.get(sign_in.username, []):
            rows.append((sign_in.username, m.role.name, m.office.name))
    return rows
