"""Issue an API token for another system, acting as a staff account of the same agency.

kurzweg create-api-token kiosk-eingang --acts-as kiosk
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kurzweg.core import tokens
from kurzweg.core.models import User


class Command(BaseCommand):
    help = "Issue an API token (shown once) that acts as the given staff account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="which system uses the token")
        parser.add_argument("--acts-as", required=True, help="user name of the staff account")

    def handle(self, *args: Any, name: str, acts_as: str, **options: Any) -> None:
        try:
            user = User.objects.get(username=acts_as, is_active=True)
        except User.DoesNotExist as error:
            raise CommandError(f"No active staff account {acts_as!r}.") from error
        _row, token = tokens.issue(user, name)
        self.stdout.write(f"Token for {name} (acting as {acts_as}); it is shown only now:\n{token}")
