"""Uploading documents: size limit, type from content, virus scan, storage outside the web root.
One function, one transaction with its audit entry; a refused upload leaves no file behind."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.people.access import section_access
from kurzweg.people.models import Person

from . import access as policy
from . import storage
from .models import Document
from .scanner import ScannerError, configured_scanner

logger = logging.getLogger(__name__)


class UploadRefused(ValueError):
    pass


def check_upload(upload: UploadedFile) -> str:
    """The file's type if it may be stored; raises UploadRefused otherwise."""
    limit = storage.max_bytes()
    if upload.size is None or upload.size > limit:
        raise UploadRefused(
            _("The file is too large: at most %(size)s are accepted.") % {"size": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = storage.detect_type(head)
    if content_type is None:
        raise UploadRefused(_("Only PDF, JPEG and PNG files are accepted (checked from the content, not the name)."))
    scanner = configured_scanner()
    if scanner is not None:
        try:
            result = scanner.scan(upload.chunks())
        except ScannerError as error:
            logger.error("document upload refused: the virus scanner failed (%s)", error)
            raise UploadRefused(_("The virus scanner could not check the file. Please try again later.")) from error
        finally:
            upload.seek(0)
        if not result.clean:
            logger.warning("document upload refused: the virus scanner reported %s", result.signature)
            raise UploadRefused(
                _("The virus scanner reported a finding (%(signature)s). The file was not stored.")
                % {"signature": result.signature}
            )
    return content_type


def upload_document(
    user: User,
    person: Person,
    *,
    office: Office,
    kind: str,
    upload: UploadedFile,
    title: str = "",
    valid_until: datetime.date | None = None,
) -> Document:
    """Store a document of `office` (one the user writes in) for the person."""
    if office.pk not in {o.pk for o in policy.document_offices(user)} or person.agency_id != user.agency_id:
        raise PermissionDenied
    grant = section_access(user, person, office)
    if not grant.may_write:
        raise PermissionDenied
    if kind not in Document.Kind.values:
        raise UploadRefused(_("Choose the type of document."))
    content_type = check_upload(upload)
    storage_name, sha256 = storage.store(upload.chunks())
    try:
        with transaction.atomic():
            document = Document.objects.create(
                agency_id=user.agency_id,
                person=person,
                office=office,
                kind=kind,
                title=title,
                valid_until=valid_until,
                content_type=content_type,
                size=upload.size or 0,
                sha256=sha256,
                storage_name=storage_name,
                original_name=storage.clean_name(upload.name or "", content_type),
                uploaded_by=user,
            )
            audit.record(
                user,
                AuditEntry.Action.CREATE,
                person_id=person.pk,
                section_office=office,
                acting_office=grant.acting_office,
                obj=document,
                fields=["kind", "title", "valid_until", "file"],
            )
    except BaseException:
        storage.remove(storage_name)
        raise
    return document
