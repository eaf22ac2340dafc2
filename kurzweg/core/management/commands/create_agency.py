"""Create an agency with the standard offices and roles, and its first administrator.

kurzweg create_agency landkreis-x "Migrationsagentur Landkreis X" --admin jschmidt
"""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kurzweg.core.models import Agency, Membership, Office, Role, User
from kurzweg.core.setup import create_agency


class Command(BaseCommand):
    help = "Create an agency with the standard offices and roles and its first administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("name")
        parser.add_argument("--admin", required=True, help="user name of the first administrator")
        parser.add_argument("--password", help="read from the terminal when left out")

    def handle(self, *args: Any, slug: str, name: str, admin: str, password: str | None, **options: Any) -> None:
        if Agency.objects.filter(slug=slug).exists():
            raise CommandError(f"An agency with the short name {slug!r} exists already.")
        if password is None:
            password = getpass.getpass(f"Password for {admin}: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            agency = create_agency(slug, name)
            user = User.objects.create_user(username=admin, password=password, agency=agency, is_staff=True)
            Membership.objects.create(
                user=user,
                office=Office.objects.get(agency=agency, code="leitung"),
                role=Role.objects.get(agency=agency, code="admin"),
            )
        self.stdout.write(self.style.SUCCESS(f"Agency {name!r} created; {admin} may sign in at /admin/."))
