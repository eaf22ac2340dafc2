"""Give an agency's standard services their starting texts in every newcomer language.

kurzweg load_service_texts landkreis-x            # adds missing texts; translations as drafts
kurzweg load_service_texts landkreis-x --publish  # translations published at once
kurzweg load_service_texts landkreis-x --overwrite

The translations are machine-assisted (guide/content_translations/): as drafts, the public
keeps reading German with a notice until the agency's editors have checked each one at
/content/ and set it to reviewed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kurzweg.core.models import Agency
from kurzweg.guide.content import load_service_texts
from kurzweg.guide.models import ServiceText

from ...views.pagecache import content_changed


class Command(BaseCommand):
    help = "Give an agency's standard services their starting texts in every newcomer language."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="the agency's short name")
        parser.add_argument("--publish", action="store_true", help="publish the translations (default: drafts)")
        parser.add_argument("--overwrite", action="store_true", help="replace texts the agency has already")

    def handle(self, *args: Any, agency: str, publish: bool, overwrite: bool, **options: Any) -> None:
        found = Agency.objects.filter(slug=agency).first()
        if found is None:
            raise CommandError(f"No agency with the short name {agency!r}.")
        status = ServiceText.Status.REVIEWED if publish else ServiceText.Status.DRAFT
        with transaction.atomic():
            written = load_service_texts(found, translation_status=status, overwrite=overwrite)
            content_changed()  # the public pages are rendered afresh
        self.stdout.write(f"{written} texts written.\n")
